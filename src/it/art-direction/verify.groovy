import groovy.json.JsonSlurper
import javax.imageio.ImageIO

// Story: a game texture declared tileable, a content styled through a mask, and a sprite batch with alphaMask, in a
// real build.
def generated = new File(basedir, 'target/generated-resources/stylize')

/** Mean absolute differences between each column and the next, the last one's next being the first. */
def columnDifferences = { image ->
    (0..<image.width).collect { x ->
        def sum = 0d
        (0..<image.height).each { y ->
            def a = image.getRGB(x, y)
            def b = image.getRGB((x + 1) % image.width, y)
            [16, 8, 0].each { shift -> sum += Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)) }
        }
        sum / (image.height * 3)
    }
}
def seam = { name ->
    def differences = columnDifferences(ImageIO.read(new File(generated, name)))
    def interior = differences[0..-2]
    def mean = interior.sum() / interior.size()
    def deviation = Math.sqrt(interior.collect { (it - mean) * (it - mean) }.sum() / interior.size())
    [seam: differences[-1], mean: mean, deviation: deviation]
}
def tiled = seam('tile.png')
def plain = seam('tile-plain.png')
println "tileable: $tiled; plain: $plain"
assert tiled.seam <= tiled.mean + 2 * tiled.deviation : "the tileable output has a seam: $tiled"
assert plain.seam > plain.mean + 2 * plain.deviation : "the control has no seam, so the check shows nothing: $plain"

def tileMeta = new JsonSlurper().parse(new File(basedir, 'target/stylize/tile.json'))
assert tileMeta.settings.tileable == true
def plainMeta = new JsonSlurper().parse(new File(basedir, 'target/stylize/tile-plain.json'))
assert plainMeta.settings.tileable == false && plainMeta.settings.alphaMask == false
assert tileMeta.cacheKey != plainMeta.cacheKey

// The masked tile: the content's own pixels where the mask is black (right half), stylized where it is white.
def content = ImageIO.read(new File(basedir, 'src/main/stylize/content/tile.png'))
def masked = ImageIO.read(new File(generated, 'tile-masked.png'))
def meanDifference = { from, to ->
    def sum = 0d
    (0..<content.height).each { y ->
        (from..<to).each { x ->
            def a = content.getRGB(x, y)
            def b = masked.getRGB(x, y)
            [16, 8, 0].each { shift -> sum += Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)) }
        }
    }
    sum / (content.height * (to - from) * 3)
}
def outside = meanDifference(32, 64)
def inside = meanDifference(0, 32)
println "masked tile: mean difference to the content $inside inside the mask, $outside outside"
assert outside == 0 : "outside the mask the content is kept: $outside levels off"
assert inside > 10 : "inside the mask the tile is stylized: only $inside levels from the content"
assert new JsonSlurper().parse(new File(basedir, 'target/stylize/tile-masked.json')).cacheKey != plainMeta.cacheKey

// The sprite keeps its alpha: transparent corner, opaque centre.
def sprite = ImageIO.read(new File(generated, 'sprites/ball.png'))
assert sprite.colorModel.hasAlpha()
assert (sprite.getRGB(0, 0) >>> 24) == 0
assert (sprite.getRGB(24, 24) >>> 24) == 255
assert new JsonSlurper().parse(new File(basedir, 'target/stylize/sprites/ball.json')).settings.alphaMask == true

// The report shows the tileable result tiled 2x2, and only that one.
def page = new File(basedir, 'target/stylize/index.html').text
assert page.count('<div class="tiled">') == 1
assert page.contains('alt="result tile tiled 2x2"')
// and the masked asset's mask beside its content
assert page.contains('alt="content mask of tile-masked"')
return true
