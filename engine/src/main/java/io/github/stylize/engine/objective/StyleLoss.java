package io.github.stylize.engine.objective;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Style loss of one layer (Gatys et al., eq. 4), with each Gram matrix divided by its own number of positions: with
 * the layer's features F reshaped to N filters x M positions, the Gram matrix is {@code G = F F^T / M} and
 * {@code E = 1/(4 N^2) * sum_ij (G_ij - A_ij)^2}, A being the style image's Gram matrix divided by the style's own
 * M_s positions. When M_s = M this is the paper's {@code 1/(4 N^2 M^2) * sum (F F^T - S S^T)^2}; when the two images
 * have different pixel counts (a styleScale other than 1, a different aspect ratio) the paper's unnormalized Gram
 * matrices differ by M_s/M for the same texture, and this form does not. Its gradient is
 * {@code dE/dF = 1/(N^2 M) * (G - A) F}.
 *
 * <p>Features arrive as NHWC [1, h, w, N]; as a row-major [M, N] matrix X that is F^T, so {@code G = X^T X / M} and
 * {@code dE/dX = X (G - A) / (N^2 M)}.
 *
 * <p>Masked ({@code alphaMask}), each position p counts with its weight m_p ({@link PositionMask}) and M becomes the
 * weighted count {@code S = sum_p m_p}: {@code G = X^T diag(m) X / S}, the Gram matrix of the positions that count,
 * normalized like any other by their own number; A stays the whole style image's. Then
 * {@code dE/dX = diag(m) X (G - A) / (N^2 S)}.
 */
public final class StyleLoss {
    private StyleLoss() {
    }

    /** The Gram matrix [N, N] of features [1, h, w, N], divided by their number of positions h * w. */
    public static INDArray gram(INDArray features) {
        INDArray x = asMatrix(features);
        return Nd4j.gemm(x, x, true, false).divi(x.size(0));
    }

    /** E and, if asked, dE/dfeatures (a new array shaped like {@code features}). */
    public static LossTerm valueAndGradient(INDArray features, INDArray target, boolean withGradient) {
        try (Evaluated evaluated = evaluate(features, target)) {
            INDArray gradient = null;
            if (withGradient) {
                gradient = Nd4j.create(features.dataType(), features.shape());
                evaluated.writeGradient(gradient, 1, false);
            }
            return new LossTerm(evaluated.value(), gradient);
        }
    }

    /** E at {@code features}, keeping G - A for {@link Evaluated#writeGradient}. */
    public static Evaluated evaluate(INDArray features, INDArray target) {
        return evaluate(features, target, null, 0);
    }

    /**
     * E at {@code features} with each position weighted by {@code mask} ([M, 1], summing to {@code positions}), or
     * unweighted if it is null.
     */
    public static Evaluated evaluate(INDArray features, INDArray target, INDArray mask, double positions) {
        INDArray x = asMatrix(features);
        INDArray weighted = mask == null ? x : x.mulColumnVector(mask);
        double m = mask == null ? x.size(0) : positions;
        // gemm with a transpose flag: a transposed view passed to mmul is copied first (measured: 2.3x slower)
        INDArray gramDifference = Nd4j.gemm(weighted, x, true, false).divi(m).subi(target);
        double norm = gramDifference.norm2Number().doubleValue();
        double n = x.size(1);
        return new Evaluated(norm * norm / (4 * n * n), weighted, m, gramDifference, weighted != x);
    }

    /** The loss at one layer and what its gradient needs; valid until the features are overwritten. */
    public static final class Evaluated implements AutoCloseable {
        private final double value;
        /** diag(m) X, or X itself unmasked. */
        private final INDArray features;
        private final double positions;
        private final INDArray gramDifference;
        private final boolean ownsFeatures;

        private Evaluated(double value, INDArray features, double positions, INDArray gramDifference,
                          boolean ownsFeatures) {
            this.value = value;
            this.features = features;
            this.positions = positions;
            this.gramDifference = gramDifference;
            this.ownsFeatures = ownsFeatures;
        }

        public double value() {
            return value;
        }

        /**
         * Writes {@code weight * dE/dfeatures} into {@code target} (shaped like the features), adding to its content if
         * {@code accumulate}: one matrix product straight into the target, with no temporary of the features' size.
         */
        public void writeGradient(INDArray target, double weight, boolean accumulate) {
            double n = features.size(1);
            INDArray targetMatrix = asMatrix(target);
            Nd4j.gemm(features, gramDifference, targetMatrix, false, false, weight / (n * n * positions),
                    accumulate ? 1 : 0);
        }

        @Override
        public void close() {
            gramDifference.close();
            if (ownsFeatures) {
                features.close();
            }
        }
    }

    /** The [M, N] view of features [1, h, w, N] (a view: writes through it reach the features). */
    private static INDArray asMatrix(INDArray features) {
        return features.reshape('c', features.size(1) * features.size(2), features.size(3));
    }
}
