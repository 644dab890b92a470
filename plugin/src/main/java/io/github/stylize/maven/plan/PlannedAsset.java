package io.github.stylize.maven.plan;

import io.github.stylize.engine.StyleSettings;

import java.nio.file.Path;

/**
 * One image the build must produce, fully resolved.
 *
 * @param id          the asset's id; batch items get {@code <batchId>/<relative path without extension>}
 * @param description how error messages name it, e.g. {@code stylization 'harbor-mosaic'}
 * @param content     content image file
 * @param style       style image file
 * @param output      path relative to the output directory, always with '/' separators
 * @param settings    the effective, validated settings
 * @param cacheKey    SHA-256 (hex) of {@code cacheKeyInput}; null for assets not selected by {@code only}
 * @param cacheKeyInput the canonical text of {@link CacheKeys#canonicalInput}; null when {@code cacheKey} is
 * @param preview     rendered as a preview ({@code stylize.preview}): {@code settings} holds the capped size
 */
public record PlannedAsset(String id, String description, Path content, Path style, String output,
                           StyleSettings settings, String cacheKey, String cacheKeyInput, boolean preview) {

    public PlannedAsset(String id, String description, Path content, Path style, String output,
                        StyleSettings settings, String cacheKey, String cacheKeyInput) {
        this(id, description, content, style, output, settings, cacheKey, cacheKeyInput, false);
    }

    PlannedAsset withCacheKey(String keyInput) {
        return new PlannedAsset(id, description, content, style, output, settings, CacheKeys.hash(keyInput), keyInput,
                preview);
    }
}
