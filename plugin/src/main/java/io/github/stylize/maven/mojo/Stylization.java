package io.github.stylize.maven.mojo;

import io.github.stylize.maven.plan.StylizationDeclaration;

import java.io.File;

/**
 * {@code <stylization>}: one content image stylized with one style image. Besides the fields below it takes any
 * setting of {@code <defaults>}, overriding it for this asset.
 */
public class Stylization extends SettingsOverrides {
    /** Unique id: letters, digits, '.', '_', '-'. Required. */
    private String id;
    /** Content image (PNG, JPEG, ...), relative to the project directory. Required. */
    private File content;
    /** Style image, relative to the project directory. Required. */
    private File style;
    /** Output path relative to the plugin's outputDirectory. Default {@code <id>.<format>}. */
    private String output;

    StylizationDeclaration toDeclaration() {
        return new StylizationDeclaration(id, content == null ? null : content.toPath(),
                style == null ? null : style.toPath(), output, toOverrides());
    }
}
