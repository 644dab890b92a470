import io.github.stylize.maven.it.ItFixtures

def dir = basedir.toPath()
ItFixtures.writeTinyWeights(dir.resolve('tiny-vgg.h5'))
ItFixtures.drawContent(dir.resolve('src/main/stylize/content/harbor.png'), 64, 48, 0)
// 24x24: within the preview's cap, so its preview is its full render
ItFixtures.drawContent(dir.resolve('src/main/stylize/content/icon.png'), 24, 24, 1)
ItFixtures.drawStyle(dir.resolve('src/main/stylize/styles/mosaic.png'), 32, 0)
return true
