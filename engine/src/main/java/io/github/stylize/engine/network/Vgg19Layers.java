package io.github.stylize.engine.network;

import java.util.ArrayList;
import java.util.List;

/**
 * The names and order of VGG19's sixteen 3x3 convolutions, in the notation of Gatys et al.: {@code convB_I} is the ReLU
 * output of convolution I of block B (Keras calls the convolution {@code blockB_convI}). Blocks hold 2, 2, 4, 4, 4
 * convolutions; a 2x2 stride-2 pooling follows every block. Pure Java: safe to use without loading ND4J.
 */
public final class Vgg19Layers {
    private static final int[] CONVS_PER_BLOCK = {2, 2, 4, 4, 4};
    /** The number of blocks, each ended by a pooling but the last. */
    public static final int BLOCKS = CONVS_PER_BLOCK.length;
    private static final int[] CHANNELS_PER_BLOCK = {64, 128, 256, 512, 512};

    /** Every convolution layer name, in network order: conv1_1, conv1_2, conv2_1, ..., conv5_4. */
    public static final List<String> ALL = allNames();

    private Vgg19Layers() {
    }

    private static List<String> allNames() {
        List<String> names = new ArrayList<>();
        for (int block = 1; block <= CONVS_PER_BLOCK.length; block++) {
            for (int conv = 1; conv <= CONVS_PER_BLOCK[block - 1]; conv++) {
                names.add("conv" + block + "_" + conv);
            }
        }
        return List.copyOf(names);
    }

    /** Position of {@code layer} in {@link #ALL}, or -1 if it is not a VGG19 convolution name. */
    public static int indexOf(String layer) {
        return ALL.indexOf(layer);
    }

    /** Block number (1..5) of a layer name such as {@code conv3_2}. */
    public static int block(String layer) {
        requireKnown(layer);
        return layer.charAt(4) - '0';
    }

    /** The Keras group name of a layer: {@code conv3_2} becomes {@code block3_conv2}. */
    public static String kerasName(String layer) {
        requireKnown(layer);
        return "block" + layer.charAt(4) + "_conv" + layer.substring(6);
    }

    /** The output channels of {@code layer} in VGG19 (64, 128, 256, 512 or 512 by block); narrow variants have fewer. */
    public static int channels(String layer) {
        return CHANNELS_PER_BLOCK[block(layer) - 1];
    }

    /** The input channels of {@code layer} in VGG19: 3 (RGB) for conv1_1, else the previous layer's outputs. */
    public static int inputChannels(String layer) {
        int index = indexOf(layer);
        requireKnown(layer);
        return index == 0 ? 3 : channels(ALL.get(index - 1));
    }

    /** Whether {@code layer} is the last convolution of its block, i.e. a pooling follows it. */
    public static boolean endsBlock(String layer) {
        int index = indexOf(layer);
        requireKnown(layer);
        return index == ALL.size() - 1 || block(ALL.get(index + 1)) != block(layer);
    }

    private static void requireKnown(String layer) {
        if (indexOf(layer) < 0) {
            throw new IllegalArgumentException("Not a VGG19 layer: " + layer + "; expected one of " + ALL);
        }
    }
}
