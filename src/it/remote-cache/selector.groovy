import io.github.stylize.maven.it.ItFixtures

// Needs Debian's nginx: skipped (with the reason in the log) where it is missing, an error on CI (CI=true).
return ItFixtures.nginxAvailable()
