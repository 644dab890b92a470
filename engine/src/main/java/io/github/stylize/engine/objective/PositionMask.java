package io.github.stylize.engine.objective;

import io.github.stylize.engine.network.Vgg19Layers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * How much each position of the content image counts in the losses ({@code alphaMask}): its alpha, 0 (transparent,
 * ignored) to 1 (opaque, counted fully), brought to each VGG block's size by the same 2x2 averages as the network's
 * poolings (dropping an odd last row or column, or wrapping it around for {@code tileable}), so a layer position
 * weighs as much as the share of opaque pixels it pools.
 */
public final class PositionMask {
    /** Per block, from block 1 (the image's size): row-major weights, width and height. */
    private final List<float[]> weights = new ArrayList<>();
    private final List<int[]> sizes = new ArrayList<>();

    /**
     * @param alpha  row-major alpha of a width x height image, each 0..1
     * @param wrap   pool like a wrapping network: an odd side's last window takes the first row or column
     */
    public PositionMask(float[] alpha, int width, int height, boolean wrap) {
        float[] level = alpha.clone();
        int w = width;
        int h = height;
        for (int block = 1; block <= Vgg19Layers.BLOCKS; block++) {
            weights.add(level);
            sizes.add(new int[]{w, h});
            int nextW = wrap ? (w + 1) / 2 : w / 2;
            int nextH = wrap ? (h + 1) / 2 : h / 2;
            if (nextW == 0 || nextH == 0) {
                break;
            }
            float[] next = new float[nextW * nextH];
            for (int y = 0; y < nextH; y++) {
                for (int x = 0; x < nextW; x++) {
                    double sum = 0;
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) {
                            sum += level[((2 * y + dy) % h) * w + (2 * x + dx) % w];
                        }
                    }
                    next[y * nextW + x] = (float) (sum / 4);
                }
            }
            level = next;
            w = nextW;
            h = nextH;
        }
    }

    /** The first of {@code layers} where no position has any weight (nothing there would count), or null. */
    public String emptyLayer(List<String> layers) {
        return layers.stream().filter(layer -> !(positions(layer) > 0)).findFirst().orElse(null);
    }

    /** The weights of {@code layer}'s positions as a column [h * w, 1], in the row-major order of its features. */
    INDArray column(String layer, DataType dataType) {
        return Nd4j.create(weights(layer), new long[]{weights(layer).length, 1}, DataType.FLOAT).castTo(dataType);
    }

    /** The sum of {@code layer}'s weights: its number of (mask-weighted) positions. */
    double positions(String layer) {
        double sum = 0;
        for (float weight : weights(layer)) {
            sum += weight;
        }
        return sum;
    }

    /** The [width, height] of the mask at {@code layer}'s block. */
    int[] size(String layer) {
        return sizes.get(Vgg19Layers.block(layer) - 1);
    }

    private float[] weights(String layer) {
        return weights.get(Vgg19Layers.block(layer) - 1);
    }
}
