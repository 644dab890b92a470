// Story: a misspelled parameter (<default> for <defaults>) fails before any work, naming the closest parameter,
// instead of a long build with the wrong settings; the report page says so instead of showing an earlier build.
def log = new File(basedir, 'build.log').text
assert log.contains("<default> in the plugin's <configuration> is not a stylize parameter; did you mean <defaults>?") : log
assert !log.contains('ND4J backend:')
assert !log.contains('generating ')
assert !new File(basedir, 'target/generated-resources/stylize/harbor.png').exists()
def page = new File(basedir, 'target/stylize/index.html').text
assert page.contains('The configuration has problems: no image was generated') : page
assert page.contains('did you mean &lt;defaults&gt;?') : page
assert !page.contains('an earlier build') : page
return true
