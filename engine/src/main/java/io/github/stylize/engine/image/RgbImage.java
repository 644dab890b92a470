package io.github.stylize.engine.image;

/**
 * An 8-bit-range sRGB image held as floats: {@code rgb} is height x width x 3, row-major, interleaved R,G,B, values
 * 0..255 (not clipped or rounded until written). {@code alpha} is height x width in 0..1, or null for opaque images.
 *
 * <p>With alpha, {@code rgb} holds each pixel's colour composited over white ({@code a*C + (1-a)*255}, so fully
 * transparent pixels are white): {@link ImageReader} produces it, {@link Resampler} filters it as premultiplied
 * colour, and {@link ImageWriter} recovers the straight colour when it writes RGBA.
 */
public record RgbImage(int width, int height, float[] rgb, float[] alpha) {
    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Image size must be positive: " + width + "x" + height);
        }
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("rgb holds " + rgb.length + " values, expected " + (width * height * 3));
        }
        if (alpha != null && alpha.length != width * height) {
            throw new IllegalArgumentException("alpha holds " + alpha.length + " values, expected " + (width * height));
        }
    }

    public boolean hasAlpha() {
        return alpha != null;
    }

    /** The same pixels with another alpha plane (or none). */
    public RgbImage withAlpha(float[] newAlpha) {
        return new RgbImage(width, height, rgb, newAlpha);
    }
}
