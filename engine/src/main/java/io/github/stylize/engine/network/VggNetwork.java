package io.github.stylize.engine.network;

import io.github.stylize.engine.StyleSettings.Pooling;
import io.github.stylize.engine.weights.VggWeights;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * VGG19's convolutional stack up to the deepest layer a stylization reads, with frozen weights, in NHWC layout.
 *
 * <p>Only two things are ever asked of it: the ReLU outputs of the layers (forward) and the gradient of a loss with
 * respect to the input image given the loss's gradients at those outputs (backward). Weight gradients are never
 * needed, so the backward pass is written out by hand: ReLU masks, pooling gradients, and each convolution's input
 * gradient computed as a forward convolution with spatially flipped, in/out-swapped kernels. This costs one
 * convolution per layer where automatic differentiation would spend two.
 */
public final class VggNetwork {
    private static final int SAME_PADDING = 1;
    private static final int NHWC = 1;
    private static final int YXIO = 0;

    private record Layer(String name, INDArray kernel, INDArray flippedKernel, INDArray bias, boolean poolAfter) {
    }

    private final List<Layer> layers = new ArrayList<>();
    private final VggWeights weights;
    private final Pooling pooling;
    private final DataType dataType;

    /**
     * @param weights  the convolution weights (must reach {@code deepest})
     * @param deepest  the last layer computed, e.g. {@code conv5_1}
     * @param pooling  average (the paper's choice) or max pooling between blocks
     * @param dataType FLOAT for real runs; DOUBLE where exactness matters more than speed (gradient checks)
     */
    public VggNetwork(VggWeights weights, String deepest, Pooling pooling, DataType dataType) {
        this.weights = weights;
        this.pooling = pooling;
        this.dataType = dataType;
        weights.requireUpTo(deepest);
        int last = Vgg19Layers.indexOf(deepest);
        for (int i = 0; i <= last; i++) {
            VggWeights.ConvLayer conv = weights.layers().get(i);
            INDArray kernel = Nd4j.create(conv.kernel(), new long[]{3, 3, conv.inChannels(), conv.outChannels()}, DataType.FLOAT)
                    .castTo(dataType);
            // Input gradient of a same-padded 3x3 convolution = convolution with W'[y][x][o][i] = W[2-y][2-x][i][o].
            INDArray flipped = Nd4j.create(flipForInputGradient(conv), new long[]{3, 3, conv.outChannels(), conv.inChannels()},
                    DataType.FLOAT).castTo(dataType);
            INDArray bias = Nd4j.create(conv.bias(), new long[]{conv.outChannels()}, DataType.FLOAT).castTo(dataType);
            boolean poolAfter = i < last && Vgg19Layers.endsBlock(conv.name());
            layers.add(new Layer(conv.name(), kernel, flipped, bias, poolAfter));
        }
    }

    /** W'[y][x][o][i] = W[2-y][2-x][i][o], both flattened row-major. */
    private static float[] flipForInputGradient(VggWeights.ConvLayer conv) {
        int in = conv.inChannels();
        int out = conv.outChannels();
        float[] kernel = conv.kernel();
        float[] flipped = new float[kernel.length];
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 3; x++) {
                int source = ((2 - y) * 3 + (2 - x)) * in * out;
                int target = (y * 3 + x) * out * in;
                for (int i = 0; i < in; i++) {
                    for (int o = 0; o < out; o++) {
                        flipped[target + o * in + i] = kernel[source + i * out + o];
                    }
                }
            }
        }
        return flipped;
    }

    /** The weights this network was built from. */
    public VggWeights weights() {
        return weights;
    }

    /** What distinguishes this network's outputs besides its weights: depth, pooling and precision. */
    public String describe() {
        return layers.get(layers.size() - 1).name() + " " + pooling + " " + dataType;
    }

    public DataType dataType() {
        return dataType;
    }

    /** The layer names this network computes, in order. */
    public List<String> layerNames() {
        return layers.stream().map(Layer::name).toList();
    }

    /** How many 2x2 poolings the input passes through before the deepest layer. */
    public int poolings() {
        return (int) layers.stream().filter(Layer::poolAfter).count();
    }

    /** The ReLU outputs of every layer for one image, kept for {@link #backward}. */
    public static final class Activations {
        private final List<String> names;
        private final List<INDArray> outputs;

        private Activations(List<String> names, List<INDArray> outputs) {
            this.names = names;
            this.outputs = outputs;
        }

        /** ReLU output of {@code layer}, shape [1, h, w, channels]. */
        public INDArray get(String layer) {
            int index = names.indexOf(layer);
            if (index < 0) {
                throw new IllegalArgumentException("Layer " + layer + " is not computed; computed: " + names);
            }
            return outputs.get(index);
        }

        /** Frees the native memory of every output now instead of at garbage collection. */
        public void close() {
            outputs.forEach(INDArray::close);
        }
    }

    /** Runs the image ([1, H, W, 3], preprocessed BGR) through every layer. */
    public Activations forward(INDArray image) {
        List<INDArray> outputs = new ArrayList<>(layers.size());
        INDArray input = image.castTo(dataType);
        boolean ownsInput = input != image;
        for (Layer layer : layers) {
            INDArray out = Nd4j.create(dataType, 1, input.size(1), input.size(2), layer.kernel().size(3));
            Nd4j.exec(conv("conv2d", input, layer.kernel(), layer.bias(), out));
            Transforms.relu(out, false);
            outputs.add(out);
            if (ownsInput) {
                input.close(); // a pooled (or cast) intermediate, not needed for the backward pass
            }
            ownsInput = layer.poolAfter();
            input = ownsInput ? pool(out) : out;
        }
        return new Activations(layerNames(), outputs);
    }

    /**
     * The gradient with respect to the input image of a loss whose gradients with respect to some layers' outputs
     * are {@code outputGradients} (layer name to [1, h, w, c]). The given gradients are not modified.
     */
    public INDArray backward(Activations activations, Map<String, INDArray> outputGradients) {
        INDArray gradient = null;
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer layer = layers.get(i);
            INDArray atOutput = outputGradients.get(layer.name());
            if (atOutput != null) {
                gradient = gradient == null ? atOutput.castTo(dataType).dup() : gradient.addi(atOutput);
            }
            if (gradient == null) {
                continue;
            }
            INDArray output = activations.outputs.get(i);
            // In place: relu_bp is elementwise, and the gradient at the output is not needed after it.
            INDArray beforeRelu = gradient;
            Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(output, gradient).addOutputs(beforeRelu)
                    .addFloatingPointArguments(0.0).build());
            INDArray atInput = Nd4j.create(dataType, 1, output.size(1), output.size(2), layer.kernel().size(2));
            Nd4j.exec(conv("conv2d", beforeRelu, layer.flippedKernel(), null, atInput));
            beforeRelu.close();
            if (i > 0 && layers.get(i - 1).poolAfter()) {
                INDArray poolInput = activations.outputs.get(i - 1);
                INDArray atPoolInput = Nd4j.create(dataType, poolInput.shape());
                Nd4j.exec(poolOp(pooling == Pooling.AVG ? "avgpool2d_bp" : "maxpool2d_bp", atPoolInput,
                        poolInput, atInput));
                atInput.close();
                atInput = atPoolInput;
            }
            gradient = atInput;
        }
        if (gradient == null) {
            throw new IllegalArgumentException("No gradient given at any computed layer: " + outputGradients.keySet());
        }
        return gradient;
    }

    private INDArray pool(INDArray input) {
        INDArray out = Nd4j.create(dataType, 1, input.size(1) / 2, input.size(2) / 2, input.size(3));
        Nd4j.exec(poolOp(pooling == Pooling.AVG ? "avgpool2d" : "maxpool2d", out, input));
        return out;
    }

    /** 2x2, stride 2, no padding (odd trailing rows and columns are dropped), NHWC. */
    private static DynamicCustomOp poolOp(String name, INDArray output, INDArray... inputs) {
        return DynamicCustomOp.builder(name).addInputs(inputs).addOutputs(output)
                .addIntegerArguments(2, 2, 2, 2, 0, 0, 1, 1, 0, 0, NHWC).build();
    }

    /** 3x3, stride 1, same padding, NHWC input, YXIO kernel. */
    private static DynamicCustomOp conv(String name, INDArray input, INDArray kernel, INDArray bias, INDArray output) {
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder(name);
        if (bias == null) {
            op.addInputs(input, kernel);
        } else {
            op.addInputs(input, kernel, bias);
        }
        return op.addOutputs(output)
                .addIntegerArguments(3, 3, 1, 1, 1, 1, 1, 1, SAME_PADDING, NHWC, YXIO).build();
    }
}
