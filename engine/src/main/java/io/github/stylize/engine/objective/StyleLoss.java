package io.github.stylize.engine.objective;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Style loss of one layer (Gatys et al., eq. 4): with the layer's features F reshaped to N filters x M positions,
 * the Gram matrix is {@code G = F F^T} and {@code E = 1/(4 N^2 M^2) * sum_ij (G_ij - A_ij)^2}, A being the style
 * image's Gram matrix. Its gradient is {@code dE/dF = 1/(N^2 M^2) * (G - A) F}.
 *
 * <p>Features arrive as NHWC [1, h, w, N]; as a row-major [M, N] matrix X that is F^T, so {@code G = X^T X} and
 * {@code dE/dX = X (G - A) / (N^2 M^2)}.
 */
public final class StyleLoss {
    private StyleLoss() {
    }

    /** The Gram matrix [N, N] of features [1, h, w, N]. */
    public static INDArray gram(INDArray features) {
        INDArray x = asMatrix(features);
        return Nd4j.gemm(x, x, true, false);
    }

    /** E for features [1, h, w, N] against the style Gram matrix {@code target}. */
    public static double value(INDArray features, INDArray target) {
        return valueAndGradient(features, target, false).value();
    }

    /** E and, if asked, dE/dfeatures (shape of {@code features}). */
    public static LossTerm valueAndGradient(INDArray features, INDArray target, boolean withGradient) {
        INDArray x = asMatrix(features);
        double n = x.size(1);
        double m = x.size(0);
        // gemm with a transpose flag: a transposed view passed to mmul is copied first (measured: 2.3x slower)
        INDArray diff = Nd4j.gemm(x, x, true, false).subi(target);
        double value = diff.norm2Number().doubleValue();
        value = value * value / (4 * n * n * m * m);
        INDArray gradient = null;
        if (withGradient) {
            gradient = Nd4j.gemm(x, diff, false, false).divi(n * n * m * m).reshape(features.shape());
        }
        diff.close();
        return new LossTerm(value, gradient);
    }

    private static INDArray asMatrix(INDArray features) {
        return features.reshape('c', features.size(1) * features.size(2), features.size(3));
    }
}
