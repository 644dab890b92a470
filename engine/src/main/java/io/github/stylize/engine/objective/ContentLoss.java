package io.github.stylize.engine.objective;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Content loss (Gatys et al., eq. 1) scaled to a reference size: {@code L = R/M * 1/2 * sum_ij (F_ij - P_ij)^2}, F the
 * generated image's features at the content layer, P the content image's, M their number of positions and R the
 * number the layer has for a reference image (see {@link StyleObjective#REFERENCE_SIDE}). The paper's sum grows with
 * the pixel count while the style loss does not; scaled, the balance of the two does not depend on the image size, and
 * at the reference size (R = M) it is the paper's. Its gradient is {@code R/M * (F - P)}.
 *
 * <p>Masked ({@code alphaMask}), position p counts with its weight m_p ({@link PositionMask}) and M is their sum S:
 * {@code L = R/S * 1/2 * sum_p m_p sum_i (F_ip - P_ip)^2}, gradient {@code R/S * m_p (F_p - P_p)}.
 */
public final class ContentLoss {
    private ContentLoss() {
    }

    /** L and, if asked, dL/dF (a new array). */
    public static LossTerm valueAndGradient(INDArray features, INDArray target, long referencePositions,
                                            boolean withGradient) {
        Evaluated evaluated = evaluate(features, target, referencePositions);
        if (!withGradient) {
            evaluated.close();
            return new LossTerm(evaluated.value(), null);
        }
        return new LossTerm(evaluated.value(), evaluated.difference.muli(evaluated.scale));
    }

    /**
     * L at {@code features} [1, h, w, N], keeping F - P for {@link Evaluated#writeGradient}; {@code referencePositions}
     * is R, the layer's h * w at the reference size.
     */
    public static Evaluated evaluate(INDArray features, INDArray target, long referencePositions) {
        return evaluate(features, target, referencePositions, null, 0);
    }

    /**
     * L with each position weighted by {@code mask} ([M, 1], summing to {@code positions}), or unweighted if it is
     * null.
     */
    public static Evaluated evaluate(INDArray features, INDArray target, long referencePositions, INDArray mask,
                                     double positions) {
        INDArray difference = features.sub(target);
        if (mask == null) {
            double norm = difference.norm2Number().doubleValue();
            double scale = (double) referencePositions / (features.size(1) * features.size(2));
            return new Evaluated(scale * 0.5 * norm * norm, scale, difference);
        }
        INDArray weighted = difference.reshape('c', mask.length(), features.size(3)).mulColumnVector(mask)
                .reshape(difference.shape());
        double squares = weighted.mul(difference).sumNumber().doubleValue();
        difference.close();
        double scale = referencePositions / positions;
        return new Evaluated(scale * 0.5 * squares, scale, weighted);
    }

    /** The loss and its gradient F - P, or m (F - P) masked (the layer's size, small: the content layer is deep). */
    public static final class Evaluated implements AutoCloseable {
        private final double value;
        private final double scale;
        private final INDArray difference;

        private Evaluated(double value, double scale, INDArray difference) {
            this.value = value;
            this.scale = scale;
            this.difference = difference;
        }

        public double value() {
            return value;
        }

        /** Writes {@code weight * R/M * (F - P)} into {@code target}, adding to its content if {@code accumulate}. */
        public void writeGradient(INDArray target, double weight, boolean accumulate) {
            if (accumulate) {
                // axpy takes vectors: flat views of both arrays
                Nd4j.getBlasWrapper().axpy(weight * scale, difference.reshape(difference.length()),
                        target.reshape(target.length()));
            } else {
                target.assign(difference).muli(weight * scale);
            }
        }

        @Override
        public void close() {
            difference.close();
        }
    }
}
