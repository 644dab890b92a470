package io.github.stylize.maven.plan;

import io.github.stylize.engine.StyleSettings;
import io.github.stylize.engine.WeightedStyle;

import java.nio.file.Path;
import java.util.List;

/**
 * One image the build must produce, fully resolved.
 *
 * @param id          the asset's id; batch items get {@code <batchId>/<relative path without extension>}
 * @param description how error messages name it, e.g. {@code stylization 'harbor-mosaic'}
 * @param content     content image file
 * @param styles      the style image files and their blend weights, one or more
 * @param output      path relative to the output directory, always with '/' separators
 * @param settings    the effective, validated settings
 * @param cacheKey    SHA-256 (hex) of {@link #cacheKeyInput}; null for assets not selected by {@code only}
 * @param digests     the digests of the inputs the key was computed from; null when {@code cacheKey} is
 * @param preview     rendered as a preview ({@code stylize.preview}): {@code settings} holds the capped size
 */
public record PlannedAsset(String id, String description, Path content, List<WeightedStyle> styles, String output,
                           StyleSettings settings, String cacheKey, InputDigests digests, boolean preview) {

    public PlannedAsset {
        styles = List.copyOf(styles);
    }

    public PlannedAsset(String id, String description, Path content, List<WeightedStyle> styles, String output,
                        StyleSettings settings, String cacheKey, InputDigests digests) {
        this(id, description, content, styles, output, settings, cacheKey, digests, false);
    }

    /** An asset with one style image. */
    public PlannedAsset(String id, String description, Path content, Path style, String output,
                        StyleSettings settings, String cacheKey, InputDigests digests) {
        this(id, description, content, List.of(WeightedStyle.of(style)), output, settings, cacheKey, digests);
    }

    /** The canonical text {@code cacheKey} is the hash of ({@link CacheKeys}); null when there is no key. */
    public String cacheKeyInput() {
        return digests == null ? null : CacheKeys.canonicalInput(digests, settings);
    }

    PlannedAsset withCacheKey(InputDigests inputs) {
        return new PlannedAsset(id, description, content, styles, output, settings,
                CacheKeys.hash(CacheKeys.canonicalInput(inputs, settings)), inputs, preview);
    }
}
