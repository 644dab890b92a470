package io.github.stylize.engine.objective;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Content loss (Gatys et al., eq. 1): {@code L = 1/2 * sum_ij (F_ij - P_ij)^2}, F the generated image's features
 * at the content layer, P the content image's. Its gradient is {@code F - P}.
 */
public final class ContentLoss {
    private ContentLoss() {
    }

    /** L and, if asked, dL/dF (a new array). */
    public static LossTerm valueAndGradient(INDArray features, INDArray target, boolean withGradient) {
        Evaluated evaluated = evaluate(features, target);
        if (!withGradient) {
            evaluated.close();
            return new LossTerm(evaluated.value(), null);
        }
        return new LossTerm(evaluated.value(), evaluated.difference);
    }

    /** L at {@code features}, keeping F - P for {@link Evaluated#writeGradient}. */
    public static Evaluated evaluate(INDArray features, INDArray target) {
        INDArray difference = features.sub(target);
        double norm = difference.norm2Number().doubleValue();
        return new Evaluated(0.5 * norm * norm, difference);
    }

    /** The loss and its gradient F - P (the layer's size, small: the content layer is deep). */
    public static final class Evaluated implements AutoCloseable {
        private final double value;
        private final INDArray difference;

        private Evaluated(double value, INDArray difference) {
            this.value = value;
            this.difference = difference;
        }

        public double value() {
            return value;
        }

        /** Writes {@code weight * (F - P)} into {@code target}, adding to its content if {@code accumulate}. */
        public void writeGradient(INDArray target, double weight, boolean accumulate) {
            if (accumulate) {
                // axpy takes vectors: flat views of both arrays
                Nd4j.getBlasWrapper().axpy(weight, difference.reshape(difference.length()),
                        target.reshape(target.length()));
            } else {
                target.assign(difference).muli(weight);
            }
        }

        @Override
        public void close() {
            difference.close();
        }
    }
}
