import io.github.stylize.maven.it.ItFixtures

def dir = basedir.toPath()
ItFixtures.writeTinyWeights(dir.resolve('tiny-vgg.h5'))
ItFixtures.drawTile(dir.resolve('src/main/stylize/content/tile.png'), 64, 48)
ItFixtures.drawMask(dir.resolve('src/main/stylize/masks/tile-left.png'), 64, 48, 32)
ItFixtures.drawSprite(dir.resolve('src/main/stylize/content/sprites/ball.png'), 48)
ItFixtures.drawStyle(dir.resolve('src/main/stylize/styles/mosaic.png'), 32, 0)
return true
