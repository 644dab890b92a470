package io.github.stylize.engine.objective;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Total variation of an image [1, H, W, C]: the sum of squared differences between vertically and horizontally
 * adjacent pixels, {@code TV = R/(H W) * sum (x[i+1,j] - x[i,j])^2 + (x[i,j+1] - x[i,j])^2}, R the pixel count of the
 * reference size ({@link StyleObjective#REFERENCE_SIDE} squared) so that, like the content loss, it weighs the same
 * against the style loss at every size. Penalizing it smooths out the high-frequency noise that pixel-wise
 * optimization leaves behind.
 *
 * <p>Wrapping around (for {@code tileable}), the last row and column are also neighbours of the first ones: the sums
 * run over the image as a torus, so a seam costs what any other edge does.
 */
public final class TotalVariationLoss {
    private TotalVariationLoss() {
    }

    public static LossTerm valueAndGradient(INDArray image, boolean withGradient) {
        return valueAndGradient(image, false, withGradient);
    }

    /** TV and, if asked, its gradient; with {@code wrap}, the last row and column neighbour the first ones. */
    public static LossTerm valueAndGradient(INDArray image, boolean wrap, boolean withGradient) {
        long h = image.size(1);
        long w = image.size(2);
        INDArray gradient = withGradient ? Nd4j.zeros(image.dataType(), image.shape()) : null;
        double value = 0;
        if (h > 1) {
            value += differences(image, gradient, 1, 1, h, 0, h - 1);
            if (wrap) {
                value += differences(image, gradient, 1, 0, 1, h - 1, h);
            }
        }
        if (w > 1) {
            value += differences(image, gradient, 2, 1, w, 0, w - 1);
            if (wrap) {
                value += differences(image, gradient, 2, 0, 1, w - 1, w);
            }
        }
        double scale = (double) StyleObjective.REFERENCE_SIDE * StyleObjective.REFERENCE_SIDE / (h * w);
        if (gradient != null) {
            gradient.muli(scale);
        }
        return new LossTerm(scale * value, gradient);
    }

    /**
     * Adds the squared differences between the slices [nextFrom, nextTo) and [previousFrom, previousTo) along
     * {@code axis} to the value (returned) and to the gradient.
     */
    private static double differences(INDArray image, INDArray gradient, int axis, long nextFrom, long nextTo,
                                      long previousFrom, long previousTo) {
        INDArray next = image.get(range(axis, nextFrom, nextTo));
        INDArray previous = image.get(range(axis, previousFrom, previousTo));
        INDArray diff = next.sub(previous);
        double norm = diff.norm2Number().doubleValue();
        if (gradient != null) {
            diff.muli(2);
            gradient.get(range(axis, nextFrom, nextTo)).addi(diff);
            gradient.get(range(axis, previousFrom, previousTo)).subi(diff);
        }
        diff.close();
        return norm * norm;
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex[] range(int axis, long from, long to) {
        return new org.nd4j.linalg.indexing.INDArrayIndex[]{
                NDArrayIndex.all(),
                axis == 1 ? NDArrayIndex.interval(from, to) : NDArrayIndex.all(),
                axis == 2 ? NDArrayIndex.interval(from, to) : NDArrayIndex.all(),
                NDArrayIndex.all()};
    }
}
