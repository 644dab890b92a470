package io.github.stylize.maven.mojo;

import io.github.stylize.maven.plan.BatchDeclaration;

import java.io.File;
import java.util.List;

/**
 * {@code <batch>}: every matching image in a directory stylized with one style image. Each file becomes an asset with
 * id {@code <batch id>/<relative path without extension>}, written to {@code outputDirectory} under its relative path.
 * Besides the fields below it takes any setting of {@code <defaults>}, overriding it for the batch.
 */
public class Batch extends SettingsOverrides {
    /** Unique id: letters, digits, '.', '_', '-'. Required. */
    private String id;
    /** Directory of content images, relative to the project directory. Required. */
    private File directory;
    /** Plexus DirectoryScanner patterns, relative to directory. Default {@code **}{@code /*.png, **}{@code /*.jpg, **}{@code /*.jpeg}. */
    private List<String> includes;
    /** Patterns to leave out. Default none. */
    private List<String> excludes;
    /** Style image, relative to the project directory. Required. */
    private File style;
    /** Where the batch's images go, relative to the plugin's outputDirectory. Default: its root. */
    private String outputDirectory;

    BatchDeclaration toDeclaration() {
        return new BatchDeclaration(id, directory == null ? null : directory.toPath(), includes, excludes,
                style == null ? null : style.toPath(), outputDirectory, toOverrides());
    }
}
