package io.github.stylize.engine.objective;

import io.github.stylize.engine.network.NativeBackend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@code alphaMask}: a binary mask makes the content and style losses exactly those of the masked-in positions alone
 * (the Gram matrix normalized by their own count), and masked-out positions get no gradient; the mask follows the
 * network's poolings down to each block.
 */
class MaskedLossTest {
    private static final int H = 4;
    private static final int W = 6;
    private static final int C = 3;

    @BeforeAll
    static void loadNd4j() {
        NativeBackend.ensureLoaded();
    }

    /** Opaque left half (columns 0..2), transparent right half. */
    private static INDArray leftHalfMask() {
        double[] mask = new double[H * W];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W / 2; x++) {
                mask[y * W + x] = 1;
            }
        }
        return Nd4j.create(mask, new long[]{H * W, 1}, DataType.DOUBLE);
    }

    private static INDArray leftHalf(INDArray features) {
        return features.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, W / 2),
                NDArrayIndex.all()).dup();
    }

    @Test
    void maskedStyleLossIsTheLossOfTheMaskedInPositionsAloneAndMaskedOutOnesGetNoGradient() {
        INDArray features = random(1);
        INDArray target = StyleLoss.gram(random(2));
        StyleLoss.Evaluated masked = StyleLoss.evaluate(features, target, leftHalfMask(), H * W / 2.0);
        StyleLoss.Evaluated alone = StyleLoss.evaluate(leftHalf(features), target);
        assertEquals(alone.value(), masked.value(), 1e-12 * alone.value());

        INDArray gradient = Nd4j.create(DataType.DOUBLE, features.shape());
        masked.writeGradient(gradient, 1, false);
        INDArray aloneGradient = Nd4j.create(DataType.DOUBLE, 1, H, W / 2, C);
        alone.writeGradient(aloneGradient, 1, false);
        assertArrayEquals(aloneGradient.data().asDouble(), leftHalf(gradient).data().asDouble(), 1e-12);
        INDArray right = gradient.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(W / 2, W),
                NDArrayIndex.all());
        assertEquals(0, right.amaxNumber().doubleValue());
    }

    @Test
    void maskedContentLossIsTheLossOfTheMaskedInPositionsAloneScaledToTheirCount() {
        INDArray features = random(3);
        INDArray target = random(4);
        long reference = 64;
        ContentLoss.Evaluated masked = ContentLoss.evaluate(features, target, reference, leftHalfMask(), H * W / 2.0);
        ContentLoss.Evaluated alone = ContentLoss.evaluate(leftHalf(features), leftHalf(target), reference);
        assertEquals(alone.value(), masked.value(), 1e-12 * alone.value());

        INDArray gradient = Nd4j.create(DataType.DOUBLE, features.shape());
        masked.writeGradient(gradient, 2, false);
        INDArray aloneGradient = Nd4j.create(DataType.DOUBLE, 1, H, W / 2, C);
        alone.writeGradient(aloneGradient, 2, false);
        assertArrayEquals(aloneGradient.data().asDouble(), leftHalf(gradient).data().asDouble(), 1e-12);
        assertEquals(0, gradient.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(W / 2, W),
                NDArrayIndex.all()).amaxNumber().doubleValue());
    }

    @Test
    void aPartlyOpaquePositionCountsWithItsAlphaAsWeight() {
        INDArray features = random(5);
        INDArray target = StyleLoss.gram(random(6));
        INDArray half = Nd4j.valueArrayOf(new long[]{H * W, 1}, 0.5, DataType.DOUBLE);
        // the same weight everywhere: the weighted Gram, divided by the weighted count, is the plain one
        assertEquals(StyleLoss.evaluate(features, target).value(),
                StyleLoss.evaluate(features, target, half, H * W * 0.5).value(), 1e-12);
    }

    @Test
    void theMaskIsAveragedOverEachPoolingWindowDroppingOrWrappingAnOddLastRowOrColumn() {
        // 5 wide, 2 high: one opaque pixel in the last (odd) column
        float[] alpha = {0, 0, 0, 0, 1,
                         0, 0, 0, 0, 0};
        PositionMask dropping = new PositionMask(alpha, 5, 2, false);
        assertEquals(1, dropping.positions("conv1_2"));
        assertArrayEquals(new int[]{2, 1}, dropping.size("conv2_1"));
        assertEquals(0, dropping.positions("conv2_1"), "the pooling drops the last column and its pixel");
        assertEquals("conv2_1", dropping.emptyLayer(List.of("conv1_1", "conv2_1")));

        PositionMask wrapping = new PositionMask(alpha, 5, 2, true);
        assertArrayEquals(new int[]{3, 1}, wrapping.size("conv2_1"));
        // the last window holds columns 4 and 0 of both rows: one opaque pixel of four
        assertArrayEquals(new double[]{0, 0, 0.25}, wrapping.column("conv2_1", DataType.DOUBLE).data().asDouble());
        assertNull(wrapping.emptyLayer(List.of("conv1_1", "conv2_1", "conv3_1")));
    }

    private static INDArray random(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[H * W * C];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble(0, 2);
        }
        return Nd4j.create(values, new long[]{1, H, W, C}, DataType.DOUBLE);
    }
}
