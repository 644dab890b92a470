package io.github.stylize.engine.image;

import io.github.stylize.engine.StyleSettings;
import io.github.stylize.engine.files.AtomicFiles;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;

/**
 * Encodes an {@link RgbImage} to PNG or JPEG bytes, deterministically (the same image gives the same bytes), and
 * writes files atomically.
 *
 * <p>Values are rounded and clamped to 0..255. PNG keeps alpha when the image has it (8-bit RGBA, colour
 * un-composited from the over-white convention of {@link RgbImage} so that edges carry their true colour), else
 * writes 8-bit RGB. JPEG has no alpha: the over-white colour is written as it is, which is the image flattened over
 * white. Both encoders are the JDK's own (not plugins found on the class path), with fixed parameters and no
 * timestamps.
 */
public final class ImageWriter {

    /** Called with the finished temporary file just before it is moved into place; lets tests simulate failures. */
    @FunctionalInterface
    interface BeforeMoveHook {
        void beforeMove(Path temporary) throws IOException;
    }

    private ImageWriter() {
    }

    /**
     * Encodes {@code image} in {@code format}; {@code jpegQuality} (0..1, as in {@link StyleSettings#jpegQuality()})
     * is used only for JPEG.
     *
     * @throws ImageException if a pixel is not a finite number (a diverged optimization) or the encoder fails
     */
    public static byte[] encode(RgbImage image, StyleSettings.Format format, double jpegQuality) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(format, "format");
        requireFinite(image);
        try {
            return switch (format) {
                case PNG -> encodePng(image);
                case JPG -> encodeJpeg(image, jpegQuality);
            };
        } catch (IOException e) {
            throw new ImageException("Cannot encode a " + image.width() + "x" + image.height() + " image as "
                    + format + ": " + e.getMessage(), e);
        }
    }

    private static byte[] encodePng(RgbImage image) throws IOException {
        BufferedImage out = image.hasAlpha() ? toRgba(image) : toRgb(image);
        javax.imageio.ImageWriter writer = jdkWriter("png", "com.sun.imageio.plugins.png.");
        return write(writer, out, writer.getDefaultWriteParam());
    }

    private static byte[] encodeJpeg(RgbImage image, double quality) throws IOException {
        if (!(quality > 0 && quality <= 1)) {
            throw new IllegalArgumentException("jpegQuality must be in (0, 1]: " + quality);
        }
        javax.imageio.ImageWriter writer = jdkWriter("jpeg", "com.sun.imageio.plugins.jpeg.");
        JPEGImageWriteParam param = new JPEGImageWriteParam(null);
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality((float) quality);
        param.setOptimizeHuffmanTables(true); // smaller files, still deterministic
        return write(writer, toRgb(image), param);
    }

    private static byte[] write(javax.imageio.ImageWriter writer, BufferedImage image, ImageWriteParam param)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // A memory cache: ImageIO's default may spill into a temporary file.
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * The JDK's own writer for {@code format}: plugins on the class path (TwelveMonkeys registers a JPEG writer) may
     * differ between versions, and output bytes must not.
     */
    private static javax.imageio.ImageWriter jdkWriter(String format, String packagePrefix) {
        Iterator<javax.imageio.ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        javax.imageio.ImageWriter chosen = null;
        while (writers.hasNext()) {
            javax.imageio.ImageWriter writer = writers.next();
            if (chosen == null && writer.getClass().getName().startsWith(packagePrefix)) {
                chosen = writer;
            } else {
                writer.dispose();
            }
        }
        if (chosen == null) {
            throw new ImageException("The JDK's " + format.toUpperCase(Locale.ROOT) + " encoder (" + packagePrefix + "*) is not "
                    + "available in this Java runtime; run the build on a standard OpenJDK/Oracle JDK 17 or newer");
        }
        return chosen;
    }

    private static void requireFinite(RgbImage image) {
        float[] rgb = image.rgb();
        for (int i = 0; i < rgb.length; i++) {
            if (!Float.isFinite(rgb[i])) {
                int pixel = i / 3;
                throw new ImageException("Cannot write the image: pixel (" + (pixel % image.width()) + ","
                        + (pixel / image.width()) + ") is " + rgb[i] + ", not a number in 0..255. The optimization "
                        + "diverged; lower learningRate or the loss weights");
            }
        }
        if (image.hasAlpha()) {
            for (float a : image.alpha()) {
                if (!Float.isFinite(a)) {
                    throw new ImageException("Cannot write the image: its alpha plane holds " + a
                            + "; alpha must be in 0..1");
                }
            }
        }
    }

    static int toByte(double value) {
        return (int) Math.min(255, Math.max(0, Math.round(value)));
    }

    private static BufferedImage toRgb(RgbImage image) {
        int w = image.width();
        int h = image.height();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster raster = out.getRaster(); // bands are R, G, B whatever the byte layout
        int[] row = new int[w * 3];
        float[] rgb = image.rgb();
        for (int y = 0; y < h; y++) {
            for (int i = 0; i < w * 3; i++) {
                row[i] = toByte(rgb[y * w * 3 + i]);
            }
            raster.setPixels(0, y, w, 1, row);
        }
        return out;
    }

    /** Straight RGBA: colour recovered from over-white with the alpha the file will store. */
    private static BufferedImage toRgba(RgbImage image) {
        int w = image.width();
        int h = image.height();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_4BYTE_ABGR);
        WritableRaster raster = out.getRaster(); // bands are R, G, B, A
        int[] row = new int[w * 4];
        float[] rgb = image.rgb();
        float[] alpha = image.alpha();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                int a8 = toByte(alpha[p] * 255.0);
                double a = a8 / 255.0;
                for (int c = 0; c < 3; c++) {
                    double overWhite = rgb[p * 3 + c];
                    // Invisible pixels keep their value: harmless, and GPU texture filtering reads it at edges.
                    row[x * 4 + c] = a8 == 0 ? toByte(overWhite) : toByte((overWhite - 255.0 * (1.0 - a)) / a);
                }
                row[x * 4 + 3] = a8;
            }
            raster.setPixels(0, y, w, 1, row);
        }
        return out;
    }

    /**
     * Writes {@code bytes} to {@code target} so that readers see either the old file or the complete new one, never a
     * part: the bytes go to a temporary file in the same directory, are forced to disk, and the file is then renamed
     * over the target (atomically where the file system can; else a plain replace). The temporary file is removed on
     * failure. Missing parent directories are created. This is {@link AtomicFiles} with {@link
     * AtomicFiles.Filler#DURABLE}.
     *
     * @throws ImageException naming the target and the cause
     */
    public static void writeAtomically(byte[] bytes, Path target) {
        writeAtomically(bytes, target, temporary -> { });
    }

    static void writeAtomically(byte[] bytes, Path target, BeforeMoveHook hook) {
        Objects.requireNonNull(bytes, "bytes");
        Path absolute = target.toAbsolutePath();
        try {
            AtomicFiles.write(absolute, bytes, (source, temporary) -> {
                AtomicFiles.Filler.DURABLE.fill(source, temporary);
                hook.beforeMove(temporary);
            });
        } catch (IOException | RuntimeException e) {
            throw new ImageException("Cannot write " + absolute + ": " + e + ". Check that the directory "
                    + absolute.getParent() + " is writable and the disk is not full; the previous file, if any, was"
                    + " left unchanged", e);
        }
    }
}
