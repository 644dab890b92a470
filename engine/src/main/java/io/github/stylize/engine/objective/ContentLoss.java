package io.github.stylize.engine.objective;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Content loss (Gatys et al., eq. 1): {@code L = 1/2 * sum_ij (F_ij - P_ij)^2}, F the generated image's features
 * at the content layer, P the content image's. Its gradient is {@code F - P}.
 */
public final class ContentLoss {
    private ContentLoss() {
    }

    public static LossTerm valueAndGradient(INDArray features, INDArray target, boolean withGradient) {
        INDArray diff = features.sub(target);
        double norm = diff.norm2Number().doubleValue();
        double value = 0.5 * norm * norm;
        if (!withGradient) {
            diff.close();
            return new LossTerm(value, null);
        }
        return new LossTerm(value, diff);
    }
}
