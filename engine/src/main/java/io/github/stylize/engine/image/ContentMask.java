package io.github.stylize.engine.image;

import io.github.stylize.engine.StylizeException;

import java.nio.file.Path;

/**
 * An explicit mask ({@code <contentMask>}): an image of the content's size whose grey level says how much each pixel is
 * stylized, white fully, black not at all, grey in between (a transparent pixel counts as black). The losses count each
 * position by its weight, as {@code alphaMask} counts alpha, and the output keeps the content where the mask is black:
 * each pixel is {@code m * stylized + (1 - m) * content}, so what is outside the mask is left as it was.
 *
 * <p>The mask is held as a grey {@link RgbImage} (the weight times 255 in each channel), so it is fitted and resized
 * to every level by the same resampling as the content, and its edges stay where the content's are.
 */
public final class ContentMask {
    private ContentMask() {
    }

    /**
     * Reads the mask {@code file} for a content image of {@code contentWidth} x {@code contentHeight}.
     *
     * @throws StylizeException if its size is not the content's, naming both files and the fix
     */
    public static RgbImage read(Path file, Path content, int contentWidth, int contentHeight, long maxPixels) {
        RgbImage mask = ImageReader.read(file, maxPixels);
        if (mask.width() != contentWidth || mask.height() != contentHeight) {
            throw new StylizeException("The content mask " + file + " is " + mask.width() + "x" + mask.height()
                    + " but the content image " + content + " is " + contentWidth + "x" + contentHeight
                    + "; export the mask at the content's size (white where the style goes, black where the content"
                    + " stays)");
        }
        float[] rgb = mask.rgb();
        float[] alpha = mask.alpha();
        float[] grey = new float[rgb.length];
        for (int p = 0; p < rgb.length / 3; p++) {
            // rgb holds colour over white (a C + (1 - a) 255); the weight is the colour over black, a C
            double a = alpha == null ? 1 : alpha[p];
            float level = (float) Math.min(255, Math.max(0, ColorTransfer.luma(rgb, 3 * p) - (1 - a) * 255));
            grey[3 * p] = level;
            grey[3 * p + 1] = level;
            grey[3 * p + 2] = level;
        }
        return new RgbImage(contentWidth, contentHeight, grey, null);
    }

    /** The weights, 0..1, of a mask as {@link #read} gives it (or resized from it), row-major. */
    public static float[] weights(RgbImage mask) {
        float[] rgb = mask.rgb();
        float[] weights = new float[mask.width() * mask.height()];
        for (int p = 0; p < weights.length; p++) {
            weights[p] = Math.min(1, Math.max(0, rgb[3 * p] / 255f)); // resampling may overshoot at edges
        }
        return weights;
    }

    /** {@code m * stylized + (1 - m) * content} per pixel, alpha of {@code stylized}; all three the same size. */
    public static RgbImage composite(RgbImage stylized, RgbImage content, float[] weights) {
        float[] out = stylized.rgb().clone();
        float[] original = content.rgb();
        for (int p = 0; p < weights.length; p++) {
            float m = weights[p];
            for (int c = 0; c < 3; c++) {
                out[3 * p + c] = m * out[3 * p + c] + (1 - m) * original[3 * p + c];
            }
        }
        return new RgbImage(stylized.width(), stylized.height(), out, stylized.alpha());
    }
}
