package io.github.stylize.maven.cache;

import io.github.stylize.engine.RunSummary;

import java.util.Map;

/**
 * What a run produced, to be stored.
 *
 * @param encoded   the encoded image
 * @param extension its file extension (png, jpg)
 * @param run       the backend, loss history and timings of the run
 * @param keyInput  the canonical text the key was hashed from, kept for debugging
 * @param settings  the effective settings, as JSON values
 */
public record NewEntry(byte[] encoded, String extension, RunSummary run, String keyInput, Map<String, Object> settings) {
}
