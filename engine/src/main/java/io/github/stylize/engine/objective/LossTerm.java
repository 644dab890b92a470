package io.github.stylize.engine.objective;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One loss term's value and, when asked for, its gradient with respect to its input (else null). */
public record LossTerm(double value, INDArray gradient) {
}
