package io.github.stylize.engine.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageReaderTest {

    @TempDir
    Path dir;

    // ---- formats ---------------------------------------------------------------------------------------------------

    @Test
    void readsRgbPngExactly() throws IOException {
        BufferedImage source = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        int[] colors = {0xFF0000, 0x00FF00, 0x0000FF, 0x010203, 0x808080, 0xFEFDFC};
        for (int i = 0; i < colors.length; i++) {
            source.setRGB(i % 3, i / 3, colors[i]);
        }
        RgbImage image = ImageReader.read(write(source, "png", "rgb.png"));

        assertEquals(3, image.width());
        assertEquals(2, image.height());
        assertNull(image.alpha(), "an opaque PNG has no alpha plane");
        for (int i = 0; i < colors.length; i++) {
            assertRgb(image, i % 3, i / 3, colors[i] >> 16 & 0xFF, colors[i] >> 8 & 0xFF, colors[i] & 0xFF, 0);
        }
    }

    @Test
    void reads16BitGrayPngWithFullPrecision() throws IOException {
        int[] values = {0, 1, 257, 32768, 40000, 65535};
        BufferedImage source = sixteenBit(ColorSpace.CS_GRAY, values.length, 1);
        for (int x = 0; x < values.length; x++) {
            source.getRaster().setSample(x, 0, 0, values[x]);
        }
        RgbImage image = ImageReader.read(write(source, "png", "gray16.png"));

        for (int x = 0; x < values.length; x++) {
            float expected = (float) (values[x] / 65535.0 * 255.0);
            // Exact float precision: 1 and 40000 are not multiples of 257, so 8-bit truncation would show.
            assertRgb(image, x, 0, expected, expected, expected, 1e-4);
        }
    }

    @Test
    void reads16BitRgbPngWithFullPrecision() throws IOException {
        BufferedImage source = sixteenBit(ColorSpace.CS_sRGB, 2, 1);
        source.getRaster().setPixel(0, 0, new int[]{1, 30000, 65535});
        source.getRaster().setPixel(1, 0, new int[]{65534, 0, 12345});
        RgbImage image = ImageReader.read(write(source, "png", "rgb16.png"));

        assertRgb(image, 0, 0, 255 / 65535f, 30000 * 255 / 65535f, 255, 1e-3);
        assertRgb(image, 1, 0, 65534 * 255 / 65535f, 0, 12345 * 255 / 65535f, 1e-3);
    }

    @Test
    void readsPalettePngWithTransparentEntry() throws IOException {
        byte[] r = {(byte) 255, 0, 10};
        byte[] g = {0, (byte) 255, 20};
        byte[] b = {0, 0, 30};
        byte[] a = {(byte) 255, (byte) 255, 0};
        BufferedImage source = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(2, 3, r, g, b, a));
        source.getRaster().setPixels(0, 0, 3, 1, new int[]{0, 1, 2});
        RgbImage image = ImageReader.read(write(source, "png", "palette.png"));

        assertRgb(image, 0, 0, 255, 0, 0, 0);
        assertRgb(image, 1, 0, 0, 255, 0, 0);
        assertTrue(image.hasAlpha());
        assertArrayEquals(new float[]{1, 1, 0}, image.alpha());
        assertRgb(image, 2, 0, 255, 255, 255, 0); // transparent: white, not the palette's (10,20,30)
    }

    @Test
    void readsFirstFrameOfAnimatedGif() throws IOException {
        BufferedImage first = filled(4, 4, new Color(200, 30, 40), BufferedImage.TYPE_BYTE_INDEXED);
        BufferedImage second = filled(4, 4, new Color(20, 30, 200), BufferedImage.TYPE_BYTE_INDEXED);
        Path file = dir.resolve("anim.gif");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new IIOImage(first, null, null), null);
            writer.writeToSequence(new IIOImage(second, null, null), null);
            writer.endWriteSequence();
        }
        RgbImage image = ImageReader.read(file);

        int expected = first.getRGB(0, 0); // the palette's nearest colour
        assertRgb(image, 2, 2, expected >> 16 & 0xFF, expected >> 8 & 0xFF, expected & 0xFF, 0);
        assertTrue((expected >> 16 & 0xFF) > 150, "first frame is the red one");
    }

    @Test
    void readsBmp() throws IOException {
        BufferedImage source = new BufferedImage(5, 3, BufferedImage.TYPE_3BYTE_BGR);
        source.setRGB(4, 2, 0x123456);
        RgbImage image = ImageReader.read(write(source, "bmp", "image.bmp"));

        assertEquals(5, image.width());
        assertRgb(image, 4, 2, 0x12, 0x34, 0x56, 0);
        assertRgb(image, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void readsJpegCloseToTheOriginalColours() throws IOException {
        BufferedImage source = new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB);
        fill(source, 0, 0, 16, 16, new Color(220, 40, 30));
        fill(source, 16, 0, 16, 16, new Color(30, 60, 200));
        RgbImage image = ImageReader.read(write(source, "jpeg", "photo.jpg"));

        assertRgb(image, 8, 8, 220, 40, 30, 6);
        assertRgb(image, 24, 8, 30, 60, 200, 6);
    }

    @Test
    void readsGrayJpegAsSrgbGrayWithoutGammaShift() throws IOException {
        BufferedImage source = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        fill(source, 0, 0, 16, 16, new Color(100, 100, 100));
        RgbImage image = ImageReader.read(write(source, "jpeg", "gray.jpg"));

        // Java treats its grey colour space as linear; converting through it would turn 100 into about 170.
        assertRgb(image, 8, 8, 100, 100, 100, 2);
    }

    @Test
    void readsCmykJpegThroughTwelveMonkeys() throws IOException {
        // Adobe CMYK (APP14 transform 0) stores inverted ink amounts: 255 - ink. Red is C=0, M=Y=100%, K=0.
        Path file = dir.resolve("cmyk.jpg");
        Files.write(file, fourChannelJpegWithAdobeMarker(new int[]{255, 0, 0, 255}, 0));
        RgbImage image = ImageReader.read(file);

        assertRgb(image, 8, 8, 255, 0, 0, 12);
    }

    @Test
    void readsYcckJpegThroughTwelveMonkeys() throws IOException {
        // YCCK (APP14 transform 2): YCbCr of (255-C, 255-M, 255-Y) = RGB (0,255,255) is (179,171,0); K stored inverted.
        Path file = dir.resolve("ycck.jpg");
        Files.write(file, fourChannelJpegWithAdobeMarker(new int[]{179, 171, 0, 255}, 2));
        RgbImage image = ImageReader.read(file);

        assertRgb(image, 8, 8, 255, 0, 0, 12);
    }

    @Test
    void readsWebpWithAlphaLikeTheSamePictureAsPng() throws IOException {
        // The Python logo, 16x16, as lossy WebP with alpha and as palette PNG: CPython's test data
        // (Lib/test/imghdrdata, PSF license). TwelveMonkeys decodes the WebP; the PNG is the reference.
        Path webp = dir.resolve("python.webp");
        Files.write(webp, Base64.getDecoder().decode(PYTHON_WEBP));
        Path png = dir.resolve("python.png");
        Files.write(png, Base64.getDecoder().decode(PYTHON_PNG));
        RgbImage fromWebp = ImageReader.read(webp);
        RgbImage fromPng = ImageReader.read(png);

        assertEquals(16, fromWebp.width());
        assertEquals(16, fromWebp.height());
        assertTrue(fromWebp.hasAlpha());
        double colourError = 0;
        int opaque = 0;
        for (int p = 0; p < 256; p++) {
            assertEquals(fromPng.alpha()[p] > 0.5f, fromWebp.alpha()[p] > 0.5f, "alpha mask at pixel " + p);
            if (fromPng.alpha()[p] > 0.99f) {
                opaque++;
                for (int c = 0; c < 3; c++) {
                    colourError += Math.abs(fromPng.rgb()[p * 3 + c] - fromWebp.rgb()[p * 3 + c]);
                }
            }
        }
        assertTrue(opaque > 100);
        assertTrue(colourError / (opaque * 3) < 20, "mean colour error " + colourError / (opaque * 3));
    }

    @Test
    void pngAlphaIsKeptAndColourIsCompositedOverWhite() throws IOException {
        BufferedImage source = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        source.setRGB(0, 0, 0xFF_FF0000); // opaque red
        source.setRGB(1, 0, 0x80_0000FF); // half-transparent blue (alpha 128)
        source.setRGB(2, 0, 0x00_00FF00); // transparent green
        RgbImage image = ImageReader.read(write(source, "png", "alpha.png"));

        assertArrayEquals(new float[]{1f, 128 / 255f, 0f}, image.alpha(), 1e-6f);
        assertRgb(image, 0, 0, 255, 0, 0, 1e-4);
        float white = 255 * (1 - 128 / 255f);
        assertRgb(image, 1, 0, white, white, 128 + white, 1e-3);
        assertRgb(image, 2, 0, 255, 255, 255, 1e-4); // the hidden green does not reach the network
    }

    @Test
    void embeddedIccProfilesAreConvertedToSrgb() throws IOException {
        // Sample 128 in linear-light RGB is 0.5 of full intensity, which sRGB encodes as 188.
        BufferedImage source = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        source.setRGB(0, 0, 0x808080);
        byte[] linearProfile = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();

        byte[] png = Files.readAllBytes(write(source, "png", "plain.png"));
        Path pngWithProfile = dir.resolve("linear.png");
        Files.write(pngWithProfile, insertAfterIhdr(png, chunk("iCCP", iccpData(deflate(linearProfile)))));
        assertRgb(ImageReader.read(pngWithProfile), 0, 0, 188, 188, 188, 1.5);

        byte[] jpeg = Files.readAllBytes(write(source, "jpeg", "plain.jpg"));
        Path jpegWithProfile = dir.resolve("linear.jpg");
        Files.write(jpegWithProfile, spliceAfterSoi(jpeg, iccSegment(linearProfile)));
        assertRgb(ImageReader.read(jpegWithProfile), 0, 0, 188, 188, 188, 3);
    }

    @Test
    void srgbAndDamagedPngProfilesLeaveSamplesExact() throws IOException {
        BufferedImage source = sixteenBit(ColorSpace.CS_sRGB, 1, 1);
        source.getRaster().setPixel(0, 0, new int[]{1, 30000, 65535});
        byte[] png = Files.readAllBytes(write(source, "png", "rgb16.png"));
        byte[] srgbProfile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

        Path srgb = dir.resolve("srgb.png");
        Files.write(srgb, insertAfterIhdr(png, chunk("iCCP", iccpData(deflate(srgbProfile)))));
        assertRgb(ImageReader.read(srgb), 0, 0, 255 / 65535f, 30000 * 255 / 65535f, 255, 1e-3);

        Path damaged = dir.resolve("damaged-profile.png");
        Files.write(damaged, insertAfterIhdr(png, chunk("iCCP", iccpData(deflate(new byte[]{1, 2, 3, 4})))));
        assertRgb(ImageReader.read(damaged), 0, 0, 255 / 65535f, 30000 * 255 / 65535f, 255, 1e-3);
    }

    // ---- EXIF orientation ------------------------------------------------------------------------------------------

    @Test
    void jpegWithExifOrientation6IsRotatedClockwise() throws IOException {
        // Stored 40x20: left half red; right half blue on top, green below.
        BufferedImage source = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        fill(source, 0, 0, 20, 20, Color.RED);
        fill(source, 20, 0, 20, 10, Color.BLUE);
        fill(source, 20, 10, 20, 10, Color.GREEN);
        byte[] jpeg = Files.readAllBytes(write(source, "jpeg", "plain.jpg"));
        Path file = dir.resolve("rotated.jpg");
        Files.write(file, spliceAfterSoi(jpeg, exifSegment(6, false)));

        RgbImage image = ImageReader.read(file);

        // Displayed 20x40 after a 90-degree clockwise turn: the stored left goes to the top, the stored top to the right.
        assertEquals(20, image.width());
        assertEquals(40, image.height());
        assertRgb(image, 10, 8, 255, 0, 0, 30);   // top: red
        assertRgb(image, 15, 32, 0, 0, 255, 30);  // bottom right: blue (stored top right)
        assertRgb(image, 4, 32, 0, 255, 0, 30);   // bottom left: green (stored bottom right)
    }

    @Test
    void exifOrientationIsParsedInBothByteOrdersAndIgnoredWhenAbsentOrMalformed() throws IOException {
        byte[] jpegStart = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2};
        for (int orientation = 1; orientation <= 8; orientation++) {
            for (boolean littleEndian : new boolean[]{true, false}) {
                byte[] jpeg = spliceAfterSoi(jpegStart, exifSegment(orientation, littleEndian));
                assertEquals(orientation, ExifOrientation.read(new ByteArrayInputStream(jpeg)));
            }
        }
        assertEquals(1, ExifOrientation.read(new ByteArrayInputStream(jpegStart)));
        byte[] outOfRange = spliceAfterSoi(jpegStart, exifSegment(9, true));
        assertEquals(1, ExifOrientation.read(new ByteArrayInputStream(outOfRange)));
        byte[] cut = Arrays.copyOf(spliceAfterSoi(jpegStart, exifSegment(6, true)), 20);
        assertEquals(1, ExifOrientation.read(new ByteArrayInputStream(cut)));
    }

    @Test
    void everyExifOrientationMovesCornersAsTheExifSpecificationSays() {
        int w = 3;
        int h = 2;
        float[] rgb = new float[w * h * 3];
        for (int p = 0; p < w * h; p++) {
            rgb[p * 3] = p; // red holds the stored pixel index
        }
        RgbImage stored = new RgbImage(w, h, rgb, null);
        int topLeft = 0;
        int topRight = w - 1;
        // {orientation, x and y where stored (0,0) lands, x and y where stored (w-1,0) lands}
        int[][] expected = {
                {1, 0, 0, 2, 0}, {2, 2, 0, 0, 0}, {3, 2, 1, 0, 1}, {4, 0, 1, 2, 1},
                {5, 0, 0, 0, 2}, {6, 1, 0, 1, 2}, {7, 1, 2, 1, 0}, {8, 0, 2, 0, 0}};
        for (int[] e : expected) {
            RgbImage upright = ExifOrientation.apply(stored, e[0]);
            boolean swaps = e[0] >= 5;
            assertEquals(swaps ? h : w, upright.width(), "width for orientation " + e[0]);
            assertEquals(topLeft, redAt(upright, e[1], e[2]), "stored top-left, orientation " + e[0]);
            assertEquals(topRight, redAt(upright, e[3], e[4]), "stored top-right, orientation " + e[0]);
        }
    }

    // ---- limits and errors -----------------------------------------------------------------------------------------

    @Test
    void decompressionBombIsRejectedFromTheHeaderBeforeDecoding() throws IOException {
        Path file = dir.resolve("bomb.png");
        Files.write(file, pngHeaderOnly(100_000, 100_000));
        assertTrue(Files.size(file) < 100, "a tiny file declaring ten gigapixels");

        ImageException e = assertThrows(ImageException.class, () -> ImageReader.read(file));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("100000x100000"), e.getMessage());
        assertTrue(e.getMessage().contains("64000000 pixels"), e.getMessage());
        assertTrue(e.getMessage().contains("raise maxPixels"), e.getMessage());
    }

    @Test
    void pixelLimitIsInclusive() throws IOException {
        Path file = write(new BufferedImage(100, 50, BufferedImage.TYPE_INT_RGB), "png", "small.png");
        assertEquals(100, ImageReader.read(file, 5000).width());
        ImageException e = assertThrows(ImageException.class, () -> ImageReader.read(file, 4999));
        assertTrue(e.getMessage().contains("100x50"), e.getMessage());
    }

    @Test
    void zeroByteFileSaysItIsEmpty() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.png"));
        ImageException e = assertThrows(ImageException.class, () -> ImageReader.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("empty (0 bytes)"),
                e.getMessage());
    }

    @Test
    void truncatedPngSaysItIsTruncated() throws IOException {
        BufferedImage source = noise(64, 64, 1);
        byte[] full = Files.readAllBytes(write(source, "png", "full.png"));
        Path file = dir.resolve("cut.png");
        Files.write(file, Arrays.copyOf(full, full.length / 2));

        ImageException e = assertThrows(ImageException.class, () -> ImageReader.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void truncatedJpegSaysItIsTruncatedInsteadOfReturningGrey() throws IOException {
        byte[] full = Files.readAllBytes(write(noise(64, 64, 2), "jpeg", "full.jpg"));
        Path file = dir.resolve("cut.jpg");
        Files.write(file, Arrays.copyOf(full, full.length / 2));

        ImageException e = assertThrows(ImageException.class, () -> ImageReader.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void textFileSaysWhichFormatsAreSupportedAndShowsTheText() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.png"), "TODO: draw the harbor\nsecond line\n");
        ImageException e = assertThrows(ImageException.class, () -> ImageReader.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("PNG, JPEG, BMP, GIF (first frame) and WebP"), e.getMessage());
        assertTrue(e.getMessage().contains("TODO: draw the harbor"), e.getMessage());
    }

    @Test
    void gitLfsPointerIsRecognised() throws IOException {
        Path file = Files.writeString(dir.resolve("hero.png"), "version https://git-lfs.github.com/spec/v1\n"
                + "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n");
        ImageException e = assertThrows(ImageException.class, () -> ImageReader.read(file));
        assertTrue(e.getMessage().contains("git lfs pull"), e.getMessage());
    }

    @Test
    void otherImageFormatsAreNamedAndRefused() throws IOException {
        Path file = write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "tiff", "scan.png");
        ImageException e = assertThrows(ImageException.class, () -> ImageReader.read(file));
        assertTrue(e.getMessage().contains("TIFF") && e.getMessage().contains("supported formats are PNG"),
                e.getMessage());
    }

    @Test
    void missingFileAndDirectoryAreReported() {
        ImageException missing = assertThrows(ImageException.class, () -> ImageReader.read(dir.resolve("nope.png")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        ImageException directory = assertThrows(ImageException.class, () -> ImageReader.read(dir));
        assertTrue(directory.getMessage().contains("not a regular file"), directory.getMessage());
    }

    @Test
    void formatComesFromTheContentNotTheExtension() throws IOException {
        BufferedImage source = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        source.setRGB(1, 1, 0x00FF00);
        Path misnamed = write(source, "png", "really-a-png.jpg");

        assertEquals("PNG", ImageReader.detectFormat(misnamed));
        assertRgb(ImageReader.read(misnamed), 1, 1, 0, 255, 0, 0); // exact: decoded as PNG, not JPEG
    }

    @Test
    void extremeAspectRatioReadsAndResizes() throws IOException {
        BufferedImage source = new BufferedImage(1, 4000, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 4000; y++) {
            source.getRaster().setSample(0, y, 0, y * 255 / 3999);
        }
        RgbImage image = ImageReader.read(write(source, "png", "tall.png"));
        assertEquals(1, image.width());
        assertEquals(4000, image.height());

        int[] size = Resampler.fitLongestSide(image.width(), image.height(), 512);
        RgbImage small = Resampler.resize(image, size[0], size[1]);
        assertArrayEquals(new int[]{1, 512}, size);
        assertEquals(127.5, small.rgb()[256 * 3], 1.5); // the ramp's middle stays in the middle
        assertTrue(small.rgb()[0] < 2 && small.rgb()[511 * 3] > 253);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private Path write(BufferedImage image, String format, String name) throws IOException {
        Path file = dir.resolve(name);
        assertTrue(ImageIO.write(image, format, file.toFile()), "ImageIO can write " + format);
        return file;
    }

    private static void assertRgb(RgbImage image, int x, int y, double r, double g, double b, double tolerance) {
        int i = (y * image.width() + x) * 3;
        String where = " at (" + x + "," + y + "): " + Arrays.toString(Arrays.copyOfRange(image.rgb(), i, i + 3));
        assertEquals(r, image.rgb()[i], tolerance, "red" + where);
        assertEquals(g, image.rgb()[i + 1], tolerance, "green" + where);
        assertEquals(b, image.rgb()[i + 2], tolerance, "blue" + where);
    }

    private static int redAt(RgbImage image, int x, int y) {
        return (int) image.rgb()[(y * image.width() + x) * 3];
    }

    private static BufferedImage sixteenBit(int colorSpace, int width, int height) {
        ColorSpace space = ColorSpace.getInstance(colorSpace);
        int[] bits = new int[space.getNumComponents()];
        Arrays.fill(bits, 16);
        ComponentColorModel model = new ComponentColorModel(space, bits, false, false, Transparency.OPAQUE,
                DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(width, height);
        return new BufferedImage(model, raster, false, null);
    }

    private static BufferedImage filled(int w, int h, Color color, int type) {
        BufferedImage image = new BufferedImage(w, h, type);
        fill(image, 0, 0, w, h, color);
        return image;
    }

    private static void fill(BufferedImage image, int x, int y, int w, int h, Color color) {
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(x, y, w, h);
        g.dispose();
    }

    private static BufferedImage noise(int w, int h, long seed) {
        java.util.Random random = new java.util.Random(seed);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    /** A 16x16 JPEG written from a raw 4-band raster, with an Adobe APP14 marker declaring CMYK (0) or YCCK (2). */
    private static byte[] fourChannelJpegWithAdobeMarker(int[] storedPixel, int adobeTransform) throws IOException {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 16, 16, 4, new Point());
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                raster.setPixel(x, y, storedPixel);
            }
        }
        ImageWriter writer = null;
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
            ImageWriter candidate = it.next();
            if (candidate.getClass().getName().startsWith("com.sun.")) {
                writer = candidate; // writes a raster's bands as they are, with no colour conversion
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), null);
        }
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0,
                (byte) adobeTransform};
        return spliceAfterSoi(bytes.toByteArray(), adobe);
    }

    private static byte[] spliceAfterSoi(byte[] jpeg, byte[] segment) {
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + segment.length);
        out.put(jpeg, 0, 2).put(segment).put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    /** An APP1 Exif segment whose IFD0 holds one entry before Orientation, to exercise the entry walk. */
    private static byte[] exifSegment(int orientation, boolean littleEndian) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 2 * 12 + 4)
                .order(littleEndian ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        tiff.put(littleEndian ? (byte) 'I' : (byte) 'M').put(littleEndian ? (byte) 'I' : (byte) 'M');
        tiff.putShort((short) 42).putInt(8);
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x010F).putShort((short) 2).putInt(4).putInt(0); // Make (ASCII), irrelevant
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0); // no next IFD
        byte[] body = tiff.array();
        ByteBuffer segment = ByteBuffer.allocate(4 + 6 + body.length);
        segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + body.length));
        segment.put("Exif".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0).put(body);
        return segment.array();
    }

    private static byte[] insertAfterIhdr(byte[] png, byte[] chunk) {
        int afterIhdr = 8 + 25; // signature, then IHDR: length, type, 13 bytes of data, CRC
        return ByteBuffer.allocate(png.length + chunk.length).put(png, 0, afterIhdr).put(chunk)
                .put(png, afterIhdr, png.length - afterIhdr).array();
    }

    private static byte[] iccpData(byte[] compressedProfile) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("test profile".getBytes(StandardCharsets.ISO_8859_1));
        out.write(0); // end of name
        out.write(0); // compression method: deflate
        out.writeBytes(compressedProfile);
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        byte[] buffer = new byte[data.length + 64];
        int n = deflater.deflate(buffer);
        deflater.end();
        return Arrays.copyOf(buffer, n);
    }

    /** An APP2 ICC_PROFILE segment holding the whole profile as chunk 1 of 1. */
    private static byte[] iccSegment(byte[] profile) {
        byte[] name = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + name.length + 2 + profile.length;
        return ByteBuffer.allocate(2 + length).put((byte) 0xFF).put((byte) 0xE2).putShort((short) length)
                .put(name).put((byte) 1).put((byte) 1).put(profile).array();
    }

    /** A PNG signature and a valid IHDR (with CRC) for an 8-bit RGB image of the given size, then an empty IDAT. */
    private static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        out.writeBytes(chunk("IHDR", ihdr.array()));
        out.writeBytes(chunk("IDAT", new byte[0]));
        return out.toByteArray();
    }

    static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }

    private static final String PYTHON_WEBP =
            "UklGRqgBAABXRUJQVlA4WAoAAAAQAAAADwAADwAAQUxQSMMAAAABJ6KokSTleucYX+ffKpmImP90cY3gJjDi4Yt3MsjBEVyDKzDo"
            + "sHgVjnhRNcEIDAJPkqBqsFUZHNa2bUYvTsZ2PLbtd/uvKa4hov9J0f2PkPe6REkkGzolkTTzFG0Ox9PlFiD0CxS+kOGDtxoynjaC"
            + "fx0pfk52CPuInrOR75lzRugygtv4zEiy90UwfSD9NheMITJWLaXWayO8XeOlWRXVnIGk2W6WdYoYMQ+KqixQNPowgt+6a1BSKbUt"
            + "z+lUFAoBAAAAVlA4IL4AAACQAgCdASoQABAAAwA0JbACdDBPCIUMfAMdCCz96AD+/XSg/QKbH4r3Q3ycN/bSDK/T/zVo4u6nvclv"
            + "G/SqxWOuup+XhN9BojvaW+Tv+MvxvX/hr/o/5Qns9LtmX/+qKdl/yWznhuasl7nkxvSTI4xf3Y85VSB/lU/8Ofj/b9JrA+ifvIOY"
            + "Zm2x1RP/dhfmsf5diuSfR7+z+r/+HR3zEo/+XM/B+vkYw73Pzx+ROaAB/ZoBSzEs3rzZe6qsAAAA";

    private static final String PYTHON_PNG =
            "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAMAAAAoLQ9TAAAAIGNIUk0AAHomAACAhAAA+gAAAIDoAAB1MAAA6mAAADqYAAAXcJy6"
            + "UTwAAAHFUExURQAAAE6NwEqGujxxnjdolgAAAAAAAAAAAAAAAAAAAE6PxEyKv0iFtkN9rT10oTlsljZmkAAAAAAAAFKRxv3dSvnV"
            + "PgAAADJghwAAAP3VNgAAADVokgAAAOzORQAAADZpkxsxRQAAAAAAAOLDRf3ZQQAAAEaBsjZnkQAAAPLhbv3pav3LG0N9rhwyS/Xj"
            + "b/PBGkB1oz1zogAAAMKaEgAAAAAAAAAAAAAAAAAAAOjHPevFNOvCKuu+Ieu7GMabEgAAAAAAAAAAAAAAAAAAAAAAAAAAAP3eTgAA"
            + "AAAAAAAAAAAAAPHQP/rTOf3SL/rHGcCXEgAAAAAAAAAAAAAAAAAAAAAAAEiDtER+rUB4p0yKvP///0V/r0F5qD50ojpvmzZplEmF"
            + "t0aAsUJ7qj51oztwnTdqljhsl0+NwUuIu0R9rUB4pj1zoDltmf/iVVCPw0yJvEiEtT10of/eS//aQU2LvkaAsDtwnP/aQv/WN//T"
            + "LUqHuUeBskN8qz92pf/XOP/PI//mYf/jV//fTf/bQv/TLv/PJP/rbP/nYf/bQ//XOf/MHDpwnP/nYv/jWP/fTv/TL//bRP/XOv/T"
            + "MP/QJf/YOv/UMP/QJpJJAAIAAABWdFJOUwCv7feSCwMoQRV+oKGjp6qqSBi994IKtkPtJPdPiD22XExHa/dG96pOpvf311uzwm/3"
            + "S3o0CCE8NaqpqampeSACCRMSLB73QBwFAUzM99h7Ox1CRTgf+DIQcQAAAAFiS0dEWgO7paIAAAD1SURBVBjTY2AAAkamsPAIZhZW"
            + "NgYoiIyKjomNi2dnhQkkJCYlp6TGc3CCeVzcPLx8/AJp8fGCQiC+cHpGWGZWdk48UCBXRFSMIS+/IDqmMA7IF5coKpaUYihJKE1K"
            + "LkuNlxaXkS2vqJRjqKquqZVXUBRU4lBWqausV2VQy8xS19DUamhsaq5radVWYtCJKdTVa2tvbOrobGnt0udgMDDsNmrr6e3r6Oxv"
            + "7eoyNmEwNTO3APItraxtbG3tOOwZHBydnHv7JkycNLmLw8LFFeJ6twlTpk6L0nb3cPT0Agt4+/hO6/LzD3CGec400CJIKTgk1BTI"
            + "BgBAYkJ/yC2b5QAAACV0RVh0ZGF0ZTpjcmVhdGUAMjAxNC0wMS0yNlQyMDo1OTozNyswMjowMPuaB3cAAAAldEVYdGRhdGU6bW9k"
            + "aWZ5ADIwMTQtMDEtMjZUMjA6NTk6MDArMDI6MDDB74amAAAAAElFTkSuQmCC";
}
