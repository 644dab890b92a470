import io.github.stylize.maven.it.ItFixtures

import javax.imageio.ImageIO
import java.nio.file.Files

// Story: an artist previews every asset small (-Dstylize.preview=32), then renders in full; each has its own cache
// entry, the report marks the previews, and the build log warns that preview images are packaged like full renders.
def dir = basedir.toPath()
def builds = ItFixtures.invocations(dir.resolve('build.log'))
assert builds.size() == 3 : "expected 3 Maven invocations, found ${builds.size()}"

def result = { String build, String id ->
    def m = build =~ /(?m)^\[INFO\]\s+${java.util.regex.Pattern.quote(id)}\s+(cached|generated|failed)\s/
    assert m.find() : "no summary row for $id in:\n$build"
    m.group(1)
}
def out = dir.resolve('target/generated-resources/stylize')
def size = { String file -> def image = ImageIO.read(out.resolve(file).toFile()); "${image.width}x${image.height}" }
def report = { Files.readString(dir.resolve('target/stylize/index.html')) }
def warning = 'stylize: preview build (stylize.preview=32): the images in '

// 1. the preview: both assets generated, harbor capped at 32 pixels (its full size is 64x48), the 24x24 icon as it is
// (the cap would not shrink it: it keeps its settings and key); the warning names the cap.
assert result(builds[0], 'harbor') == 'generated' && result(builds[0], 'icon') == 'generated'
def previewBuild = builds[0]
def warned = ItFixtures.linesWith(previewBuild, warning)
assert warned.size() == 1 && warned[0].startsWith('[WARNING]') && warned[0].contains('build without -Dstylize.preview') : warned
assert ItFixtures.linesWith(previewBuild, 'stylize: 0 cached, 2 generated, 0 failed').size() == 1
assert previewBuild.contains('[harbor] generating 32x24,') && previewBuild.contains('[icon] generating 24x24,')

// 2. the full render: harbor generated at its full 64x48 (its preview's entry does not stand in for it), icon served
// from the cache (its preview was its full render, under the same key), no warning.
assert result(builds[1], 'harbor') == 'generated'
assert builds[1].contains('[harbor] generating 64x48,')
assert result(builds[1], 'icon') == 'cached'
assert ItFixtures.linesWith(builds[1], 'stylize: preview build').isEmpty()

// 3. the preview again: both from the cache (the preview has its own entry), without the engine.
assert result(builds[2], 'harbor') == 'cached' && result(builds[2], 'icon') == 'cached'
assert builds[2].contains('engine not started (ND4J not loaded)')
assert ItFixtures.linesWith(builds[2], warning).size() == 1

// After step 3 the outputs, the metadata, the report and the jar are the preview's again.
assert size('harbor.png') == '32x24' : size('harbor.png')
assert size('icon.png') == '24x24' : size('icon.png')
def harborMeta = new groovy.json.JsonSlurper().parse(dir.resolve('target/stylize/harbor.json').toFile())
assert harborMeta.settings.size == 32 : harborMeta.settings
assert report().count('PREVIEW: reduced size') == 1 : 'the shrunk asset is badged, the icon (its full render) is not'
def jar = dir.resolve('target/preview-1.0.jar')
def jarHarbor = new java.util.zip.ZipFile(jar.toFile()).withCloseable { z ->
    ImageIO.read(z.getInputStream(z.getEntry('harbor.png')))
}
assert "${jarHarbor.width}x${jarHarbor.height}" == '32x24' : 'the preview image is what was packaged, as the warning says'
return true
