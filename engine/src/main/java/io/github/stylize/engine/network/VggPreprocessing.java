package io.github.stylize.engine.network;

import io.github.stylize.engine.image.RgbImage;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The "caffe" preprocessing the VGG19 weights were trained with: RGB to BGR, values 0..255, minus the per-channel
 * ImageNet mean (B, G, R) = (103.939, 116.779, 123.68). {@link #toImage} undoes it exactly; clipping and rounding are
 * left to the image writer so intermediate results keep their precision.
 */
public final class VggPreprocessing {
    static final float[] MEAN_BGR = {103.939f, 116.779f, 123.68f};

    private VggPreprocessing() {
    }

    /** The image as network input [1, H, W, 3], BGR, mean subtracted. */
    public static INDArray toNetworkInput(RgbImage image, DataType dataType) {
        float[] rgb = image.rgb();
        float[] bgr = new float[rgb.length];
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2] - MEAN_BGR[0];
            bgr[i + 1] = rgb[i + 1] - MEAN_BGR[1];
            bgr[i + 2] = rgb[i] - MEAN_BGR[2];
        }
        return Nd4j.create(bgr, new long[]{1, image.height(), image.width(), 3}, DataType.FLOAT).castTo(dataType);
    }

    /** Network input [1, H, W, 3] back to an RGB image in the 0..255 range (unclipped), with the given alpha. */
    public static RgbImage toImage(INDArray input, float[] alpha) {
        int height = (int) input.size(1);
        int width = (int) input.size(2);
        float[] bgr = input.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] rgb = new float[bgr.length];
        for (int i = 0; i < bgr.length; i += 3) {
            rgb[i] = bgr[i + 2] + MEAN_BGR[2];
            rgb[i + 1] = bgr[i + 1] + MEAN_BGR[1];
            rgb[i + 2] = bgr[i] + MEAN_BGR[0];
        }
        return new RgbImage(width, height, rgb, alpha);
    }
}
