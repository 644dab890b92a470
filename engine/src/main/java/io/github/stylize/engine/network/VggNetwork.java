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
    private final List<String> names;
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
        names = layers.stream().map(Layer::name).toList();
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
        return names;
    }

    /** How many 2x2 poolings the input passes through before the deepest layer. */
    public int poolings() {
        return (int) layers.stream().filter(Layer::poolAfter).count();
    }

    /**
     * The ReLU outputs of every layer for one image size, kept for {@link #backward}, and the arrays the backward pass
     * writes into. Allocated once per image size and reused by every pass: at 512² fresh arrays cost a fifth of an
     * iteration, mostly in page faults of newly mapped memory.
     */
    public final class Activations implements AutoCloseable {
        private final long height;
        private final long width;
        /** ReLU output of each layer. */
        private final INDArray[] outputs = new INDArray[layers.size()];
        /** 2x2 pooling of outputs[i] where layer i ends a block, else null. */
        private final INDArray[] pooled = new INDArray[layers.size()];
        /** Gradient at outputs[i] and at pooled[i]; allocated by the first backward pass. */
        private INDArray[] outputGradients;
        private INDArray[] pooledGradients;

        private Activations(long height, long width) {
            this.height = height;
            this.width = width;
            long h = height;
            long w = width;
            for (int i = 0; i < layers.size(); i++) {
                outputs[i] = Nd4j.create(dataType, 1, h, w, layers.get(i).kernel().size(3));
                if (layers.get(i).poolAfter()) {
                    h /= 2;
                    w /= 2;
                    pooled[i] = Nd4j.create(dataType, 1, h, w, layers.get(i).kernel().size(3));
                }
            }
        }

        /** ReLU output of {@code layer}, shape [1, h, w, channels]; overwritten by the next pass. */
        public INDArray get(String layer) {
            int index = names.indexOf(layer);
            if (index < 0) {
                throw new IllegalArgumentException("Layer " + layer + " is not computed; computed: " + names);
            }
            return outputs[index];
        }

        /**
         * One array per layer rather than arrays shared between layers of one shape: each array is then written by
         * the same operation in every pass, so cells an operation never writes (the rows and columns a pooling
         * drops at odd sizes) keep the zeros they were allocated with.
         */
        private void allocateGradients() {
            if (outputGradients != null) {
                return;
            }
            outputGradients = new INDArray[layers.size()];
            pooledGradients = new INDArray[layers.size()];
            for (int i = 0; i < layers.size(); i++) {
                outputGradients[i] = Nd4j.create(dataType, outputs[i].shape());
                if (pooled[i] != null) {
                    pooledGradients[i] = Nd4j.create(dataType, pooled[i].shape());
                }
            }
        }

        /** Frees the native memory of every array now instead of at garbage collection. */
        @Override
        public void close() {
            closeAll(outputs);
            closeAll(pooled);
            closeAll(outputGradients);
            closeAll(pooledGradients);
        }

        private static void closeAll(INDArray[] arrays) {
            if (arrays != null) {
                for (INDArray array : arrays) {
                    if (array != null && !array.wasClosed()) {
                        array.close();
                    }
                }
            }
        }
    }

    /** Empty activations for images of {@code height} x {@code width}, to fill with {@link #forward(INDArray, Activations)}. */
    public Activations activations(long height, long width) {
        return new Activations(height, width);
    }

    /** Runs the image ([1, H, W, 3], preprocessed BGR) through every layer, into new activations the caller closes. */
    public Activations forward(INDArray image) {
        Activations activations = activations(image.size(1), image.size(2));
        forward(image, activations);
        return activations;
    }

    /** Runs the image ([1, H, W, 3], preprocessed BGR) through every layer, overwriting {@code activations}. */
    public void forward(INDArray image, Activations activations) {
        if (image.size(1) != activations.height || image.size(2) != activations.width) {
            throw new IllegalArgumentException("Image is " + image.size(2) + "x" + image.size(1)
                    + " but the activations were made for " + activations.width + "x" + activations.height);
        }
        INDArray cast = image.castTo(dataType);
        INDArray input = cast;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            INDArray out = activations.outputs[i];
            Nd4j.exec(conv("conv2d", input, layer.kernel(), layer.bias(), out));
            Transforms.relu(out, false);
            if (layer.poolAfter()) {
                Nd4j.exec(poolOp(pooling == Pooling.AVG ? "avgpool2d" : "maxpool2d", activations.pooled[i], out));
                input = activations.pooled[i];
            } else {
                input = out;
            }
        }
        if (cast != image) {
            cast.close();
        }
    }

    /** Writes the loss's gradients with respect to layer outputs when the backward pass reaches each layer. */
    @FunctionalInterface
    public interface OutputGradients {
        /**
         * Writes the gradient of the loss with respect to {@code layer}'s output into {@code target} ([1, h, w, c]),
         * adding it to what {@code target} holds if {@code accumulate}, overwriting it otherwise. Returns false, with
         * {@code target} untouched, if the loss does not read this layer.
         */
        boolean write(String layer, INDArray target, boolean accumulate);
    }

    /**
     * The gradient with respect to the input image of a loss whose gradients with respect to layer outputs
     * {@code loss} writes, at the image {@code activations} were last filled from. Returns a new array the caller
     * owns; everything else is written into the activations' buffers.
     */
    public INDArray backward(Activations activations, OutputGradients loss) {
        activations.allocateGradients();
        boolean reached = false; // whether a gradient flows into the current layer from a deeper one
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer layer = layers.get(i);
            INDArray atOutput = activations.outputGradients[i];
            boolean wrote = loss.write(layer.name(), atOutput, reached);
            if (!reached && !wrote) {
                continue;
            }
            // In place: relu_bp is elementwise, and the gradient at the output is not needed after it.
            Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(activations.outputs[i], atOutput)
                    .addOutputs(atOutput).addFloatingPointArguments(0.0).build());
            boolean poolBelow = i > 0 && layers.get(i - 1).poolAfter();
            INDArray atInput = i == 0
                    ? Nd4j.create(dataType, 1, activations.height, activations.width, layer.kernel().size(2))
                    : poolBelow ? activations.pooledGradients[i - 1] : activations.outputGradients[i - 1];
            Nd4j.exec(conv("conv2d", atOutput, layer.flippedKernel(), null, atInput));
            if (i == 0) {
                return atInput;
            }
            if (poolBelow) {
                Nd4j.exec(poolOp(pooling == Pooling.AVG ? "avgpool2d_bp" : "maxpool2d_bp",
                        activations.outputGradients[i - 1], activations.outputs[i - 1], atInput));
            }
            reached = true;
        }
        throw new IllegalArgumentException("The loss has no gradient at any computed layer: " + names);
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
