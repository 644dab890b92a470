package io.github.stylize.engine.optim;

import io.github.stylize.engine.objective.Evaluation;
import io.github.stylize.engine.objective.Objective;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Minimizes an {@link Objective} over an image, one iteration (one accepted update of the image) at a time.
 * Optimizers keep their state (moments, curvature history) between calls, so one instance serves one run.
 */
public interface Optimizer {
    /**
     * Updates {@code image} in place by one iteration.
     *
     * @param current the evaluation at {@code image}, with its gradient
     * @return the evaluation at the updated image, with a gradient (needed by the next iteration)
     */
    Evaluation step(INDArray image, Evaluation current, Objective objective);
}
