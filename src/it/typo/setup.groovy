import io.github.stylize.maven.it.ItFixtures

def dir = basedir.toPath()
ItFixtures.drawContent(dir.resolve('src/main/stylize/content/harbor.png'), 48, 32, 0)
ItFixtures.drawStyle(dir.resolve('src/main/stylize/styles/waves.png'), 32, 1)
// an earlier build's report, which the failed build must not leave standing
java.nio.file.Files.createDirectories(dir.resolve('target/stylize'))
java.nio.file.Files.writeString(dir.resolve('target/stylize/index.html'), '<html>an earlier build</html>')
return true
