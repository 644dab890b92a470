package io.github.stylize.engine;

import java.util.List;
import java.util.Objects;

/**
 * How an image was made, kept with it wherever it goes (cache entries, remote objects, metadata, the report), so that a
 * cache hit still tells the run that generated it.
 *
 * @param backend the ND4J backend that ran it, e.g. {@code CPU (linux-x86_64-onednn-avx512)}
 * @param losses  one entry per iteration, entry 0 the initial image
 * @param timings where the time went, iterations and objective evaluations
 */
public record RunSummary(String backend, List<IterationLoss> losses, RunTimings timings) {
    public RunSummary {
        losses = List.copyOf(losses);
        Objects.requireNonNull(timings, "timings");
    }
}
