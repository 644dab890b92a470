import io.github.stylize.maven.it.ItFixtures

def dir = basedir.toPath()
ItFixtures.writeTinyWeights(dir.resolve('tiny-vgg.h5'))
ItFixtures.drawContent(dir.resolve('src/main/stylize/content/harbor.png'), 48, 32, 0)
ItFixtures.drawStyle(dir.resolve('src/main/stylize/styles/waves.png'), 32, 1)
return true
