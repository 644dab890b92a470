package io.github.stylize.maven.plan;

import io.github.stylize.engine.StyleSettings;
import io.github.stylize.engine.files.Digests;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The cache key of an asset: SHA-256 (lower-case hex) of this canonical text, UTF-8, lines ending in '\n':
 * <pre>
 * stylize-cache-key/1
 * content.sha256=&lt;SHA-256 of the content file's bytes&gt;
 * style.sha256=&lt;SHA-256 of the style file's bytes&gt;
 * weights=&lt;the weights' identity, a digest of their bytes&gt;
 * algorithmVersion=&lt;StyleSettings.ALGORITHM_VERSION&gt;
 * size=...            (then every output-affecting setting, as StyleSettings.canonicalForm() writes them)
 * </pre>
 * With several style images ({@code <styles>}), the {@code style.sha256} line is replaced by two lines per style, in
 * their declared order: {@code style.1.sha256=...}, {@code style.1.weight=0.7}, {@code style.2.sha256=...}, and so on.
 * A lone style's weight cannot change the pixels (weights are relative), so one style keeps the single-style form.
 * With a {@code <contentMask>}, a line {@code contentMask.sha256=...} follows the content's; without one there is no
 * such line, so the keys of assets without a mask are those of earlier versions.
 * File names, the output path, log intervals and snapshotEvery are not part of it: they cannot change the pixels.
 */
public final class CacheKeys {
    /** Version of this text's layout; bump it if the layout changes. */
    public static final String LAYOUT = "stylize-cache-key/1";

    private CacheKeys() {
    }

    /** One style image of a blend, by its bytes' SHA-256 and its weight. */
    public record StyleDigest(String sha256, double weight) {
    }

    /** The canonical text of an asset with one or more style images, and a content mask or none. */
    public static String canonicalInput(InputDigests inputs, StyleSettings settings) {
        List<StyleDigest> styles = inputs.styles();
        StringBuilder lines = new StringBuilder();
        if (styles.size() == 1) {
            lines.append("style.sha256=").append(styles.get(0).sha256()).append('\n');
        } else {
            for (int i = 0; i < styles.size(); i++) {
                lines.append("style.").append(i + 1).append(".sha256=").append(styles.get(i).sha256()).append('\n')
                        .append("style.").append(i + 1).append(".weight=").append(styles.get(i).weight()).append('\n');
            }
        }
        return LAYOUT + '\n'
                + "content.sha256=" + inputs.contentSha256() + '\n'
                + (inputs.contentMaskSha256() == null ? "" : "contentMask.sha256=" + inputs.contentMaskSha256() + '\n')
                + lines
                + "weights=" + inputs.weightsIdentity() + '\n'
                + settings.canonicalForm();
    }

    /** The key of a canonical text: its SHA-256 over UTF-8, lower-case hex. */
    public static String hash(String canonicalInput) {
        return Digests.sha256Hex(canonicalInput.getBytes(StandardCharsets.UTF_8));
    }
}
