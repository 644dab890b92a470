package io.github.stylize.maven.execute;

import io.github.stylize.engine.IterationLoss;

import java.util.List;

/**
 * A rendered image.
 *
 * @param encoded encoded in the asset's format
 * @param losses  loss history, entry 0 the initial image
 * @param backend the backend that ran it
 * @param millis  engine time
 */
public record Rendering(byte[] encoded, List<IterationLoss> losses, String backend, long millis) {
    public Rendering {
        losses = List.copyOf(losses);
    }
}
