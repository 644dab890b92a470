package io.github.stylize.maven.cache;

import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.RunTimings;

import java.nio.file.Path;
import java.util.List;

/**
 * A verified cache entry.
 *
 * @param key     the cache key
 * @param image   the cached image file (its bytes matched the recorded SHA-256 when read)
 * @param backend the backend that generated it
 * @param losses  the loss history of that run
 * @param timings the engine's time, iterations and evaluations of that run
 */
public record CacheEntry(String key, Path image, String backend, List<IterationLoss> losses, RunTimings timings) {
    public CacheEntry {
        losses = List.copyOf(losses);
    }
}
