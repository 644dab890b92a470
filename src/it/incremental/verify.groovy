import io.github.stylize.maven.it.ItFixtures

// Story: rebuilding with nothing changed does no heavy work; a change regenerates exactly what it affects.
def builds = ItFixtures.invocations(basedir.toPath().resolve('build.log'))
assert builds.size() == 5 : "expected 5 Maven invocations, found ${builds.size()}"

def result = { String build, String id ->
    def m = build =~ /(?m)^\[INFO\]\s+${java.util.regex.Pattern.quote(id)}\s+(cached|generated|failed)\s/
    assert m.find() : "no summary row for $id in:\n$build"
    m.group(1)
}
def results = { String build -> ['harbor-mosaic', 'harbor-waves', 'sprites/crate', 'sprites/tree'].collectEntries { [it, result(build, it)] } }

// 1. first build: everything generated, and ND4J was loaded (positive control for the class-load check).
assert results(builds[0]).values().every { it == 'generated' }
def classes1 = basedir.toPath().resolve('classes-1.txt')
assert !ItFixtures.loadedClasses(classes1, 'org.nd4j.').isEmpty() : 'the class-load log does not show ND4J even when it ran'

// 2. nothing changed: every asset from the cache, no engine, no ND4J, no weights read, no image decoded.
assert results(builds[1]).values().every { it == 'cached' }
assert builds[1].contains('stylize: 4 cached, 0 generated, 0 failed')
assert builds[1].contains('engine not started (ND4J not loaded)')
assert !builds[1].contains('ND4J backend:')
assert !builds[1].contains('iteration ')
assert builds[1] =~ /stylize: report file:.*target\/stylize\/index\.html/ : 'the report is written from cached metadata too'
def classes2 = basedir.toPath().resolve('classes-2.txt')
['org.nd4j.', 'org.bytedeco.'].each {
    def loaded = ItFixtures.loadedClasses(classes2, it)
    assert loaded.isEmpty() : "an up-to-date build loaded $it classes: ${loaded.take(5)}"
}
// the engine's heavy entry points: ND4J, weight reading, image decoding (pure-Java value classes such as
// StyleSettings and Vgg19Layers may load: cache keys need them)
['io.github.stylize.engine.StyleTransfer', 'io.github.stylize.engine.network.NativeBackend',
 'io.github.stylize.engine.network.VggNetwork', 'io.github.stylize.engine.image.ImageReader',
 'io.github.stylize.engine.weights.Hdf5WeightsReader', 'io.github.stylize.maven.execute.EngineRenderer'].each { name ->
    assert !ItFixtures.loadedClasses(classes2, name).contains(name) : "an up-to-date build loaded $name"
}
assert !ItFixtures.loadedClasses(classes2, 'io.github.stylize.maven.mojo.GenerateMojo').isEmpty() : 'the goal did run'

// 3. harbor-mosaic's iterations changed: only harbor-mosaic generated.
assert results(builds[2]) == ['harbor-mosaic': 'generated', 'harbor-waves': 'cached', 'sprites/crate': 'cached', 'sprites/tree': 'cached']

// 4. waves.png edited: exactly the assets that use it (harbor-waves and the sprites batch) generated.
assert results(builds[3]) == ['harbor-mosaic': 'cached', 'harbor-waves': 'generated', 'sprites/crate': 'generated', 'sprites/tree': 'generated']
// 5. tree.png deleted, crate.png renamed to box.png: their images are gone from the output directory, from
// target/classes and from the jar; box is served from the cache (its bytes are crate's).
assert result(builds[4], 'sprites/box') == 'cached'
assert builds[4].contains('Removed sprites/tree.png: no longer declared')
assert builds[4].contains('Removed sprites/crate.png: no longer declared')
def target = basedir.toPath().resolve('target')
['generated-resources/stylize', 'classes'].each { d ->
    assert !java.nio.file.Files.exists(target.resolve(d).resolve('sprites/tree.png')) : "sprites/tree.png left in $d"
    assert !java.nio.file.Files.exists(target.resolve(d).resolve('sprites/crate.png')) : "sprites/crate.png left in $d"
    assert java.nio.file.Files.exists(target.resolve(d).resolve('sprites/box.png')) : "sprites/box.png missing in $d"
}
def jarEntries = new java.util.zip.ZipFile(target.resolve('incremental-1.0.jar').toFile()).withCloseable { z ->
    z.entries().collect { it.name }
}
assert jarEntries.contains('sprites/box.png') && jarEntries.contains('harbor-mosaic.png') : jarEntries
assert !jarEntries.contains('sprites/tree.png') && !jarEntries.contains('sprites/crate.png') : "stale images packaged: $jarEntries"
return true
