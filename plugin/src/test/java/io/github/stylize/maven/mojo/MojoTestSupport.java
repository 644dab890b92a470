package io.github.stylize.maven.mojo;

import io.github.stylize.maven.plan.PlannedAsset;
import io.github.stylize.maven.testing.TestImages;
import org.apache.maven.api.di.Provides;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;


/**
 * Runs the goal in the Maven Plugin Testing Harness against a test project under {@code src/test/resources/unit/},
 * with a real {@link MavenProject} (not a mock) so ${project.build.directory} and resource roots behave as in a build.
 */
abstract class MojoTestSupport {
    /** One target directory per test, so tests do not see each other's outputs. */
    Path target;
    /** The project the goal runs in. */
    MavenProject project;

    /** The test project's directory name under unit/; must match the test's {@code @Basedir}. */
    abstract String projectName();

    static Path projectDirectory(String name) {
        try {
            return Path.of(MojoTestSupport.class.getResource("/unit/" + name + "/pom.xml").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Draws the input images the test projects name (binary files are not kept in the repository). */
    static Path drawInputImages(String name) {
        Path project = projectDirectory(name);
        TestImages.png(project.resolve("src/main/stylize/content/harbor.png"), 24, 16, 10);
        TestImages.png(project.resolve("src/main/stylize/styles/mosaic.png"), 16, 16, 90);
        TestImages.png(project.resolve("src/main/stylize/styles/waves.png"), 16, 16, 170);
        TestImages.png(project.resolve("src/main/stylize/content/sprites/tree.png"), 8, 8, 30);
        TestImages.png(project.resolve("src/main/stylize/content/sprites/crate.png"), 8, 8, 50);
        return project;
    }

    @Provides
    MavenProject project() throws IOException {
        Path basedir = projectDirectory(projectName());
        target = Files.createTempDirectory("stylize-mojo-test");
        Model model = new Model();
        model.setGroupId("test");
        model.setArtifactId(projectName());
        model.setVersion("1");
        Build build = new Build();
        build.setDirectory(target.toString());
        model.setBuild(build);
        project = new MavenProject(model);
        project.setFile(basedir.resolve("pom.xml").toFile());
        return project;
    }

    static List<String> ids(List<PlannedAsset> assets) {
        return assets.stream().map(PlannedAsset::id).toList();
    }

    static List<String> captureLog(GenerateMojo mojo) {
        List<String> lines = new ArrayList<>();
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                lines.add("INFO " + content);
            }

            @Override
            public void warn(CharSequence content) {
                lines.add("WARN " + content);
            }

            @Override
            public void error(CharSequence content) {
                lines.add("ERROR " + content);
            }
        });
        return lines;
    }
}
