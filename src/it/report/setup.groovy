import io.github.stylize.maven.it.ItFixtures

def dir = basedir.toPath()
ItFixtures.writeTinyWeights(dir.resolve('tiny-vgg.h5'))
ItFixtures.drawContent(dir.resolve('src/main/stylize/harbor.png'), 48, 32, 0)
ItFixtures.drawStyle(dir.resolve('src/main/stylize/mosaic.png'), 32, 0)
return true
