package io.github.stylize.maven.execute;

import io.github.stylize.engine.RunSummary;

/**
 * A rendered image.
 *
 * @param encoded encoded in the asset's format
 * @param run     the backend, loss history and timings of the run
 */
public record Rendering(byte[] encoded, RunSummary run) {
}
