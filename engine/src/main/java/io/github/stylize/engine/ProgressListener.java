package io.github.stylize.engine;

import io.github.stylize.engine.image.RgbImage;

/** Receives a run's progress. Called on the thread that runs the optimization; keep callbacks quick. */
public interface ProgressListener {

    ProgressListener NONE = new ProgressListener() {
    };

    /** The run is about to optimize an image of this size, on this backend. */
    default void started(int width, int height, int iterations, String backend) {
    }

    /** Losses of iteration {@code loss.iteration()}: 0 for the initial image, then once per update. */
    default void iteration(IterationLoss loss) {
    }

    /** The current image after {@code iteration} updates, every {@link StyleSettings#snapshotEvery()} iterations. */
    default void snapshot(int iteration, RgbImage image) {
    }
}
