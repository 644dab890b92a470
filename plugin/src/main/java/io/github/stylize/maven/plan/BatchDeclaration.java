package io.github.stylize.maven.plan;

import java.nio.file.Path;
import java.util.List;

/**
 * One {@code <batch>} as declared: every file under {@code directory} matching {@code includes} and not
 * {@code excludes} becomes one asset, stylized with {@code style} (or the blend {@code styles}), written to {@code outputDirectory} under its own
 * relative path (extension replaced by the format's).
 *
 * @param includes        Plexus {@code DirectoryScanner} patterns; empty means {@link #DEFAULT_INCLUDES}
 * @param excludes        Plexus patterns to leave out
 * @param styles          several style images with blend weights ({@code <styles>}); null when absent
 * @param outputDirectory relative to the plugin's output directory; null or empty means its root
 */
public record BatchDeclaration(String id, Path directory, List<String> includes, List<String> excludes, Path style,
                               List<StyleDeclaration> styles, String outputDirectory, Overrides overrides) {

    public static final List<String> DEFAULT_INCLUDES = List.of("**/*.png", "**/*.jpg", "**/*.jpeg");

    public BatchDeclaration {
        includes = includes == null ? List.of() : List.copyOf(includes);
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
    }

    /** A batch with one style image. */
    public BatchDeclaration(String id, Path directory, List<String> includes, List<String> excludes, Path style,
                            String outputDirectory, Overrides overrides) {
        this(id, directory, includes, excludes, style, null, outputDirectory, overrides);
    }
}
