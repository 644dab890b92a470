import groovy.json.JsonSlurper
import io.github.stylize.maven.it.ItFixtures
import io.github.stylize.maven.testing.PageLinks
import java.util.jar.JarFile
import javax.imageio.ImageIO

// Story: two stylizations and a batch declared in the pom; `mvn package` puts every image in the jar.
def log = new File(basedir, 'build.log').text
def jar = new JarFile(new File(basedir, 'target/quickstart-1.0.jar'))
def expected = ['harbor-mosaic.png': [48, 32], 'harbor-waves.png': [48, 32],
                'sprites/tree.png': [32, 32], 'sprites/crate.png': [32, 32]]
expected.each { name, size ->
    def entry = jar.getEntry(name)
    assert entry != null : "$name is not in the jar"
    def image = ImageIO.read(jar.getInputStream(entry))
    assert image != null : "$name in the jar is not a readable image"
    assert [image.width, image.height] == size : "$name is ${image.width}x${image.height}, expected $size"
}
jar.close()

def meta = new JsonSlurper().parse(new File(basedir, 'target/stylize/harbor-mosaic.json'))
assert meta.id == 'harbor-mosaic'
assert meta.fromCache == false
assert meta.output == 'harbor-mosaic.png'
assert meta.cacheKey ==~ /[0-9a-f]{64}/
assert meta.settings.size == 48 && meta.settings.iterations == 8
assert meta.losses.size() == 9 : 'entry 0 (the initial image) and one per iteration'
assert meta.losses[0].iteration == 0
assert meta.losses.every { it.total == it.content + it.style + it.tv || Math.abs(it.total - (it.content + it.style + it.tv)) <= 1e-6 * Math.abs(it.total) }
assert meta.backend.startsWith('CPU')
assert meta.millis > 0
// L-BFGS (the default), one scale, 8 iterations: the initial evaluation, then at least one per iteration, plus every
// further try of the line searches
assert meta.settings.optimizer == 'lbfgs'
assert meta.timings.iterations == 8 && meta.timings.evaluations >= 9 : "timings: ${meta.timings}"
assert meta.timings.prepareMillis + meta.timings.optimizeMillis == meta.millis
assert meta.timings.millisPerEvaluation >= 0
assert new File(basedir, 'target/stylize/sprites/tree.json').isFile() : 'batch items get metadata under their derived id'

// snapshotEvery 4 of 8 iterations: an intermediate image at 4 and the final one at 8
def snapshots = new File(basedir, 'target/stylize/snapshots/harbor-mosaic')
assert snapshots.list()?.sort() == ['iteration-00004.png', 'iteration-00008.png'] : "snapshots: ${snapshots.list()}"
assert ImageIO.read(new File(snapshots, 'iteration-00004.png')).width == 48

// The report: every asset, every link resolving (results, inputs, snapshots where the build left them).
def page = new File(basedir, 'target/stylize/index.html')
assert page.isFile()
def linked = PageLinks.check(page.toPath()).collect { basedir.toPath().relativize(it).toString().replace('\\', '/') }.toSet()
assert linked.containsAll(['target/generated-resources/stylize/sprites/tree.png', 'src/main/stylize/styles/waves.png',
                           'target/stylize/snapshots/harbor-mosaic/iteration-00004.png']) : "linked: $linked"
assert page.text.contains('4 assets: 4 generated, 0 from the cache, 0 failed')

// The log: one backend line, a start line and progress per asset, a summary table, no ND4J start-up noise.
assert ItFixtures.linesWith(log, 'ND4J backend: ').size() == 1
assert log.contains('[harbor-mosaic] generating 48x32, 8 iterations, on CPU')
assert log =~ /\[harbor-mosaic\] iteration 8\/8 loss \d\.\d\de[+-]\d+ done in \d+\.\d s \(${meta.timings.evaluations} evaluations, (\d+\.\d ms|\d+\.\d\d s) each\)/
assert log =~ /(?m)^\[INFO\]\s+sprites\/tree\s+generated\s+\d+\.\d s\s+sprites\/tree\.png$/
assert log.contains('stylize: 0 cached, 4 generated, 0 failed')
['Loaded [CpuBackend] backend', 'Number of threads used for', 'Blas vendor', 'Binary level'].each {
    assert !log.contains(it) : "ND4J start-up noise in the build log: $it"
}
return true
