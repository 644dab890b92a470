package io.github.stylize.engine.weights;

/** How a Keras weights file names the datasets of convolution {@code blockB_convI}. */
public enum NameStyle {
    /** Keras 1 {@code save_weights}, as in the published VGG19 file: {@code blockB_convI_W_1:0}, {@code blockB_convI_b_1:0}. */
    KERAS_1,
    /** Keras 2 and tf.keras: {@code blockB_convI/kernel:0}, {@code blockB_convI/bias:0}, nested inside the layer group. */
    KERAS_2;

    String kernelName(String group) {
        return this == KERAS_1 ? group + "_W_1:0" : group + "/kernel:0";
    }

    String biasName(String group) {
        return this == KERAS_1 ? group + "_b_1:0" : group + "/bias:0";
    }
}
