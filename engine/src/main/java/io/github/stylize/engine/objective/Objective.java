package io.github.stylize.engine.objective;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A differentiable loss over an image; what the optimizers minimize. */
public interface Objective extends AutoCloseable {
    /** The loss at {@code image} and, if {@code withGradient}, its gradient (same shape as the image). */
    Evaluation evaluate(INDArray image, boolean withGradient);

    /** Frees what the objective holds between evaluations. */
    @Override
    default void close() {
    }
}
