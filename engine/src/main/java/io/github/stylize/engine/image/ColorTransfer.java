package io.github.stylize.engine.image;

/**
 * The colour operations of Gatys et al. 2016, "Preserving Color in Neural Artistic Style Transfer", on 0..255 RGB.
 *
 * <p>Luminance is the luma Y of YIQ, {@code Y = 0.299 R + 0.587 G + 0.114 B}. Its weights sum to 1 and the chroma
 * rows of YIQ (I = 0.596 R - 0.274 G - 0.322 B, Q = 0.211 R - 0.523 G + 0.312 B) each sum to 0, so adding the same
 * amount to R, G and B changes Y by that amount and leaves I and Q exactly as they were: {@link #withLuminance} puts
 * a new luminance under the content's chroma by such a shift.
 *
 * <p>Results are not clipped where clipping would break what they promise ({@link #matchColors}): the network takes
 * any value, and the image writer clips.
 */
public final class ColorTransfer {
    static final double[] LUMA = {0.299, 0.587, 0.114};
    /** Eigenvalues of a covariance below this (levels squared) are raised to it: a style flat in some colour direction. */
    private static final double MIN_VARIANCE = 1e-6;

    private ColorTransfer() {
    }

    /** The YIQ luma of the pixel starting at {@code i} of interleaved RGB. */
    public static double luma(float[] rgb, int i) {
        return LUMA[0] * rgb[i] + LUMA[1] * rgb[i + 1] + LUMA[2] * rgb[i + 2];
    }

    /** The image's luminance as a grey RGB image (Y in each channel), alpha kept. */
    public static RgbImage luminance(RgbImage image) {
        float[] rgb = image.rgb();
        float[] grey = new float[rgb.length];
        for (int i = 0; i < rgb.length; i += 3) {
            float y = (float) luma(rgb, i);
            grey[i] = y;
            grey[i + 1] = y;
            grey[i + 2] = y;
        }
        return new RgbImage(image.width(), image.height(), grey, image.alpha());
    }

    /**
     * {@code style}'s luminance, grey, shifted and scaled to the mean and standard deviation of {@code content}'s (the
     * paper's luminance matching), so the style's tones fit the content's before its texture is transferred.
     */
    public static RgbImage matchLuminance(RgbImage style, RgbImage content) {
        double[] styleStats = lumaMeanAndDeviation(style);
        double[] contentStats = lumaMeanAndDeviation(content);
        double scale = styleStats[1] > 0 ? contentStats[1] / styleStats[1] : 0;
        float[] rgb = style.rgb();
        float[] grey = new float[rgb.length];
        for (int i = 0; i < rgb.length; i += 3) {
            float y = (float) ((luma(rgb, i) - styleStats[0]) * scale + contentStats[0]);
            grey[i] = y;
            grey[i + 1] = y;
            grey[i + 2] = y;
        }
        return new RgbImage(style.width(), style.height(), grey, style.alpha());
    }

    /**
     * The content's colours with the luminance of {@code stylized} (same size): each pixel of {@code content} shifted
     * equally in R, G and B by the difference of the two lumas, which keeps the content's I and Q exactly. The shift
     * is limited to what keeps every channel in 0..255, so the writer's clipping cannot change the chroma either.
     */
    public static RgbImage withLuminance(RgbImage stylized, RgbImage content) {
        float[] target = stylized.rgb();
        float[] colours = content.rgb();
        float[] out = new float[colours.length];
        for (int i = 0; i < colours.length; i += 3) {
            float r = colours[i];
            float g = colours[i + 1];
            float b = colours[i + 2];
            double shift = luma(target, i) - luma(colours, i);
            shift = Math.max(-Math.min(r, Math.min(g, b)), Math.min(255 - Math.max(r, Math.max(g, b)), shift));
            out[i] = (float) (r + shift);
            out[i + 1] = (float) (g + shift);
            out[i + 2] = (float) (b + shift);
        }
        return new RgbImage(content.width(), content.height(), out, stylized.alpha());
    }

    /**
     * {@code style} with {@code content}'s colour mean and covariance (the paper's colour histogram matching): each
     * pixel x becomes {@code A (x - mu_s) + mu_c} with {@code A = Sigma_c^(1/2) Sigma_s^(-1/2)}, the symmetric square
     * roots (the paper's "image analogies" choice, which keeps the style's colour axes instead of skewing them).
     */
    public static RgbImage matchColors(RgbImage style, RgbImage content) {
        double[] styleMean = mean(style);
        double[] contentMean = mean(content);
        double[][] a = multiply(symmetricPower(covariance(content, contentMean), 0.5),
                symmetricPower(covariance(style, styleMean), -0.5));
        float[] rgb = style.rgb();
        float[] out = new float[rgb.length];
        for (int i = 0; i < rgb.length; i += 3) {
            double dr = rgb[i] - styleMean[0];
            double dg = rgb[i + 1] - styleMean[1];
            double db = rgb[i + 2] - styleMean[2];
            for (int c = 0; c < 3; c++) {
                out[i + c] = (float) (a[c][0] * dr + a[c][1] * dg + a[c][2] * db + contentMean[c]);
            }
        }
        return new RgbImage(style.width(), style.height(), out, style.alpha());
    }

    /** The mean R, G, B. */
    public static double[] mean(RgbImage image) {
        float[] rgb = image.rgb();
        double[] sum = new double[3];
        for (int i = 0; i < rgb.length; i += 3) {
            for (int c = 0; c < 3; c++) {
                sum[c] += rgb[i + c];
            }
        }
        int pixels = rgb.length / 3;
        return new double[]{sum[0] / pixels, sum[1] / pixels, sum[2] / pixels};
    }

    /** The 3x3 covariance of R, G, B over the pixels (divided by their number). */
    public static double[][] covariance(RgbImage image, double[] mean) {
        float[] rgb = image.rgb();
        double[][] sum = new double[3][3];
        for (int i = 0; i < rgb.length; i += 3) {
            for (int r = 0; r < 3; r++) {
                double dr = rgb[i + r] - mean[r];
                for (int c = r; c < 3; c++) {
                    sum[r][c] += dr * (rgb[i + c] - mean[c]);
                }
            }
        }
        int pixels = rgb.length / 3;
        double[][] covariance = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int c = r; c < 3; c++) {
                covariance[r][c] = sum[r][c] / pixels;
                covariance[c][r] = covariance[r][c];
            }
        }
        return covariance;
    }

    private static double[] lumaMeanAndDeviation(RgbImage image) {
        float[] rgb = image.rgb();
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < rgb.length; i += 3) {
            double y = luma(rgb, i);
            sum += y;
            squares += y * y;
        }
        int pixels = rgb.length / 3;
        double mean = sum / pixels;
        return new double[]{mean, Math.sqrt(Math.max(0, squares / pixels - mean * mean))};
    }

    /** {@code m^power} of a symmetric positive semi-definite 3x3 matrix, from its eigen-decomposition. */
    static double[][] symmetricPower(double[][] m, double power) {
        double[][] vectors = new double[3][3];
        double[] values = jacobiEigen(m, vectors);
        double[][] result = new double[3][3];
        for (int k = 0; k < 3; k++) {
            double scaled = Math.pow(Math.max(values[k], MIN_VARIANCE), power);
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    result[r][c] += vectors[r][k] * scaled * vectors[c][k];
                }
            }
        }
        return result;
    }

    /** Eigenvalues of symmetric {@code m}, its eigenvectors written as the columns of {@code vectors} (Jacobi). */
    private static double[] jacobiEigen(double[][] m, double[][] vectors) {
        double[][] a = {m[0].clone(), m[1].clone(), m[2].clone()};
        for (int i = 0; i < 3; i++) {
            vectors[i][i] = 1;
        }
        for (int sweep = 0; sweep < 50; sweep++) {
            double off = a[0][1] * a[0][1] + a[0][2] * a[0][2] + a[1][2] * a[1][2];
            if (off < 1e-30 * (1 + a[0][0] * a[0][0] + a[1][1] * a[1][1] + a[2][2] * a[2][2])) {
                break;
            }
            for (int p = 0; p < 2; p++) {
                for (int q = p + 1; q < 3; q++) {
                    if (a[p][q] == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double cos = 1 / Math.sqrt(t * t + 1);
                    double sin = t * cos;
                    rotate(a, vectors, p, q, cos, sin);
                }
            }
        }
        return new double[]{a[0][0], a[1][1], a[2][2]};
    }

    /** a = J^T a J and vectors = vectors J for the rotation J in the (p, q) plane. */
    private static void rotate(double[][] a, double[][] vectors, int p, int q, double cos, double sin) {
        for (int k = 0; k < 3; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = cos * akp - sin * akq;
            a[k][q] = sin * akp + cos * akq;
        }
        for (int k = 0; k < 3; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = cos * apk - sin * aqk;
            a[q][k] = sin * apk + cos * aqk;
        }
        for (int k = 0; k < 3; k++) {
            double vkp = vectors[k][p];
            double vkq = vectors[k][q];
            vectors[k][p] = cos * vkp - sin * vkq;
            vectors[k][q] = sin * vkp + cos * vkq;
        }
    }

    private static double[][] multiply(double[][] x, double[][] y) {
        double[][] product = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                for (int k = 0; k < 3; k++) {
                    product[r][c] += x[r][k] * y[k][c];
                }
            }
        }
        return product;
    }
}
