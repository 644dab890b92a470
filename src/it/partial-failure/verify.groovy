import java.nio.file.Files

// Story: assets the engine cannot process fail alone, each with its reason: an undecodable input, an input above
// maxPixels, an input whose metadata would inflate past the reader's limit, an optimization that diverges (NaN). The other asset, with spaces and non-ASCII characters in its
// names, is written and cached; the build fails at the end listing every failed asset, not only the first.
def log = new File(basedir, 'build.log').text
def dir = basedir.toPath()
assert log.contains('[broken] failed: ')
assert log.contains('stylize: 4 of 5 assets failed (the other one was written and cached):')
assert log =~ /(?m)^\s+- stylization 'bomb': Image .*bomb\.png has a compressed iCCP metadata chunk that inflates to more than 16 MiB/
assert log =~ /(?m)^\s+- stylization 'broken': .*broken\.png/
assert log =~ /(?m)^\s+- stylization 'too-large': Image .*too-large\.png declares 200x120 pixels .* more than the limit of 20000 pixels .*raise maxPixels/
assert log =~ /(?m)^\s+- stylization 'diverging': The loss became (NaN|Infinity|-Infinity) at iteration \d+ .*diverged and nothing was written\. Lower learningRate/
assert log =~ /(?m)^\[INFO\]\s+harbor-waves\s+generated\s/
['broken', 'too-large', 'bomb', 'diverging'].each { id ->
    assert log =~ /(?m)^\[INFO\]\s+${id}\s+failed\s/
    assert !Files.exists(dir.resolve("target/generated-resources/stylize/${id}.png"))
    assert !Files.exists(dir.resolve("target/stylize/${id}.json"))
}
def written = dir.resolve('target/generated-resources/stylize/bilder/häfen ☀ welle.png')
assert Files.size(written) > 0
def entries = Files.list(dir.resolve('stylize-cache/images')).withCloseable { dirs ->
    dirs.filter { Files.isDirectory(it) }.flatMap { Files.list(it) }.filter { Files.isDirectory(it) }.toList()
}
assert entries.size() == 1 : "expected one cache entry (harbor-waves), found $entries"
def leftovers = Files.walk(dir).withCloseable { paths ->
    paths.filter { def n = it.fileName.toString(); n.endsWith('.tmp') || n.startsWith('.tmp-') || n.startsWith('.old-') }.toList()
}
assert leftovers.isEmpty() : "half-written files left behind: $leftovers"

// The report is written even though the build fails, and shows the failures next to the asset that worked.
def page = basedir.toPath().resolve('target/stylize/index.html')
assert Files.isRegularFile(page)
def html = Files.readString(page)
assert html.contains('1 generated, 0 from the cache, 4 failed')
assert html =~ /<pre class="failure">[^<]*broken\.png/
return true
