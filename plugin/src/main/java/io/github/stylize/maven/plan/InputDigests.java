package io.github.stylize.maven.plan;

import java.util.List;
import java.util.Objects;

/**
 * What the planner learned about an asset's inputs when it hashed them: the digests its cache key is made of besides
 * the settings. Kept with the asset, so the build checks the files, names the weights and fills the report from them
 * instead of reading the key's text back.
 *
 * @param contentSha256   SHA-256 (lower-case hex) of the content file's bytes
 * @param contentMaskSha256 SHA-256 of the content mask's bytes; null without a mask
 * @param styles          each style image's SHA-256 and blend weight, in declared order
 * @param weightsIdentity the weights' identity: a digest of their bytes, or for random weights the generator and seed
 */
public record InputDigests(String contentSha256, String contentMaskSha256, List<CacheKeys.StyleDigest> styles,
                           String weightsIdentity) {
    public InputDigests {
        Objects.requireNonNull(contentSha256, "contentSha256");
        styles = List.copyOf(styles);
        if (styles.isEmpty()) {
            throw new IllegalArgumentException("no style digest");
        }
    }

    /** The digests of an asset without a content mask. */
    public InputDigests(String contentSha256, List<CacheKeys.StyleDigest> styles, String weightsIdentity) {
        this(contentSha256, null, styles, weightsIdentity);
    }
}
