// Story: a broken configuration fails before any engine work, listing every problem with asset, parameter and fix.
def log = new File(basedir, 'build.log').text
def dir = basedir.toPath().resolve('src/main/stylize')
[
    'stylize configuration has 7 problems (no image was generated):',
    "stylization 'harbor-mosaic' <style>: file ${dir.resolve('styles/mosiac.png')} does not exist; fix the path",
    "stylization 'harbor-notes' <content>: file ${dir.resolve('content/notes.png')} is not a PNG, JPEG, GIF, BMP, TIFF or WebP image",
    "stylization 'harbor-waves' <iterations>: Invalid setting 'iterations': 0 is not allowed; use an integer from 1 to 100000",
    "stylization 'harbor-typo' <stylWeight>: Invalid setting 'stylWeight': is not a setting or a parameter of <stylization>; did you mean styleWeight?",
    "stylization 'harbor-escape' <output>: '../../outside.png' escapes the output directory",
    "stylization 'harbor-b' <output>: 'harbor.png' is also written by stylization 'harbor-a'; give each asset its own output",
    "stylization 'harbor-b' <id>: 'harbor-b' is already the id of stylization 'harbor-b'",
].each { assert log.contains(it) : "missing from the build log: $it" }
assert !log.contains('ND4J backend:')
assert !new File(basedir, 'target/generated-resources/stylize').exists()
assert !new File(basedir, 'stylize-cache/images').exists()
return true
