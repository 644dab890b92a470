import java.nio.file.Files

// Story: builds sharing one cache (here `mvn -T 4` on four modules declaring the same images) never compute one key
// twice at the same time: each image is generated once, the other modules wait for its lock and reuse it.
def log = new File(basedir, 'build.log').text
['harbor-mosaic', 'harbor-waves'].each { id ->
    def results = (log =~ /(?m)^\[INFO\]\s+${id}\s+(cached|generated|failed)\s/).collect { it[1] }.sort()
    assert results == ['cached', 'cached', 'cached', 'generated'] :
            "$id: expected one module to generate and three to reuse it, got $results"
    ['a', 'b', 'c', 'd'].each { module ->
        assert Files.exists(basedir.toPath().resolve("${module}/target/generated-resources/stylize/${id}.png"))
    }
}
def entries = Files.list(basedir.toPath().resolve('stylize-cache/images')).withCloseable { dirs ->
    dirs.filter { Files.isDirectory(it) }.flatMap { Files.list(it) }.filter { Files.isDirectory(it) }.toList()
}
assert entries.size() == 2 : "one cache entry per image, found $entries"
def leftovers = Files.walk(basedir.toPath().resolve('stylize-cache')).withCloseable { paths ->
    paths.filter { it.fileName.toString().startsWith('.tmp-') || it.fileName.toString().startsWith('.old-') }.toList()
}
assert leftovers.isEmpty() : "temporary cache directories left behind: $leftovers"
return true
