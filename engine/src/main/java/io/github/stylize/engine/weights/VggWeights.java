package io.github.stylize.engine.weights;

import io.github.stylize.engine.network.Vgg19Layers;

import java.util.List;

/**
 * The convolution weights of a VGG19-shaped network, as plain Java arrays (no ND4J): layers keyed by the
 * {@code convB_I} names of {@link Vgg19Layers}. Channel counts come from the data, so a narrow VGG-shaped network
 * (used by tests and previews) is as valid as the real 64-128-256-512-512 one.
 *
 * @param source where the weights came from (a path, URL or {@code random:seed}), used in error messages
 * @param layers the convolution layers present, in network order, from conv1_1 without gaps
 */
public record VggWeights(String source, List<ConvLayer> layers) {

    /**
     * One 3x3 convolution.
     *
     * @param name        {@code convB_I}
     * @param inChannels  input channels (3 for conv1_1)
     * @param outChannels output channels
     * @param kernel      {@code [3][3][in][out]} flattened row-major (TensorFlow/Keras layout, ND4J's YXIO): cross-correlation
     * @param bias        {@code [out]}
     */
    public record ConvLayer(String name, int inChannels, int outChannels, float[] kernel, float[] bias) {
        public ConvLayer {
            if (kernel.length != 9 * inChannels * outChannels || bias.length != outChannels) {
                throw new IllegalArgumentException("Layer " + name + ": kernel of " + kernel.length
                        + " values and bias of " + bias.length + " do not fit 3x3x" + inChannels + "x" + outChannels);
            }
        }
    }

    public VggWeights {
        layers = List.copyOf(layers);
        for (int i = 0; i < layers.size(); i++) {
            ConvLayer layer = layers.get(i);
            if (!layer.name().equals(Vgg19Layers.ALL.get(i))) {
                throw new WeightsException("Weights " + source + ": expected layer " + Vgg19Layers.ALL.get(i)
                        + " at position " + i + " but found " + layer.name());
            }
            int expectedIn = i == 0 ? 3 : layers.get(i - 1).outChannels();
            if (layer.inChannels() != expectedIn) {
                throw new WeightsException("Weights " + source + ": layer " + layer.name() + " takes "
                        + layer.inChannels() + " input channels but the layer before it gives " + expectedIn
                        + "; the file is not a VGG-shaped network");
            }
        }
    }

    /** The layer called {@code name}, failing with a message naming the file if it is absent. */
    public ConvLayer layer(String name) {
        int index = Vgg19Layers.indexOf(name);
        if (index < 0 || index >= layers.size()) {
            throw new WeightsException("Weights " + source + " have no layer " + name + " (they hold "
                    + layers.size() + " convolution layers, up to "
                    + (layers.isEmpty() ? "none" : layers.get(layers.size() - 1).name())
                    + "); use a full VGG19 weights file or choose shallower layers");
        }
        return layers.get(index);
    }

    /** Checks that every layer up to and including {@code deepest} is present. */
    public void requireUpTo(String deepest) {
        layer(deepest);
    }
}
