package io.github.stylize.maven.mojo;

import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invalid configuration fails the build before any engine work, listing every problem with its fix. */
@MojoTest
class InvalidConfigurationMojoTest extends MojoTestSupport {
    static Path invalid;

    @BeforeAll
    static void drawImages() {
        invalid = drawInputImages("invalid");
    }

    @Override
    String projectName() {
        return "invalid";
    }

    @Test
    @Basedir("/unit/invalid")
    @InjectMojo(goal = "generate", pom = "pom.xml")
    void invalidConfigurationFailsListingEveryProblemBeforeAnyWork(GenerateMojo mojo) throws Exception {
        MojoExtension.setVariableValueToObject(mojo, "cacheDirectory", target.resolve("user-cache").toFile());
        Path metadata = ((java.io.File) MojoExtension.getVariableValueFromObject(mojo, "metadataDirectory")).toPath();
        Path page = metadata.resolve("index.html");
        Files.createDirectories(metadata);
        Files.writeString(page, "<html>an earlier build's images</html>");
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        String m = e.getMessage();
        assertTrue(m.startsWith("stylize configuration has 6 problems (no image was generated):"), m);
        assertTrue(m.contains("stylization 'harbor-mosaic' <style>: file " + invalid.resolve("src/main/stylize/styles/mosiac.png")
                + " does not exist; fix the path"), m);
        assertTrue(m.contains("stylization 'harbor-mosaic' <id>: 'harbor-mosaic' is already the id of stylization 'harbor-mosaic'"), m);
        assertTrue(m.contains("stylization 'harbor-waves' <optimizer>: Invalid setting 'optimizer': 'sgd' is not allowed; use one of adam, lbfgs"), m);
        assertTrue(m.contains("stylization 'harbor-mosaic' <iterations>: Invalid setting 'iterations': 'lots' is not a"
                + " whole number; use digits, e.g. <iterations>100</iterations> (the default)"), m);
        assertTrue(m.contains("stylization 'harbor-typo' <stylWeight>: Invalid setting 'stylWeight': is not a setting or a"
                + " parameter of <stylization>; did you mean styleWeight?"), m);
        assertTrue(m.contains("stylization 'harbor-waves' <output>: '../../escaped.png' escapes the output directory"), m);
        String html = Files.readString(page);
        assertTrue(html.contains("<h1>The configuration has problems: no image was generated</h1>"), html);
        assertTrue(html.contains("<li>stylization &#39;harbor-waves&#39; &lt;optimizer&gt;: Invalid setting"), html);
        assertFalse(html.contains("an earlier build's images"), "the page reflects this build");
        assertFalse(Files.exists(target.resolve("user-cache")), "nothing was computed or cached");
        assertFalse(Files.exists(target.resolve("generated-resources")));
    }

}
