package io.github.stylize.engine.weights;

import io.github.stylize.engine.network.Vgg19Layers;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomVggWeightsTest {
    private static final int[] NARROW = {4, 8, 8, 8, 8};

    @Test
    void sameSeedSameWeightsDifferentSeedDifferentWeights() {
        VggWeights a = RandomVggWeights.create(42, NARROW);
        VggWeights b = RandomVggWeights.create(42, NARROW);
        VggWeights c = RandomVggWeights.create(43, NARROW);

        Hdf5RoundTripTest.assertSameLayers(a, b);
        assertFalse(java.util.Arrays.equals(a.layers().get(0).kernel(), c.layers().get(0).kernel()));
        assertEquals("random:42", a.source());
    }

    @Test
    void valuesArePinnedAcrossJvmsAndVersions() {
        // Cache keys of random-weights results assume these exact values; changing the generator must change
        // WeightsSource's identity version ("random-he:v1").
        float[] kernel = RandomVggWeights.create(42, NARROW).layer("conv1_1").kernel();
        float[] firstFour = {kernel[0], kernel[1], kernel[2], kernel[3]};
        assertArrayEquals(new float[]{-0.14190973f, -0.07101613f, -0.48247007f, 0.028558677f}, firstFour);
        // a layer's stream does not depend on the width of the network
        assertArrayEquals(firstFour, java.util.Arrays.copyOf(RandomVggWeights.create(42).layer("conv1_1").kernel(), 4));
    }

    @Test
    void fullVgg19HasTheRealShapes() {
        VggWeights full = RandomVggWeights.create(WeightsSource.RANDOM_SEED);

        assertEquals(16, full.layers().size());
        assertEquals(Vgg19Layers.ALL, full.layers().stream().map(VggWeights.ConvLayer::name).toList());
        assertEquals(64, full.layer("conv1_1").outChannels());
        assertEquals(128, full.layer("conv2_1").outChannels());
        assertEquals(256, full.layer("conv3_4").outChannels());
        assertEquals(512, full.layer("conv4_1").outChannels());
        assertEquals(512, full.layer("conv5_4").inChannels());
        full.requireUpTo("conv5_4");
    }

    @Test
    void kernelsAreHeNormalAndBiasesZero() {
        VggWeights weights = RandomVggWeights.create(5, new int[]{64, 64, 128, 128, 128});
        for (VggWeights.ConvLayer layer : weights.layers()) {
            double expectedStd = Math.sqrt(2.0 / (9.0 * layer.inChannels()));
            double sum = 0;
            double sumOfSquares = 0;
            for (float value : layer.kernel()) {
                sum += value;
                sumOfSquares += (double) value * value;
            }
            int n = layer.kernel().length;
            double mean = sum / n;
            double std = Math.sqrt(sumOfSquares / n - mean * mean);
            // n >= 5184: the sample std is within a few percent of the true one, the mean within a few std/sqrt(n)
            assertEquals(expectedStd, std, 0.05 * expectedStd, layer.name() + " std");
            assertEquals(0, mean, 5 * expectedStd / Math.sqrt(n), layer.name() + " mean");
            for (float bias : layer.bias()) {
                assertEquals(0f, bias);
            }
        }
    }

    @Test
    void gaussianStreamLooksStandardNormal() {
        RandomVggWeights.GaussianStream stream = new RandomVggWeights.GaussianStream(1, 0);
        int n = 200_000;
        int withinOneSigma = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double x = stream.next();
            sum += x;
            if (Math.abs(x) < 1) {
                withinOneSigma++;
            }
        }
        assertEquals(0, sum / n, 0.01);
        assertEquals(0.6827, withinOneSigma / (double) n, 0.005);
    }

    @Test
    void blockChannelsMustBeFivePositiveCounts() {
        assertThrows(IllegalArgumentException.class, () -> RandomVggWeights.create(1, new int[]{4, 8, 8, 8}));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> RandomVggWeights.create(1, new int[]{4, 8, 0, 8, 8}));
        assertTrue(zero.getMessage().contains("[4, 8, 0, 8, 8]"));
    }
}
