import io.github.stylize.maven.it.ItFixtures

def dir = basedir.toPath()
ItFixtures.writeTinyWeights(dir.resolve('tiny-vgg.h5'))
ItFixtures.drawContent(dir.resolve('src/main/stylize/content/harbor.png'), 48, 32, 0)
ItFixtures.drawContent(dir.resolve('src/main/stylize/content/sprites/tree.png'), 48, 48, 1)
ItFixtures.drawContent(dir.resolve('src/main/stylize/content/sprites/crate.png'), 40, 40, 2)
ItFixtures.drawStyle(dir.resolve('src/main/stylize/styles/mosaic.png'), 32, 0)
ItFixtures.drawStyle(dir.resolve('src/main/stylize/styles/waves.png'), 32, 1)
return true
