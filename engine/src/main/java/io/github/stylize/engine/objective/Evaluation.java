package io.github.stylize.engine.objective;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * The weighted loss terms at one image and, if asked for, the gradient of their sum with respect to the image
 * (else null).
 */
public record Evaluation(double content, double style, double tv, INDArray gradient) {
    public double total() {
        return content + style + tv;
    }

    public boolean isFinite() {
        return Double.isFinite(content) && Double.isFinite(style) && Double.isFinite(tv);
    }

    /** Whether the gradient, if there is one, holds no NaN or infinity. */
    public boolean gradientIsFinite() {
        return gradient == null || !(BooleanIndexing.or(gradient, Conditions.isNan())
                || BooleanIndexing.or(gradient, Conditions.isInfinite()));
    }
}
