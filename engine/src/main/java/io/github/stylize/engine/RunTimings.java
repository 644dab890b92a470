package io.github.stylize.engine;

/**
 * Where a run's time went, and how much work it did.
 *
 * @param prepareMillis  time to read, resize and analyse the images (style Gram matrices, content features), summed
 *                       over the coarse-to-fine levels
 * @param optimizeMillis time spent in the optimization loops of all levels
 * @param iterations     optimizer iterations of the full-size (last) level: the last entry of the loss history
 * @param evaluations    objective evaluations (one forward and one backward pass each) over all levels, counting each
 *                       level's initial evaluation and every line-search evaluation of L-BFGS: the run's unit of cost
 * @param stop           why the full-size level ended; null where it is not known (recorded before it was kept)
 */
public record RunTimings(long prepareMillis, long optimizeMillis, int iterations, int evaluations, StopReason stop) {
    public RunTimings(long prepareMillis, long optimizeMillis, int iterations, int evaluations) {
        this(prepareMillis, optimizeMillis, iterations, evaluations, null);
    }

    public RunTimings {
        if (prepareMillis < 0 || optimizeMillis < 0 || iterations < 0 || evaluations < 0) {
            throw new IllegalArgumentException("negative timings: prepare " + prepareMillis + " ms, optimize "
                    + optimizeMillis + " ms, " + iterations + " iterations, " + evaluations + " evaluations");
        }
    }

    public long totalMillis() {
        return prepareMillis + optimizeMillis;
    }

    /** The optimization time per evaluation; 0 if there were no evaluations. */
    public double millisPerEvaluation() {
        return evaluations == 0 ? 0 : (double) optimizeMillis / evaluations;
    }
}
