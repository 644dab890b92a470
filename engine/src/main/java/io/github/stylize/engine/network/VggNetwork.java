package io.github.stylize.engine.network;

import io.github.stylize.engine.StyleSettings.Pooling;
import io.github.stylize.engine.weights.VggWeights;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
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
 *
 * <p>Activations made with {@code wrap} (for {@code tileable}) treat the image as a torus: every convolution pads
 * circularly (the rows and columns beyond an edge are those of the opposite edge) and a pooling over an odd side
 * takes its last window across the edge instead of dropping the last row or column. The input gradient of a circular
 * convolution is the circular convolution with the flipped kernel, so the backward pass keeps its shape.
 */
public final class VggNetwork {
    private static final int SAME_PADDING = 1;
    private static final int VALID_PADDING = 0;
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
        /** Circular padding and wrapping poolings; see the class comment. */
        private final boolean wrap;
        /** Where wrapping: each layer's input with one wrapped row and column on every side. */
        private final INDArray[] paddedInputs = new INDArray[layers.size()];
        /** Where wrapping and a pooled side is odd: outputs[i] with its first row and/or column repeated after it. */
        private final INDArray[] poolSources = new INDArray[layers.size()];
        private INDArray[] paddedGradients;
        private INDArray[] poolSourceGradients;
        /** ReLU output of each layer. */
        private final INDArray[] outputs = new INDArray[layers.size()];
        /** 2x2 pooling of outputs[i] where layer i ends a block, else null. */
        private final INDArray[] pooled = new INDArray[layers.size()];
        /** Gradient at outputs[i] and at pooled[i]; allocated by the first backward pass. */
        private INDArray[] outputGradients;
        private INDArray[] pooledGradients;

        private Activations(long height, long width, boolean wrap) {
            this.height = height;
            this.width = width;
            this.wrap = wrap;
            long h = height;
            long w = width;
            for (int i = 0; i < layers.size(); i++) {
                long channels = layers.get(i).kernel().size(3);
                outputs[i] = Nd4j.create(dataType, 1, h, w, channels);
                if (wrap) {
                    paddedInputs[i] = Nd4j.create(dataType, 1, h + 2, w + 2, layers.get(i).kernel().size(2));
                }
                if (layers.get(i).poolAfter()) {
                    if (wrap && (h % 2 == 1 || w % 2 == 1)) {
                        poolSources[i] = Nd4j.create(dataType, 1, h + h % 2, w + w % 2, channels);
                    }
                    h = wrap ? (h + 1) / 2 : h / 2;
                    w = wrap ? (w + 1) / 2 : w / 2;
                    pooled[i] = Nd4j.create(dataType, 1, h, w, channels);
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
            paddedGradients = new INDArray[layers.size()];
            poolSourceGradients = new INDArray[layers.size()];
            for (int i = 0; i < layers.size(); i++) {
                outputGradients[i] = Nd4j.create(dataType, outputs[i].shape());
                if (pooled[i] != null) {
                    pooledGradients[i] = Nd4j.create(dataType, pooled[i].shape());
                }
                if (wrap) {
                    long[] shape = outputs[i].shape();
                    paddedGradients[i] = Nd4j.create(dataType, 1, shape[1] + 2, shape[2] + 2, shape[3]);
                }
                if (poolSources[i] != null) {
                    poolSourceGradients[i] = Nd4j.create(dataType, poolSources[i].shape());
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
            closeAll(paddedInputs);
            closeAll(poolSources);
            closeAll(paddedGradients);
            closeAll(poolSourceGradients);
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
        return activations(height, width, false);
    }

    /** Empty activations, with wrap-around padding and pooling if {@code wrap} (see the class comment). */
    public Activations activations(long height, long width, boolean wrap) {
        return new Activations(height, width, wrap);
    }

    /** Runs the image ([1, H, W, 3], preprocessed BGR) through every layer, into new activations the caller closes. */
    public Activations forward(INDArray image) {
        return forward(image, false);
    }

    /** {@link #forward(INDArray)}, wrapping around the image's edges if {@code wrap}. */
    public Activations forward(INDArray image, boolean wrap) {
        Activations activations = activations(image.size(1), image.size(2), wrap);
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
            convolve(input, layer.kernel(), layer.bias(), out, activations.wrap ? activations.paddedInputs[i] : null);
            Transforms.relu(out, false);
            if (layer.poolAfter()) {
                INDArray source = out;
                if (activations.poolSources[i] != null) {
                    wrapAround(out, activations.poolSources[i], 0, 0);
                    source = activations.poolSources[i];
                }
                Nd4j.exec(poolOp(pooling == Pooling.AVG ? "avgpool2d" : "maxpool2d", activations.pooled[i], source));
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
            convolve(atOutput, layer.flippedKernel(), null, atInput,
                    activations.wrap ? activations.paddedGradients[i] : null);
            if (i == 0) {
                return atInput;
            }
            if (poolBelow) {
                String op = pooling == Pooling.AVG ? "avgpool2d_bp" : "maxpool2d_bp";
                INDArray source = activations.poolSources[i - 1];
                if (source == null) {
                    Nd4j.exec(poolOp(op, activations.outputGradients[i - 1], activations.outputs[i - 1], atInput));
                } else {
                    INDArray sourceGradient = activations.poolSourceGradients[i - 1];
                    Nd4j.exec(poolOp(op, sourceGradient, source, atInput));
                    foldWrapped(sourceGradient, activations.outputGradients[i - 1]);
                }
            }
            reached = true;
        }
        throw new IllegalArgumentException("The loss has no gradient at any computed layer: " + names);
    }

    /**
     * 3x3 convolution of {@code input} into {@code output} of the same height and width: zero ("same") padding, or,
     * given a {@code padded} buffer two rows and columns larger, circular padding written into it.
     */
    private static void convolve(INDArray input, INDArray kernel, INDArray bias, INDArray output, INDArray padded) {
        if (padded == null) {
            Nd4j.exec(conv(input, kernel, bias, output, SAME_PADDING));
        } else {
            wrapAround(input, padded, 1, 1);
            Nd4j.exec(conv(padded, kernel, bias, output, VALID_PADDING));
        }
    }

    /**
     * Writes {@code source} [1, h, w, c] into {@code target} at row {@code top}, column {@code left}, and fills the
     * rest of {@code target} (at most h more rows and w more columns) with the rows and columns of the opposite edges,
     * as if {@code source} were tiled.
     */
    static void wrapAround(INDArray source, INDArray target, long top, long left) {
        long h = source.size(1);
        long w = source.size(2);
        long bottom = target.size(1) - top - h;
        long right = target.size(2) - left - w;
        target.get(all(), interval(top, top + h), interval(left, left + w), all()).assign(source);
        if (left > 0) {
            target.get(all(), interval(top, top + h), interval(0, left), all())
                    .assign(target.get(all(), interval(top, top + h), interval(w, w + left), all()));
        }
        if (right > 0) {
            target.get(all(), interval(top, top + h), interval(left + w, left + w + right), all())
                    .assign(target.get(all(), interval(top, top + h), interval(left, left + right), all()));
        }
        if (top > 0) {
            target.get(all(), interval(0, top), all(), all()).assign(target.get(all(), interval(h, h + top), all(), all()));
        }
        if (bottom > 0) {
            target.get(all(), interval(top + h, top + h + bottom), all(), all())
                    .assign(target.get(all(), interval(top, top + bottom), all(), all()));
        }
    }

    /**
     * The adjoint of {@code wrapAround(target, source, 0, 0)}: writes into {@code target} [1, h, w, c] the gradient
     * {@code source} holds for the extended array, the repeated trailing row and column added onto the first ones.
     */
    static void foldWrapped(INDArray source, INDArray target) {
        long h = target.size(1);
        long w = target.size(2);
        long extraRows = source.size(1) - h;
        long extraColumns = source.size(2) - w;
        target.assign(source.get(all(), interval(0, h), interval(0, w), all()));
        if (extraRows > 0) {
            target.get(all(), interval(0, extraRows), all(), all())
                    .addi(source.get(all(), interval(h, h + extraRows), interval(0, w), all()));
        }
        if (extraColumns > 0) {
            target.get(all(), all(), interval(0, extraColumns), all())
                    .addi(source.get(all(), interval(0, h), interval(w, w + extraColumns), all()));
        }
        if (extraRows > 0 && extraColumns > 0) {
            target.get(all(), interval(0, extraRows), interval(0, extraColumns), all())
                    .addi(source.get(all(), interval(h, h + extraRows), interval(w, w + extraColumns), all()));
        }
    }

    /** 2x2, stride 2, no padding (odd trailing rows and columns are dropped), NHWC. */
    private static DynamicCustomOp poolOp(String name, INDArray output, INDArray... inputs) {
        return DynamicCustomOp.builder(name).addInputs(inputs).addOutputs(output)
                .addIntegerArguments(2, 2, 2, 2, 0, 0, 1, 1, 0, 0, NHWC).build();
    }

    /** 3x3, stride 1, same or valid padding, NHWC input, YXIO kernel. */
    private static DynamicCustomOp conv(INDArray input, INDArray kernel, INDArray bias, INDArray output,
                                        int padding) {
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("conv2d");
        if (bias == null) {
            op.addInputs(input, kernel);
        } else {
            op.addInputs(input, kernel, bias);
        }
        return op.addOutputs(output)
                .addIntegerArguments(3, 3, 1, 1, padding == SAME_PADDING ? 1 : 0, padding == SAME_PADDING ? 1 : 0,
                        1, 1, padding, NHWC, YXIO).build();
    }

    private static INDArrayIndex all() {
        return NDArrayIndex.all();
    }

    private static INDArrayIndex interval(long from, long to) {
        return NDArrayIndex.interval(from, to);
    }
}
