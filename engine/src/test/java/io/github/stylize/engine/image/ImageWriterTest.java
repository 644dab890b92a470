package io.github.stylize.engine.image;

import io.github.stylize.engine.StyleSettings.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageWriterTest {

    @TempDir
    Path dir;

    @Test
    void pngRoundTripIsExactForOpaqueImages() throws IOException {
        RgbImage image = randomImage(23, 11, 1, false);
        Path file = dir.resolve("out.png");
        Files.write(file, ImageWriter.encode(image, Format.PNG, 0.9));

        RgbImage back = ImageReader.read(file);
        assertFalse(back.hasAlpha(), "opaque images are written as RGB");
        assertArrayEquals(image.rgb(), back.rgb(), 0f);
    }

    @Test
    void pngRoundTripKeepsAlphaAndStraightColourExactly() throws IOException {
        // A file with straight RGBA pixels, read (composited over white) and written again: the same pixels.
        BufferedImage source = new BufferedImage(16, 8, BufferedImage.TYPE_INT_ARGB);
        Random random = new Random(3);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 16; x++) {
                int alpha = x == 0 ? 0 : x == 1 ? 1 : x == 2 ? 255 : random.nextInt(256);
                source.setRGB(x, y, alpha << 24 | random.nextInt(0x1000000));
            }
        }
        Path original = dir.resolve("original.png");
        ImageIO.write(source, "png", original.toFile());

        RgbImage image = ImageReader.read(original);
        BufferedImage written = ImageIO.read(new ByteArrayInputStream(ImageWriter.encode(image, Format.PNG, 1)));

        assertTrue(written.getColorModel().hasAlpha());
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 16; x++) {
                int expected = source.getRGB(x, y);
                int actual = written.getRGB(x, y);
                if (expected >>> 24 == 0) {
                    assertEquals(0, actual >>> 24, "transparent stays transparent at " + x + "," + y);
                } else {
                    assertEquals(Integer.toHexString(expected), Integer.toHexString(actual), "pixel " + x + "," + y);
                }
            }
        }
        // And reading the written file gives back the same RgbImage.
        Path rewritten = dir.resolve("rewritten.png");
        Files.write(rewritten, ImageWriter.encode(image, Format.PNG, 1));
        RgbImage again = ImageReader.read(rewritten);
        assertArrayEquals(image.alpha(), again.alpha(), 0f);
        assertArrayEquals(image.rgb(), again.rgb(), 1e-3f);
    }

    @Test
    void valuesAreRoundedAndClamped() throws IOException {
        RgbImage image = new RgbImage(2, 1, new float[]{-5f, 300f, 127.5f, 127.49f, 0.5f, 254.6f}, null);
        BufferedImage written = ImageIO.read(new ByteArrayInputStream(ImageWriter.encode(image, Format.PNG, 1)));
        assertEquals(0x00FF80, written.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x7F01FF, written.getRGB(1, 0) & 0xFFFFFF);
    }

    @Test
    void jpegFlattensAlphaOverWhiteAndHasNoAlpha() throws IOException {
        // Left half opaque dark blue, right half fully transparent (white in the over-white convention).
        float[] rgb = new float[32 * 16 * 3];
        float[] alpha = new float[32 * 16];
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                int p = y * 32 + x;
                boolean opaque = x < 16;
                alpha[p] = opaque ? 1 : 0;
                rgb[p * 3] = opaque ? 20 : 255;
                rgb[p * 3 + 1] = opaque ? 30 : 255;
                rgb[p * 3 + 2] = opaque ? 120 : 255;
            }
        }
        byte[] jpeg = ImageWriter.encode(new RgbImage(32, 16, rgb, alpha), Format.JPG, 0.95);
        BufferedImage written = ImageIO.read(new ByteArrayInputStream(jpeg));

        assertFalse(written.getColorModel().hasAlpha());
        assertClose(0x141E78, written.getRGB(6, 8), 6);
        assertClose(0xFFFFFF, written.getRGB(26, 8), 3);
    }

    @Test
    void jpegQualityChangesTheSizeAndTheFidelity() throws IOException {
        RgbImage image = smoothNoise(64, 64);
        byte[] low = ImageWriter.encode(image, Format.JPG, 0.2);
        byte[] high = ImageWriter.encode(image, Format.JPG, 0.95);
        assertTrue(low.length * 2 < high.length, "low " + low.length + " bytes, high " + high.length);
        assertTrue(meanError(image, high) < meanError(image, low));
        // Not near 0 even at 0.95: the JDK encoder subsamples chroma 4:2:0, and this image has noisy colour.
        assertTrue(meanError(image, high) < 8, "quality 0.95 is close: " + meanError(image, high));
    }

    @Test
    void encodingIsDeterministic() {
        RgbImage image = randomImage(40, 30, 5, true);
        for (Format format : Format.values()) {
            assertArrayEquals(ImageWriter.encode(image, format, 0.8), ImageWriter.encode(image, format, 0.8),
                    format + " bytes");
        }
    }

    @Test
    void jpegIsAPlainJfifFileFromTheJdkEncoder() {
        byte[] jpeg = ImageWriter.encode(randomImage(8, 8, 2, false), Format.JPG, 0.5);
        assertEquals(0xFF, jpeg[0] & 0xFF);
        assertEquals(0xD8, jpeg[1] & 0xFF);
        assertEquals(0xE0, jpeg[3] & 0xFF, "APP0 JFIF follows SOI");
        assertEquals("JFIF", new String(jpeg, 6, 4, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void nonFiniteValuesAreRefusedWithAHint() {
        float[] rgb = new float[2 * 2 * 3];
        rgb[4 * 3 - 2] = Float.NaN; // pixel (1,1)
        ImageException e = assertThrows(ImageException.class,
                () -> ImageWriter.encode(new RgbImage(2, 2, rgb, null), Format.PNG, 1));
        assertTrue(e.getMessage().contains("(1,1)") && e.getMessage().contains("learningRate"), e.getMessage());
    }

    @Test
    void invalidJpegQualityIsRefused() {
        RgbImage image = randomImage(2, 2, 1, false);
        assertThrows(IllegalArgumentException.class, () -> ImageWriter.encode(image, Format.JPG, 0));
        assertThrows(IllegalArgumentException.class, () -> ImageWriter.encode(image, Format.JPG, 1.5));
    }

    // ---- atomic writes ---------------------------------------------------------------------------------------------

    @Test
    void writeAtomicallyWritesTheBytesAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("nested/deeper/out.png");
        ImageWriter.writeAtomically(new byte[]{1, 2, 3}, target);
        assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(target));

        ImageWriter.writeAtomically(new byte[]{4, 5}, target);
        assertArrayEquals(new byte[]{4, 5}, Files.readAllBytes(target));
        assertEquals(List.of(target), list(target.getParent()));
    }

    @Test
    void failureBeforeTheMoveKeepsTheOldFileAndRemovesTheTemporary() throws IOException {
        Path target = dir.resolve("out.png");
        Files.write(target, new byte[]{9, 9, 9});
        Path[] seen = new Path[1];

        ImageException e = assertThrows(ImageException.class, () -> ImageWriter.writeAtomically(new byte[]{1}, target,
                temporary -> {
                    seen[0] = temporary;
                    assertArrayEquals(new byte[]{1}, Files.readAllBytes(temporary), "complete before the move");
                    throw new IOException("simulated: disk full");
                }));

        assertTrue(e.getMessage().contains(target.toString()) && e.getMessage().contains("simulated: disk full"),
                e.getMessage());
        assertArrayEquals(new byte[]{9, 9, 9}, Files.readAllBytes(target));
        assertEquals(dir, seen[0].getParent(), "the temporary file sits next to the target");
        assertEquals(List.of(target), list(dir));
    }

    @Test
    void failingMoveKeepsTheTargetAndRemovesTheTemporary() throws IOException {
        // A non-empty directory where the file should go: the rename itself fails.
        Path target = dir.resolve("out.png");
        Files.createDirectories(target.resolve("keep"));

        ImageException e = assertThrows(ImageException.class, () -> ImageWriter.writeAtomically(new byte[]{1}, target));

        assertTrue(e.getMessage().contains("Cannot write " + target), e.getMessage());
        assertTrue(Files.isDirectory(target.resolve("keep")));
        assertEquals(List.of(target), list(dir));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static List<Path> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    private static RgbImage randomImage(int w, int h, long seed, boolean withAlpha) {
        Random random = new Random(seed);
        float[] rgb = new float[w * h * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = random.nextInt(256);
        }
        float[] alpha = null;
        if (withAlpha) {
            alpha = new float[w * h];
            for (int i = 0; i < alpha.length; i++) {
                alpha[i] = random.nextFloat();
            }
        }
        return new RgbImage(w, h, rgb, alpha);
    }

    /** Smooth colour fields plus mild noise: compressible, so quality shows in both size and error. */
    private static RgbImage smoothNoise(int w, int h) {
        Random random = new Random(11);
        float[] rgb = new float[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = (y * w + x) * 3;
                rgb[p] = (float) (128 + 100 * Math.sin(x / 7.0) + random.nextGaussian() * 8);
                rgb[p + 1] = (float) (128 + 100 * Math.cos(y / 5.0) + random.nextGaussian() * 8);
                rgb[p + 2] = (float) (128 + 60 * Math.sin((x + y) / 9.0) + random.nextGaussian() * 8);
            }
        }
        return new RgbImage(w, h, rgb, null);
    }

    private static double meanError(RgbImage image, byte[] jpeg) throws IOException {
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpeg));
        double sum = 0;
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int argb = decoded.getRGB(x, y);
                int p = (y * image.width() + x) * 3;
                sum += Math.abs((argb >> 16 & 0xFF) - ImageWriter.toByte(image.rgb()[p]));
                sum += Math.abs((argb >> 8 & 0xFF) - ImageWriter.toByte(image.rgb()[p + 1]));
                sum += Math.abs((argb & 0xFF) - ImageWriter.toByte(image.rgb()[p + 2]));
            }
        }
        return sum / (image.width() * image.height() * 3);
    }

    private static void assertClose(int expectedRgb, int actualArgb, int tolerance) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int e = expectedRgb >> shift & 0xFF;
            int a = actualArgb >> shift & 0xFF;
            assertTrue(Math.abs(e - a) <= tolerance, Integer.toHexString(expectedRgb) + " vs "
                    + Integer.toHexString(actualArgb & 0xFFFFFF));
        }
    }
}
