package io.github.stylize.engine.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * A decoded {@link BufferedImage} as an {@link RgbImage}: grey replicated to R, G and B (as sRGB-encoded grey, not
 * Java's linear grey), palettes expanded, 16 bits per channel kept ({@code value / 65535 * 255}), any other colour
 * space converted to sRGB, and alpha straight in its own plane with the colour composited over white (see
 * {@link ImageReader}).
 */
final class DecodedPixels {
    private DecodedPixels() {
    }

    /** Converts a decoded image to sRGB floats, alpha composited over white (see the class comment). */
    static RgbImage toRgbImage(BufferedImage image) {
        ColorModel model = image.getColorModel();
        if (!(model instanceof IndexColorModel) && !readsSamplesDirectly(model, image.getRaster())) {
            image = ColorProfiles.convertToSrgb(image);
            model = image.getColorModel();
        }
        int width = image.getWidth();
        int height = image.getHeight();
        boolean hasAlpha = model.hasAlpha();
        float[] rgb = new float[width * height * 3];
        float[] alpha = hasAlpha ? new float[width * height] : null;
        if (model instanceof IndexColorModel) {
            int[] row = new int[width];
            for (int y = 0; y < height; y++) {
                image.getRGB(0, y, width, 1, row, 0, width); // palette entries are sRGB, straight alpha
                for (int x = 0; x < width; x++) {
                    int argb = row[x];
                    int i = y * width + x;
                    double a = hasAlpha ? ((argb >>> 24) / 255.0) : 1.0;
                    storeOverWhite(rgb, alpha, i, a, (argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF);
                }
            }
            return new RgbImage(width, height, rgb, alpha);
        }
        Raster raster = image.getRaster();
        int bands = raster.getNumBands();
        int colorBands = model.getNumColorComponents();
        double[] toUnit = new double[bands];
        for (int b = 0; b < bands; b++) {
            toUnit[b] = 1.0 / ((1L << model.getComponentSize(b)) - 1);
        }
        boolean premultiplied = model.isAlphaPremultiplied();
        int[] samples = new int[width * bands];
        for (int y = 0; y < height; y++) {
            raster.getPixels(0, y, width, 1, samples);
            for (int x = 0; x < width; x++) {
                int s = x * bands;
                double a = hasAlpha ? samples[s + colorBands] * toUnit[colorBands] : 1.0;
                double r = samples[s] * toUnit[0] * 255.0;
                double g = colorBands == 1 ? r : samples[s + 1] * toUnit[1] * 255.0;
                double b = colorBands == 1 ? r : samples[s + 2] * toUnit[2] * 255.0;
                if (premultiplied && a > 0) {
                    r /= a;
                    g /= a;
                    b /= a;
                }
                storeOverWhite(rgb, alpha, y * width + x, a, r, g, b);
            }
        }
        return new RgbImage(width, height, rgb, alpha);
    }

    /**
     * True when the raster's integer samples are sRGB (or grey) values we can scale ourselves, which keeps 16-bit
     * precision and avoids Java treating grey as linear light.
     */
    private static boolean readsSamplesDirectly(ColorModel model, Raster raster) {
        if (!(model instanceof ComponentColorModel || model instanceof DirectColorModel)) {
            return false;
        }
        int type = raster.getTransferType();
        if (type != DataBuffer.TYPE_BYTE && type != DataBuffer.TYPE_USHORT && type != DataBuffer.TYPE_INT) {
            return false;
        }
        for (int b = 0; b < model.getNumComponents(); b++) {
            if (model.getComponentSize(b) > 16) {
                return false;
            }
        }
        ColorSpace space = model.getColorSpace();
        int colors = model.getNumColorComponents();
        return (space.isCS_sRGB() && colors == 3) || (space.getType() == ColorSpace.TYPE_GRAY && colors == 1);
    }

    private static void storeOverWhite(float[] rgb, float[] alpha, int pixel, double a, double r, double g, double b) {
        double white = (1.0 - a) * 255.0;
        rgb[pixel * 3] = (float) (a * r + white);
        rgb[pixel * 3 + 1] = (float) (a * g + white);
        rgb[pixel * 3 + 2] = (float) (a * b + white);
        if (alpha != null) {
            alpha[pixel] = (float) a;
        }
    }
}
