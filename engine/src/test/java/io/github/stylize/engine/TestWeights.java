package io.github.stylize.engine;

import io.github.stylize.engine.network.Vgg19Layers;
import io.github.stylize.engine.weights.VggWeights;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Narrow VGG-shaped weights for tests: He-initialized, small positive biases so ReLUs are not all dead. */
public final class TestWeights {
    private TestWeights() {
    }

    public static VggWeights narrow(long seed, int... blockChannels) {
        SplittableRandom random = new SplittableRandom(seed);
        List<VggWeights.ConvLayer> layers = new ArrayList<>();
        int in = 3;
        for (String name : Vgg19Layers.ALL) {
            int out = blockChannels[Vgg19Layers.block(name) - 1];
            float[] kernel = new float[9 * in * out];
            double std = Math.sqrt(2.0 / (9 * in));
            for (int i = 0; i < kernel.length; i++) {
                kernel[i] = (float) (random.nextGaussian() * std);
            }
            float[] bias = new float[out];
            for (int i = 0; i < out; i++) {
                bias[i] = (float) (random.nextDouble() * 0.1);
            }
            layers.add(new VggWeights.ConvLayer(name, in, out, kernel, bias));
            in = out;
        }
        return new VggWeights("test:narrow:" + seed, layers);
    }
}
