package io.github.stylize.maven.execute;

import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.RunTimings;

import java.util.List;

/**
 * A rendered image.
 *
 * @param encoded encoded in the asset's format
 * @param losses  loss history, entry 0 the initial image
 * @param backend the backend that ran it
 * @param timings the engine's time, iterations and evaluations
 */
public record Rendering(byte[] encoded, List<IterationLoss> losses, String backend, RunTimings timings) {
    public Rendering {
        losses = List.copyOf(losses);
    }
}
