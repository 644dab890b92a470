package io.github.stylize.maven.cache;

import io.github.stylize.engine.IterationLoss;

import java.util.List;
import java.util.Map;

/**
 * What a run produced, to be stored.
 *
 * @param encoded   the encoded image
 * @param extension its file extension (png, jpg)
 * @param backend   the backend that ran it
 * @param losses    the loss history
 * @param millis    engine time
 * @param keyInput  the canonical text the key was hashed from, kept for debugging
 * @param settings  the effective settings, as JSON values
 */
public record NewEntry(byte[] encoded, String extension, String backend, List<IterationLoss> losses, long millis,
                       String keyInput, Map<String, Object> settings) {
}
