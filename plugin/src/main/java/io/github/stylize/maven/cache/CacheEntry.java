package io.github.stylize.maven.cache;

import io.github.stylize.engine.RunSummary;

import java.nio.file.Path;

/**
 * A verified cache entry.
 *
 * @param key   the cache key
 * @param image the cached image file (its bytes matched the recorded SHA-256 when read)
 * @param run   the backend, loss history and timings of the run that generated it
 */
public record CacheEntry(String key, Path image, RunSummary run) {
}
