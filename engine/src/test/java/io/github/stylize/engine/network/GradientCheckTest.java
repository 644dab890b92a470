package io.github.stylize.engine.network;

import io.github.stylize.engine.StyleSettings;
import io.github.stylize.engine.weights.RandomVggWeights;
import io.github.stylize.engine.objective.Evaluation;
import io.github.stylize.engine.objective.PositionMask;
import io.github.stylize.engine.objective.StyleObjective;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written backward pass (ReLU masks, pooling gradients, flipped-kernel convolutions) must give the true
 * gradient of the total loss: compared against central finite differences in float64 on a tiny VGG-shaped network,
 * with a non-square image whose odd sides exercise the pooling's dropped rows and columns, and (wrapping, for
 * {@code tileable}) the circular padding and the poolings' windows across the edges; masked ({@code alphaMask}) too.
 */
class GradientCheckTest {

    @BeforeAll
    static void loadNd4j() {
        NativeBackend.ensureLoaded();
    }

    static Stream<Arguments> variants() {
        return Stream.of(StyleSettings.Pooling.values()).flatMap(pooling -> Stream.of(
                Arguments.of(pooling, false, false), Arguments.of(pooling, true, false),
                Arguments.of(pooling, false, true), Arguments.of(pooling, true, true)));
    }

    @ParameterizedTest(name = "{0} pooling, tileable {1}, masked {2}")
    @MethodSource("variants")
    void totalLossGradientMatchesCentralFiniteDifferences(StyleSettings.Pooling pooling, boolean tileable,
                                                          boolean masked) {
        StyleSettings settings = StyleSettings.builder()
                .contentLayer("conv4_2")
                .styleLayers(List.of("conv1_1", "conv2_1", "conv3_1", "conv4_1", "conv5_1"))
                .contentWeight(1.0).styleWeight(50.0).tvWeight(0.1).pooling(pooling).tileable(tileable)
                .alphaMask(masked)
                .build();
        VggNetwork network = new VggNetwork(RandomVggWeights.create(7, new int[]{4, 6, 6, 8, 8}), settings.deepestLayer(),
                pooling, DataType.DOUBLE);
        INDArray content = randomImage(1, 19, 22);
        INDArray style = randomImage(2, 17, 16);
        StyleObjective objective = new StyleObjective(network, settings, content,
                StyleObjective.styleGrams(network, style, settings.styleLayers()),
                masked ? new PositionMask(randomAlpha(5, 19 * 22), 22, 19, tileable) : null);
        INDArray image = randomImage(3, 19, 22);

        INDArray analytic = objective.evaluate(image, true).gradient();

        SplittableRandom pick = new SplittableRandom(11);
        double eps = 1e-4;
        double errorSquares = 0;
        double referenceSquares = 0;
        double worst = 0;
        long[][] corners = {{0, 0, 0, 0}, {0, 18, 0, 1}, {0, 0, 21, 2}, {0, 18, 21, 0}};
        for (int sample = 0; sample < 44; sample++) {
            // the corners read (wrapping) or miss (padding) the most across the edges
            long[] at = sample < corners.length ? corners[sample]
                    : new long[]{0, pick.nextInt(19), pick.nextInt(22), pick.nextInt(3)};
            double original = image.getDouble(at);
            image.putScalar(at, original + eps);
            double plus = objective.evaluate(image, false).total();
            image.putScalar(at, original - eps);
            double minus = objective.evaluate(image, false).total();
            image.putScalar(at, original);
            double numeric = (plus - minus) / (2 * eps);
            double exact = analytic.getDouble(at);
            errorSquares += (numeric - exact) * (numeric - exact);
            referenceSquares += numeric * numeric;
            double scale = Math.max(Math.abs(numeric), Math.abs(exact));
            if (scale > 1e-6 * Math.sqrt(referenceSquares / (sample + 1))) {
                worst = Math.max(worst, Math.abs(numeric - exact) / scale);
            }
        }
        double relative = Math.sqrt(errorSquares / referenceSquares);
        assertTrue(relative < 1e-3, "relative gradient error " + relative + " (worst coordinate " + worst + ")");
        assertTrue(worst < 1e-2, "worst coordinate relative error " + worst);
    }

    /**
     * The float32 path (the one real runs take, through oneDNN's kernels) computes the same gradient as the float64
     * path checked above, at odd sizes where the poolings drop rows and columns.
     */
    @ParameterizedTest
    @EnumSource(StyleSettings.Pooling.class)
    void float32GradientMatchesFloat64(StyleSettings.Pooling pooling) {
        StyleSettings settings = smallSettings(pooling);
        INDArray inDouble = gradientAt(settings, DataType.DOUBLE, randomImage(3, 37, 42));
        INDArray inFloat = gradientAt(settings, DataType.FLOAT, randomImage(3, 37, 42).castTo(DataType.FLOAT));
        double relative = inFloat.castTo(DataType.DOUBLE).sub(inDouble).norm2Number().doubleValue()
                / inDouble.norm2Number().doubleValue();
        assertTrue(relative < 1e-4, "float32 vs float64 relative gradient difference " + relative);
    }

    /**
     * The objective reuses its buffers from one evaluation to the next: an evaluation must depend on its image alone,
     * never on what an earlier evaluation left in a buffer (odd sizes: cells the poolings never write).
     */
    @ParameterizedTest
    @EnumSource(StyleSettings.Pooling.class)
    void evaluationsDoNotDependOnEarlierOnes(StyleSettings.Pooling pooling) {
        StyleSettings settings = smallSettings(pooling);
        VggNetwork network = smallNetwork(settings, DataType.FLOAT);
        INDArray first = randomImage(3, 37, 42).castTo(DataType.FLOAT);
        INDArray other = randomImage(4, 37, 42).castTo(DataType.FLOAT).muli(3);
        try (StyleObjective objective = smallObjective(network, settings)) {
            Evaluation before = objective.evaluate(first, true);
            objective.evaluate(other, true).gradient().close();
            objective.evaluate(other, false);
            Evaluation again = objective.evaluate(first, true);
            assertEquals(4, objective.evaluations(), "every evaluation counts, with or without a gradient");
            assertEquals(before.total(), again.total());
            assertEquals(before.gradient(), again.gradient());
            try (StyleObjective fresh = smallObjective(network, settings)) {
                assertEquals(before.gradient(), fresh.evaluate(first, true).gradient());
            }
        }
    }

    private static StyleSettings smallSettings(StyleSettings.Pooling pooling) {
        return StyleSettings.builder()
                .contentLayer("conv4_2")
                .styleLayers(List.of("conv1_1", "conv2_1", "conv3_1", "conv4_1", "conv4_2", "conv5_1"))
                .contentWeight(1.0).styleWeight(50.0).tvWeight(0.1).pooling(pooling)
                .build();
    }

    private static VggNetwork smallNetwork(StyleSettings settings, DataType dataType) {
        return new VggNetwork(RandomVggWeights.create(7, new int[]{4, 6, 6, 8, 8}), settings.deepestLayer(),
                settings.pooling(), dataType);
    }

    private static StyleObjective smallObjective(VggNetwork network, StyleSettings settings) {
        INDArray content = randomImage(1, 37, 42).castTo(network.dataType());
        INDArray style = randomImage(2, 33, 30).castTo(network.dataType());
        return new StyleObjective(network, settings, content,
                StyleObjective.styleGrams(network, style, settings.styleLayers()));
    }

    private static INDArray gradientAt(StyleSettings settings, DataType dataType, INDArray image) {
        VggNetwork network = smallNetwork(settings, dataType);
        try (StyleObjective objective = smallObjective(network, settings)) {
            return objective.evaluate(image, true).gradient();
        }
    }

    /** Alpha values: a third fully transparent, a third opaque, a third in between. */
    static float[] randomAlpha(long seed, int pixels) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] alpha = new float[pixels];
        for (int i = 0; i < pixels; i++) {
            int kind = random.nextInt(3);
            alpha[i] = kind == 0 ? 0f : kind == 1 ? 1f : (float) random.nextDouble();
        }
        return alpha;
    }

    /** Preprocessed-range values: roughly what a mean-subtracted 0..255 image holds. */
    static INDArray randomImage(long seed, int height, int width) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[height * width * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble(-120, 130);
        }
        return Nd4j.create(values, new long[]{1, height, width, 3}, DataType.DOUBLE);
    }
}
