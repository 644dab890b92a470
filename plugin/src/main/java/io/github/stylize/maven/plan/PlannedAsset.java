package io.github.stylize.maven.plan;

import io.github.stylize.engine.StyleSettings;
import io.github.stylize.engine.WeightedStyle;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One image the build must produce, fully resolved.
 *
 * @param id          the asset's id; batch items get {@code <batchId>/<relative path without extension>}
 * @param description how error messages name it, e.g. {@code stylization 'harbor-mosaic'}
 * @param inputs      the content image, its mask if any, and the style images
 * @param output      path relative to the output directory, always with '/' separators
 * @param settings    the effective, validated settings
 * @param key         its cache key; null for assets not selected by {@code only}
 * @param preview     rendered as a preview ({@code stylize.preview}): {@code settings} holds the capped size
 */
public record PlannedAsset(String id, String description, Inputs inputs, String output, StyleSettings settings, Key key,
                           boolean preview) {

    /**
     * The image files an asset is made from.
     *
     * @param content     the content image
     * @param contentMask where the style goes ({@code <contentMask>}): an image of the content's size; null for none
     * @param styles      the style images and their blend weights, one or more
     */
    public record Inputs(Path content, Path contentMask, List<WeightedStyle> styles) {
        public Inputs {
            styles = List.copyOf(styles);
        }
    }

    /**
     * An asset's cache key with what it was computed from besides the settings.
     *
     * @param hex     SHA-256 (lower-case hex) of {@link #cacheKeyInput}
     * @param digests the digests of the input images and the weights' identity
     */
    public record Key(String hex, InputDigests digests) {
        public Key {
            Objects.requireNonNull(hex, "hex");
            Objects.requireNonNull(digests, "digests");
        }
    }

    /** An asset without a content mask. */
    public PlannedAsset(String id, String description, Path content, List<WeightedStyle> styles, String output,
                        StyleSettings settings, Key key, boolean preview) {
        this(id, description, new Inputs(content, null, styles), output, settings, key, preview);
    }

    /** An asset as declared, before its inputs are hashed: no key yet, not a preview. */
    public PlannedAsset(String id, String description, Inputs inputs, String output, StyleSettings settings) {
        this(id, description, inputs, output, settings, null, false);
    }

    /** An asset without a content mask, as declared. */
    public PlannedAsset(String id, String description, Path content, List<WeightedStyle> styles, String output,
                        StyleSettings settings) {
        this(id, description, new Inputs(content, null, styles), output, settings);
    }

    public Path content() {
        return inputs.content();
    }

    /** The content mask, or null. */
    public Path contentMask() {
        return inputs.contentMask();
    }

    public List<WeightedStyle> styles() {
        return inputs.styles();
    }

    /** The cache key (hex SHA-256); null when there is none. */
    public String cacheKey() {
        return key == null ? null : key.hex();
    }

    /** The digests the cache key was computed from; null when there is no key. */
    public InputDigests digests() {
        return key == null ? null : key.digests();
    }

    /** The canonical text the cache key is the hash of ({@link CacheKeys}); null when there is no key. */
    public String cacheKeyInput() {
        return key == null ? null : CacheKeys.canonicalInput(key.digests(), settings);
    }

    PlannedAsset withCacheKey(InputDigests digests) {
        return new PlannedAsset(id, description, inputs, output, settings,
                new Key(CacheKeys.hash(CacheKeys.canonicalInput(digests, settings)), digests), preview);
    }
}
