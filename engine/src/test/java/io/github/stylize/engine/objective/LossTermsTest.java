package io.github.stylize.engine.objective;

import io.github.stylize.engine.network.NativeBackend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each loss term, value and gradient, equals its formula (Gatys et al.'s, each term made independent of the image
 * size as the classes' javadoc says) evaluated directly in plain Java double arithmetic on small NHWC arrays
 * [1, h, w, c], in float32 as the engine runs.
 */
class LossTermsTest {
    private static final int H = 3;
    private static final int W = 4;
    private static final int C = 5;

    @BeforeAll
    static void loadNd4j() {
        NativeBackend.ensureLoaded();
    }

    @Test
    void contentLossIsHalfTheSquaredDistanceScaledToTheReferencePositionsAndItsGradientTheScaledDifference() {
        double[] f = random(1, H * W * C);
        double[] p = random(2, H * W * C);
        long reference = 4L * H * W;
        double expected = 0;
        for (int i = 0; i < f.length; i++) {
            expected += 4 * 0.5 * (f[i] - p[i]) * (f[i] - p[i]);
        }
        LossTerm term = ContentLoss.valueAndGradient(nhwc(f), nhwc(p), reference, true);
        assertEquals(expected, term.value(), 1e-5 * expected);
        double[] gradient = term.gradient().data().asDouble();
        for (int i = 0; i < f.length; i++) {
            assertEquals(4 * (f[i] - p[i]), gradient[i], 1e-5);
        }
    }

    @Test
    void gramMatrixIsFeaturesTimesTheirTransposeOverThePositions() {
        double[] f = random(3, H * W * C);
        double[][] expected = gram(f, H * W);
        INDArray gram = StyleLoss.gram(nhwc(f));
        for (int a = 0; a < C; a++) {
            for (int b = 0; b < C; b++) {
                assertEquals(expected[a][b], gram.getDouble(a, b), 1e-4 * Math.abs(expected[a][b]) + 1e-5);
            }
        }
    }

    @Test
    void styleLossFollowsTheNormalizedGramDistanceAndItsGradient() {
        double[] f = random(4, H * W * C);
        int styleHeight = 5;
        int styleWidth = 2;
        double[] s = random(5, styleHeight * styleWidth * C);
        int n = C;
        int m = H * W;
        // each Gram matrix over its own positions: the style image has 10, the generated one 12
        double[][] g = gram(f, m);
        double[][] a = gram(s, styleHeight * styleWidth);
        double expected = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                expected += (g[i][j] - a[i][j]) * (g[i][j] - a[i][j]);
            }
        }
        expected /= 4.0 * n * n;
        // dE/dF_ik = 1/(N^2 M) * sum_j (G - A)_ij F_jk, F_jk = feature j at position k
        double[] expectedGradient = new double[f.length];
        for (int k = 0; k < m; k++) {
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += (g[i][j] - a[i][j]) * f[k * n + j];
                }
                expectedGradient[k * n + i] = sum / ((double) n * n * m);
            }
        }

        INDArray target = StyleLoss.gram(Nd4j.create(s, new long[]{1, styleHeight, styleWidth, C}, DataType.DOUBLE)
                .castTo(DataType.FLOAT));
        LossTerm term = StyleLoss.valueAndGradient(nhwc(f), target, true);

        assertEquals(expected, term.value(), 1e-4 * expected);
        double[] gradient = term.gradient().data().asDouble();
        double scale = max(expectedGradient);
        for (int i = 0; i < f.length; i++) {
            assertEquals(expectedGradient[i], gradient[i], 1e-4 * scale);
        }
    }

    @Test
    void totalVariationSumsSquaredNeighbourDifferencesScaledToTheReferencePixelsWithItsGradient() {
        double[] x = random(6, H * W * C);
        double expected = 0;
        double[] expectedGradient = new double[x.length];
        for (int y = 0; y < H; y++) {
            for (int xx = 0; xx < W; xx++) {
                for (int c = 0; c < C; c++) {
                    int here = (y * W + xx) * C + c;
                    if (y + 1 < H) {
                        int below = ((y + 1) * W + xx) * C + c;
                        double d = x[below] - x[here];
                        expected += d * d;
                        expectedGradient[below] += 2 * d;
                        expectedGradient[here] -= 2 * d;
                    }
                    if (xx + 1 < W) {
                        int right = (y * W + xx + 1) * C + c;
                        double d = x[right] - x[here];
                        expected += d * d;
                        expectedGradient[right] += 2 * d;
                        expectedGradient[here] -= 2 * d;
                    }
                }
            }
        }
        double scale = 512.0 * 512.0 / (H * W);
        LossTerm term = TotalVariationLoss.valueAndGradient(nhwc(x), true);
        assertEquals(scale * expected, term.value(), 1e-5 * scale * expected);
        double[] gradient = term.gradient().data().asDouble();
        for (int i = 0; i < x.length; i++) {
            assertEquals(scale * expectedGradient[i], gradient[i], 1e-4 * scale);
        }
    }

    /** sum over the positions of F F^T, divided by their number. */
    private static double[][] gram(double[] features, int positions) {
        double[][] g = new double[C][C];
        for (int k = 0; k < positions; k++) {
            for (int i = 0; i < C; i++) {
                for (int j = 0; j < C; j++) {
                    g[i][j] += features[k * C + i] * features[k * C + j] / positions;
                }
            }
        }
        return g;
    }

    private static INDArray nhwc(double[] values) {
        return Nd4j.create(values, new long[]{1, H, W, C}, DataType.DOUBLE).castTo(DataType.FLOAT);
    }

    /** Values exactly representable in float32, so the expectations see the same inputs as the engine. */
    private static double[] random(long seed, int length) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextDouble(-2, 3);
        }
        return values;
    }

    private static double max(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
