package io.github.stylize.maven.plan;

import io.github.stylize.engine.StyleSettings;
import io.github.stylize.engine.files.Digests;

import java.nio.charset.StandardCharsets;

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
 * File names, the output path, log intervals and snapshotEvery are not part of it: they cannot change the pixels.
 */
public final class CacheKeys {
    /** Version of this text's layout; bump it if the layout changes. */
    public static final String LAYOUT = "stylize-cache-key/1";

    private CacheKeys() {
    }

    public static String canonicalInput(String contentSha256, String styleSha256, String weightsIdentity,
                                        StyleSettings settings) {
        return LAYOUT + '\n'
                + "content.sha256=" + contentSha256 + '\n'
                + "style.sha256=" + styleSha256 + '\n'
                + "weights=" + weightsIdentity + '\n'
                + settings.canonicalForm();
    }

    /** The key of a canonical text: its SHA-256 over UTF-8, lower-case hex. */
    public static String hash(String canonicalInput) {
        return Digests.sha256Hex(canonicalInput.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A {@code name=value} line of a canonical text, e.g. {@code content.sha256}: the report groups assets by their
     * inputs' digests without hashing the files again. Null if there is no such line.
     */
    public static String field(String canonicalInput, String name) {
        if (canonicalInput == null) {
            return null;
        }
        String prefix = name + "=";
        for (String line : canonicalInput.split("\n")) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
        return null;
    }
}
