import java.nio.file.Files

// Story: an asset the engine cannot process fails alone; the others are written and cached; the build fails at the end.
def log = new File(basedir, 'build.log').text
def broken = basedir.toPath().resolve('src/main/stylize/content/broken.png')
assert log.contains('[broken] failed: ')
assert log.contains('stylize: 1 of 2 assets failed (the others were written and cached):')
assert log =~ /(?m)^\s+- stylization 'broken': .*broken\.png/
assert log =~ /(?m)^\[INFO\]\s+harbor-waves\s+generated\s/
assert log =~ /(?m)^\[INFO\]\s+broken\s+failed\s/
assert Files.exists(basedir.toPath().resolve('target/generated-resources/stylize/harbor-waves.png'))
assert !Files.exists(basedir.toPath().resolve('target/generated-resources/stylize/broken.png'))
def entries = Files.list(basedir.toPath().resolve('stylize-cache/images')).withCloseable { dirs ->
    dirs.filter { Files.isDirectory(it) }.flatMap { Files.list(it) }.filter { Files.isDirectory(it) }.toList()
}
assert entries.size() == 1 : "expected one cache entry (harbor-waves), found $entries"

// The report is written even though the build fails, and shows the failure next to the asset that worked.
def page = basedir.toPath().resolve('target/stylize/index.html')
assert Files.isRegularFile(page)
def html = Files.readString(page)
assert html.contains('1 generated, 0 from the cache, 1 failed')
assert html =~ /<pre class="failure">[^<]*broken\.png/
return true
