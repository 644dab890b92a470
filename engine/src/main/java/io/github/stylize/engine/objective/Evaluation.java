package io.github.stylize.engine.objective;

import org.nd4j.linalg.api.ndarray.INDArray;

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
}
