package io.github.stylize.maven.plan;

import java.nio.file.Path;

/**
 * One {@code <stylization>} as declared.
 *
 * @param id        unique name of the asset; names its metadata file and selects it in {@code stylize.only}
 * @param content   the content image (absolute, or relative to the project directory)
 * @param style     the style image
 * @param output    path of the result relative to the output directory; null means {@code <id>.<format>}
 * @param overrides this asset's settings, over {@code <defaults>}
 */
public record StylizationDeclaration(String id, Path content, Path style, String output, Overrides overrides) {
}
