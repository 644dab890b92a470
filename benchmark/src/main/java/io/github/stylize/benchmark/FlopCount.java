package io.github.stylize.benchmark;

import io.github.stylize.engine.network.Vgg19Layers;
import io.github.stylize.engine.weights.VggWeights;

import java.util.ArrayList;
import java.util.List;

/**
 * Floating-point operations of one iteration (one forward and one backward pass) of the Gatys objective, counted from
 * the layer shapes; a multiply-add counts as two. What is counted:
 * <ul>
 *   <li>every 3x3 convolution up to the deepest layer, forward: {@code 2 * H * W * 9 * in * out} at that layer's
 *       resolution;</li>
 *   <li>the same again for each convolution's input gradient (a convolution of the same size), for every layer
 *       including conv1_1, since the gradient with respect to the image passes through all of them. Weight gradients
 *       are not counted: the weights are frozen and neither implementation computes them;</li>
 *   <li>per style layer with N filters and M = h * w positions: the Gram matrix {@code F F^T} ({@code 2 * M * N^2})
 *       and its gradient {@code (G - A) F} ({@code 2 * M * N^2}).</li>
 * </ul>
 * Not counted (each well under 1% of the total): biases, ReLU, pooling and their gradients, the content loss, the
 * loss reductions and the optimizer's per-pixel update.
 */
record FlopCount(List<Conv> convs, double convForward, double gram) {

    /** One convolution: its output resolution, channel counts and forward FLOPs. */
    record Conv(String name, int height, int width, int in, int out) {
        double flops() {
            return 2.0 * height * width * 9 * in * out;
        }
    }

    /**
     * The convolutions {@code layers} (in network order, conv1_1 first, channel counts as in the weights file) on an
     * image of {@code height x width}.
     */
    static FlopCount of(List<VggWeights.ConvLayer> layers, int height, int width, List<String> styleLayers) {
        List<Conv> convs = new ArrayList<>();
        double forward = 0;
        double gram = 0;
        int h = height;
        int w = width;
        int previousBlock = 1;
        for (VggWeights.ConvLayer layer : layers) {
            int block = Vgg19Layers.block(layer.name());
            if (block != previousBlock) {
                h /= 2; // 2x2 stride-2 pooling between blocks, odd rows and columns dropped
                w /= 2;
                previousBlock = block;
            }
            int out = layer.outChannels();
            Conv conv = new Conv(layer.name(), h, w, layer.inChannels(), out);
            convs.add(conv);
            forward += conv.flops();
            if (styleLayers.contains(layer.name())) {
                gram += 2 * (2.0 * h * w * out * out);
            }
        }
        return new FlopCount(List.copyOf(convs), forward, gram);
    }

    /** Forward and input-gradient convolutions plus the Gram products. */
    double total() {
        return 2 * convForward + gram;
    }
}
