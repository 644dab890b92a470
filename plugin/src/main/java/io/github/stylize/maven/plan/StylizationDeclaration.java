package io.github.stylize.maven.plan;

import java.nio.file.Path;
import java.util.List;

/**
 * One {@code <stylization>} as declared.
 *
 * @param id        unique name of the asset; names its metadata file and selects it in {@code stylize.only}
 * @param content   the content image (absolute, or relative to the project directory)
 * @param contentMask where the style goes ({@code <contentMask>}): an image of the content's size, white stylized,
 *                  black kept as the content; null styles every pixel
 * @param style     the style image; null when {@code styles} names them
 * @param styles    several style images with blend weights ({@code <styles>}); null when absent
 * @param output    path of the result relative to the output directory; null means {@code <id>.<format>}
 * @param overrides this asset's settings, over {@code <defaults>}
 */
public record StylizationDeclaration(String id, Path content, Path contentMask, Path style,
                                     List<StyleDeclaration> styles, String output, Overrides overrides) {

    /** A stylization with one style image and no mask. */
    public StylizationDeclaration(String id, Path content, Path style, String output, Overrides overrides) {
        this(id, content, null, style, null, output, overrides);
    }
}
