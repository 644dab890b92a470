import io.github.stylize.maven.it.ItFixtures
import io.github.stylize.maven.testing.PageLinks

// Story: `mvn package site` publishes the report that generate wrote, with a comparison sheet, into the site.
def log = new File(basedir, 'build.log').text

// generate wrote its own page next to the metadata, linking to the images where the build left them
def buildPage = new File(basedir, 'target/stylize/index.html')
assert buildPage.isFile() : 'generate writes target/stylize/index.html'
assert PageLinks.check(buildPage.toPath()).toSet().size() == 10 : 'content, style, 2 results, 6 snapshots'

// the site: the same page, with copies of every image, so target/site can be deployed alone
def sitePage = new File(basedir, 'target/site/stylize/index.html')
assert sitePage.isFile() : "no site page; log:\n$log"
def html = sitePage.text
def files = PageLinks.check(sitePage.toPath()).toSet()   // each thumbnail links its image twice: href and src
def siteFiles = new File(basedir, 'target/site/stylize/files').toPath()
assert files.every { it.startsWith(siteFiles) } : "site links outside the published folder: $files"
// per asset content, style, result, and snapshots at iterations 2 and 4 (short) or 2..8 (long); the sheet's results
assert files.count { it.fileName.toString().endsWith('iteration-00002.png') } == 2
assert html.contains('Report &amp; &lt;site&gt;') : 'the project name, escaped'
assert html.contains('<section class="comparison"')
def differing = (html =~ /<tr class="differs"><th scope="row">([^<]*)<\/th>/).collect { it[1] }
assert differing == ['iterations', 'styleWeight'] : "highlighted settings: $differing"
assert (html =~ /<svg class="loss-chart"/).count == 3 : 'one chart per asset and one comparing them'
assert html.contains('Cache miss: generated in')
assert !html.contains('<script')
// which weights made each image, the settings changed from the defaults in sight, the result opening at full size
def tinyVgg = new File(basedir, 'tiny-vgg.h5').toPath().normalize().toString()
assert html.count('<p class="meta weights">Weights: VGG19 weights file ' + tinyVgg + ' &middot; <code>sha256:') == 2
assert !html.contains('PREVIEW') : 'weights from a file are no preview'
assert html.contains('Changed from the defaults: <b>size</b> 32 <small>(default 512)</small> &middot; <b>iterations</b> 8')
assert (html =~ /<div class="lightbox" id="view-asset-\d-harbor-long-result">/).count == 1
def metadata = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/stylize/harbor-long.json'))
assert metadata.weights.kind == 'file' && metadata.weights.source == tinyVgg
assert metadata.weights.digest ==~ /sha256:[0-9a-f]{64}/
// two assets to generate: the build's progress too
assert log.contains('[harbor-short] asset 1 of 2 to generate; a build ETA follows once one is done')
assert log =~ /\[harbor-long\] asset 2 of 2 to generate; build ETA about \d+:\d\d/

// `mvn stylize:report` on its own writes the same page to the reporting directory
def standalone = new File(basedir, 'target/reports/stylize/index.html')
assert standalone.isFile() : 'stylize:report outside the site'
assert PageLinks.check(standalone.toPath()).toSet().size() == 10

// the site lists the report, and the report goal did not start the engine a second time
def reports = new File(basedir, 'target/site/project-reports.html')
assert reports.isFile() && reports.text.contains('stylize/index.html') : 'the report is in the site menu'
assert log.contains('stylize: report ' ) && log.contains('target/site/stylize/index.html')
assert ItFixtures.linesWith(log, 'ND4J backend: ').size() == 1 : 'only generate loads the engine, report never does'
return true
