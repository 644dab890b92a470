package io.github.stylize.maven.cache;

import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.RunTimings;

import java.util.List;
import java.util.Map;

/**
 * What a run produced, to be stored.
 *
 * @param encoded   the encoded image
 * @param extension its file extension (png, jpg)
 * @param backend   the backend that ran it
 * @param losses    the loss history
 * @param timings   the engine's time, iterations and evaluations
 * @param keyInput  the canonical text the key was hashed from, kept for debugging
 * @param settings  the effective settings, as JSON values
 */
public record NewEntry(byte[] encoded, String extension, String backend, List<IterationLoss> losses, RunTimings timings,
                       String keyInput, Map<String, Object> settings) {
}
