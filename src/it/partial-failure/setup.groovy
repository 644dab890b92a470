import io.github.stylize.maven.it.ItFixtures

def dir = basedir.toPath()
ItFixtures.writeTinyWeights(dir.resolve('tiny-vgg.h5'))
ItFixtures.drawContent(dir.resolve('src/main/stylize/content/häfen mit Leerzeichen.png'), 48, 32, 0)
ItFixtures.drawContent(dir.resolve('src/main/stylize/content/too-large.png'), 200, 120, 1)
ItFixtures.drawStyle(dir.resolve('src/main/stylize/styles/waves.png'), 32, 1)
// starts like a PNG, so it passes the up-front check; only the engine's decoder finds it broken
ItFixtures.writeCorruptPng(dir.resolve('src/main/stylize/content/broken.png'))
// decodes to a 48x32 image, but its embedded ICC profile inflates to 17 MiB: refused by the reader's limit
ItFixtures.writeMetadataBombPng(dir.resolve('src/main/stylize/content/bomb.png'))
return true
