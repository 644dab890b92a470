package io.github.stylize.engine.image;

import java.util.Arrays;

/**
 * High-quality, deterministic resizing with a separable Lanczos-3 filter.
 *
 * <p>Downscaling widens the kernel by the scale factor (each output pixel averages every input pixel it covers, so
 * fine detail does not alias); upscaling interpolates with the plain kernel. Pixels beyond the border repeat the edge
 * pixel (or, wrapping around for a tileable image, are those of the opposite edge, so the result tiles too), and each output pixel's weights are normalised to sum to 1, so a constant image stays constant.
 *
 * <p>Alpha: colour is filtered premultiplied by alpha and unpremultiplied afterwards, so transparent pixels contribute
 * no colour at edges. With the {@link RgbImage} convention that colour is composited over white, the premultiplied
 * colour is {@code a*C = rgb - 255*(1-a)} and unpremultiplying is adding the white back; fully transparent pixels
 * count as no colour whatever their rgb holds. Alpha is clamped to 0..1 (Lanczos rings); colour is not clipped.
 *
 * <p>Results are bit-for-bit reproducible: weights use {@link StrictMath}, sums run in a fixed order in doubles.
 */
public final class Resampler {

    /** Lanczos lobes: the kernel is sinc(x) * sinc(x / 3) for |x| &lt; 3. */
    static final int LOBES = 3;

    private Resampler() {
    }

    /** Resizes {@code image} to exactly {@code width} x {@code height} (the aspect ratio is the caller's business). */
    public static RgbImage resize(RgbImage image, int width, int height) {
        return resize(image, width, height, false);
    }

    /** {@link #resize(RgbImage, int, int)}, reading beyond each edge from the opposite one if {@code wrap}. */
    public static RgbImage resize(RgbImage image, int width, int height, boolean wrap) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Target size must be positive: " + width + "x" + height);
        }
        if (width == image.width() && height == image.height()) {
            return new RgbImage(width, height, image.rgb().clone(),
                    image.hasAlpha() ? image.alpha().clone() : null);
        }
        boolean hasAlpha = image.hasAlpha();
        int channels = hasAlpha ? 4 : 3;
        float[] planes = hasAlpha ? premultiplied(image) : image.rgb();

        float[] horizontal = image.width() == width ? planes
                : resizeRows(planes, image.width(), image.height(), channels, filter(image.width(), width, wrap));
        float[] both = image.height() == height ? horizontal
                : resizeColumns(horizontal, width, channels, filter(image.height(), height, wrap));

        if (!hasAlpha) {
            return new RgbImage(width, height, both, null); // a new array: at least one pass ran
        }
        return unpremultiplied(both, width, height);
    }

    /** Resizes {@code image} so that its longest side is {@code longestSide}, keeping the aspect ratio. */
    static RgbImage resizeToLongestSide(RgbImage image, int longestSide) {
        int[] size = fitLongestSide(image.width(), image.height(), longestSide);
        return resize(image, size[0], size[1]);
    }

    /**
     * The size {@code {width, height}} with the same aspect ratio as {@code width x height} whose longest side is
     * {@code longestSide}; the other side is rounded and at least 1. Used to size the content to {@code size} and the
     * style to {@code round(size * styleScale)}.
     */
    public static int[] fitLongestSide(int width, int height, int longestSide) {
        if (width <= 0 || height <= 0 || longestSide <= 0) {
            throw new IllegalArgumentException(
                    "Sizes must be positive: " + width + "x" + height + ", longest side " + longestSide);
        }
        if (width >= height) {
            return new int[]{longestSide, (int) Math.max(1, Math.round((double) height * longestSide / width))};
        }
        return new int[]{(int) Math.max(1, Math.round((double) width * longestSide / height)), longestSide};
    }

    /** The Lanczos-3 kernel. */
    static double lanczos(double x) {
        if (x == 0) {
            return 1;
        }
        if (x <= -LOBES || x >= LOBES) {
            return 0;
        }
        double px = StrictMath.PI * x;
        return LOBES * StrictMath.sin(px) * StrictMath.sin(px / LOBES) / (px * px);
    }

    /** For each output index: the input indices it reads (edge-clamped or wrapped) and their normalised weights. */
    record Filter(int[][] taps, double[][] weights) {
    }

    static Filter filter(int inSize, int outSize, boolean wrap) {
        double scale = (double) outSize / inSize;
        double kernelScale = Math.min(scale, 1.0); // < 1 widens the kernel when downscaling
        double support = LOBES / kernelScale;
        int[][] taps = new int[outSize][];
        double[][] weights = new double[outSize][];
        for (int out = 0; out < outSize; out++) {
            double center = (out + 0.5) / scale - 0.5; // pixel centres line up, as in most image libraries
            int first = (int) Math.floor(center - support) + 1;
            int last = (int) Math.ceil(center + support) - 1;
            int count = last - first + 1;
            int[] index = new int[count];
            double[] weight = new double[count];
            double sum = 0;
            for (int k = 0; k < count; k++) {
                int source = first + k;
                index[k] = wrap ? Math.floorMod(source, inSize) : Math.min(Math.max(source, 0), inSize - 1);
                weight[k] = lanczos((source - center) * kernelScale);
                sum += weight[k];
            }
            for (int k = 0; k < count; k++) {
                weight[k] /= sum;
            }
            taps[out] = index;
            weights[out] = weight;
        }
        return new Filter(taps, weights);
    }

    private static float[] resizeRows(float[] src, int inWidth, int height, int channels, Filter filter) {
        int outWidth = filter.taps().length;
        float[] dst = new float[outWidth * height * channels];
        double[] sum = new double[channels];
        for (int y = 0; y < height; y++) {
            int rowIn = y * inWidth * channels;
            int rowOut = y * outWidth * channels;
            for (int x = 0; x < outWidth; x++) {
                Arrays.fill(sum, 0);
                int[] taps = filter.taps()[x];
                double[] weights = filter.weights()[x];
                for (int k = 0; k < taps.length; k++) {
                    int at = rowIn + taps[k] * channels;
                    double w = weights[k];
                    for (int c = 0; c < channels; c++) {
                        sum[c] += w * src[at + c];
                    }
                }
                for (int c = 0; c < channels; c++) {
                    dst[rowOut + x * channels + c] = (float) sum[c];
                }
            }
        }
        return dst;
    }

    private static float[] resizeColumns(float[] src, int width, int channels, Filter filter) {
        int outHeight = filter.taps().length;
        int stride = width * channels;
        float[] dst = new float[stride * outHeight];
        double[] row = new double[stride];
        for (int y = 0; y < outHeight; y++) {
            Arrays.fill(row, 0);
            int[] taps = filter.taps()[y];
            double[] weights = filter.weights()[y];
            // Row by row so that memory is read sequentially; the per-value sum order is still fixed.
            for (int k = 0; k < taps.length; k++) {
                int at = taps[k] * stride;
                double w = weights[k];
                for (int i = 0; i < stride; i++) {
                    row[i] += w * src[at + i];
                }
            }
            for (int i = 0; i < stride; i++) {
                dst[y * stride + i] = (float) row[i];
            }
        }
        return dst;
    }

    /** Interleaved a*R, a*G, a*B, a from the over-white colour; fully transparent pixels carry no colour. */
    private static float[] premultiplied(RgbImage image) {
        int pixels = image.width() * image.height();
        float[] rgb = image.rgb();
        float[] alpha = image.alpha();
        float[] out = new float[pixels * 4];
        for (int p = 0; p < pixels; p++) {
            double a = alpha[p];
            double white = 255.0 * (1.0 - a);
            for (int c = 0; c < 3; c++) {
                out[p * 4 + c] = a <= 0 ? 0f : (float) (rgb[p * 3 + c] - white);
            }
            out[p * 4 + 3] = (float) a;
        }
        return out;
    }

    private static RgbImage unpremultiplied(float[] planes, int width, int height) {
        int pixels = width * height;
        float[] rgb = new float[pixels * 3];
        float[] alpha = new float[pixels];
        for (int p = 0; p < pixels; p++) {
            double filtered = planes[p * 4 + 3];
            double a = Math.min(Math.max(filtered, 0.0), 1.0);
            // Where ringing pushed alpha out of 0..1, rescale the colour with it: a*C must stay a*C for the clamped a.
            double keep = a == filtered ? 1.0 : (filtered > 0 ? a / filtered : 0.0);
            double white = 255.0 * (1.0 - a);
            for (int c = 0; c < 3; c++) {
                rgb[p * 3 + c] = (float) (planes[p * 4 + c] * keep + white);
            }
            alpha[p] = (float) a;
        }
        return new RgbImage(width, height, rgb, alpha);
    }
}
