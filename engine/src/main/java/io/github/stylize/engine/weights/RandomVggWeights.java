package io.github.stylize.engine.weights;

import io.github.stylize.engine.network.Vgg19Layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A randomly initialized VGG19 for previews without pretrained weights and for tests: He-normal kernels
 * (standard deviation {@code sqrt(2 / (9 * in))}), zero biases. Random VGG features still synthesize textures
 * (He, Wang &amp; Hopcroft 2016), but results will not look like those of the pretrained network.
 *
 * <p>The generator (SplitMix64 with the Marsaglia polar method) is implemented here rather than taken from the JDK, so
 * a seed gives bit-identical weights on every JVM and version: cache keys rely on that.
 */
public final class RandomVggWeights {
    /** VGG19's output channels per block. */
    public static final int[] VGG19_BLOCK_CHANNELS = {64, 128, 256, 512, 512};

    private RandomVggWeights() {
    }

    /** The full-width VGG19: blocks of 64, 128, 256, 512, 512 channels. */
    public static VggWeights create(long seed) {
        return create(seed, VGG19_BLOCK_CHANNELS);
    }

    /**
     * A VGG19-shaped network with {@code blockChannels[b]} output channels in every convolution of block {@code b+1};
     * e.g. {@code {4, 8, 8, 8, 8}} for fast tests.
     *
     * @throws IllegalArgumentException unless there are five positive channel counts
     */
    public static VggWeights create(long seed, int[] blockChannels) {
        if (blockChannels == null || blockChannels.length != 5 || Arrays.stream(blockChannels).anyMatch(c -> c <= 0)) {
            throw new IllegalArgumentException("VGG19 has five blocks: give five positive channel counts, not "
                    + Arrays.toString(blockChannels));
        }
        List<VggWeights.ConvLayer> layers = new ArrayList<>();
        int in = 3;
        for (int index = 0; index < Vgg19Layers.ALL.size(); index++) {
            String name = Vgg19Layers.ALL.get(index);
            int out = blockChannels[Vgg19Layers.block(name) - 1];
            // One stream per layer: a layer's values do not depend on how wide the layers before it are.
            GaussianStream gaussian = new GaussianStream(seed, index);
            float std = (float) Math.sqrt(2.0 / (9.0 * in));
            float[] kernel = new float[9 * in * out];
            for (int i = 0; i < kernel.length; i++) {
                kernel[i] = (float) (gaussian.next() * std);
            }
            layers.add(new VggWeights.ConvLayer(name, in, out, kernel, new float[out]));
            in = out;
        }
        return new VggWeights("random:" + seed, layers);
    }

    /** Standard normal numbers from SplitMix64 (Steele, Lea &amp; Flood 2014) via the Marsaglia polar method. */
    static final class GaussianStream {
        private long state;
        private double spare;
        private boolean hasSpare;

        GaussianStream(long seed, int stream) {
            state = mix(seed ^ mix(0x632BE59BD9B4E019L + stream));
        }

        double next() {
            if (hasSpare) {
                hasSpare = false;
                return spare;
            }
            double u;
            double v;
            double s;
            do {
                u = 2 * nextDouble() - 1;
                v = 2 * nextDouble() - 1;
                s = u * u + v * v;
            } while (s >= 1 || s == 0);
            double scale = StrictMath.sqrt(-2 * StrictMath.log(s) / s); // StrictMath: same bits on every JVM
            spare = v * scale;
            hasSpare = true;
            return u * scale;
        }

        private double nextDouble() {
            state += 0x9E3779B97F4A7C15L;
            return (mix(state) >>> 11) * 0x1.0p-53;
        }

        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
