import groovy.json.JsonSlurper
import io.github.stylize.maven.it.ItFixtures
import java.nio.file.Files
import java.util.jar.JarFile

// Story: `mvn clean` loses no work: the cache lives outside target/.
def builds = ItFixtures.invocations(basedir.toPath().resolve('build.log'))
assert builds.size() == 3
assert builds[0].contains('stylize: 0 cached, 2 generated, 0 failed')
assert builds[1].contains('stylize: 2 cached, 0 generated, 0 failed')
assert builds[1].contains('engine not started (ND4J not loaded)')
// the closing line with the engine's timings is logged for generated assets only
assert ItFixtures.linesWith(builds[0], ' evaluations, ').size() == 2
assert ItFixtures.linesWith(builds[1], ' evaluations').isEmpty()

// the images after clean are the cache's bytes, and they are in the jar
def cache = basedir.toPath().resolve('stylize-cache/images')
def jar = new JarFile(new File(basedir, 'target/clean-build-1.0.jar'))
['harbor-mosaic', 'harbor-waves'].each { id ->
    def meta = new JsonSlurper().parse(new File(basedir, "target/stylize/${id}.json"))
    def cached = cache.resolve(meta.cacheKey.substring(0, 2)).resolve(meta.cacheKey).resolve('image.png')
    def output = basedir.toPath().resolve("target/generated-resources/stylize/${id}.png")
    assert Arrays.equals(Files.readAllBytes(cached), Files.readAllBytes(output)) : "$id output differs from its cache entry"
    assert Arrays.equals(Files.readAllBytes(cached), jar.getInputStream(jar.getEntry("${id}.png")).bytes)
}
jar.close()

// 3. -Dstylize.force -Dstylize.only=harbor-mosaic: that one asset regenerated, the other kept.
assert builds[2].contains('stylize: 2 assets, 1 selected by stylize.only')
assert builds[2].contains('stylize: 0 cached, 1 generated, 0 failed')
assert Files.exists(basedir.toPath().resolve('target/generated-resources/stylize/harbor-waves.png')) : 'unselected outputs are kept'
return true
