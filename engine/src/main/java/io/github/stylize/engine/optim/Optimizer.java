package io.github.stylize.engine.optim;

import io.github.stylize.engine.StopReason;
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

    /**
     * Null while steps can still make progress; else why the last {@link #step} left the image where it was and another
     * would repeat the same work ({@link StopReason#CONVERGED} or {@link StopReason#STALLED}): the caller ends the
     * optimization there.
     */
    default StopReason stopped() {
        return null;
    }
}
