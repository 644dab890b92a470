package io.github.stylize.engine.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;

import static io.github.stylize.engine.image.ImageReaderTest.chunk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files made to exhaust memory or time, or that end before their image does: each is refused with a message naming
 * the file, within a bounded time, instead of an OutOfMemoryError, an endless decode, or a silently wrong image.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // proves no hang
class HostileImagesTest {
    @TempDir
    Path dir;

    static String refused(Path file) {
        ImageException e = assertThrows(ImageException.class, () -> ImageReader.read(file));
        assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // PNG

    @Test
    void anIccpChunkInflatingPastTheLimitIsRefusedInsteadOfExhaustingMemory() throws IOException {
        byte[] profile = deflate(new byte[(int) FileChecks.MAX_PNG_METADATA_BYTES + 1]); // 16 MiB + 1 of zeros
        Path file = write("bomb.png", png(false, chunk("iCCP", concat(latin1("bomb\0\0"), profile))));
        assertTrue(Files.size(file) < 100_000, "a small file: " + Files.size(file));
        assertEquals("Image " + file + " has a compressed iCCP metadata chunk that inflates to more than 16 MiB, the "
                + "limit for a PNG's compressed metadata (ICC profile and text chunks) together; it was not decoded, "
                + "as it could exhaust memory (a decompression bomb). Re-export the image without its metadata",
                refused(file));
    }

    @Test
    void compressedTextChunksCountTowardsTheLimitTogetherInAPalettePngWhichTheJdkInflates() throws IOException {
        // the JDK's decoder inflates zTXt and iTXt of palette images into memory, without a limit
        byte[] half = deflate(new byte[(int) FileChecks.MAX_PNG_METADATA_BYTES / 2 + 1]);
        Path file = write("text-bomb.png", png(true, chunk("zTXt", concat(latin1("Comment\0\0"), half)),
                chunk("iTXt", concat(latin1("Comment\0\1\0en\0\0"), half))));
        assertTrue(refused(file).contains("has a compressed iTXt metadata chunk that inflates to more than 16 MiB"));

        Path fine = write("text.png", png(true, chunk("zTXt", concat(latin1("Comment\0\0"), deflate(new byte[1000])))));
        assertEquals(4, ImageReader.read(fine).width(), "metadata within the limit reads as before");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // JPEG

    @Test
    void aJpegRepeatingOneScanMoreThanTheLimitIsRefusedBeforeDecoding() throws IOException {
        byte[] progressive = progressiveJpeg(64, 48);
        int scans = countScans(progressive);
        assertTrue(scans > 1 && scans < 20, "a progressive JPEG of " + scans + " scans");

        Path atLimit = write("at-limit.jpg", repeatLastScan(progressive, FileChecks.MAX_JPEG_SCANS - scans));
        assertEquals(64, ImageReader.read(atLimit).width(), "100 scans are read");

        Path over = write("over.jpg", repeatLastScan(progressive, FileChecks.MAX_JPEG_SCANS - scans + 1));
        assertEquals("Image " + over + " has more than 100 scans, the limit for a JPEG (progressive JPEGs use about "
                + "10); it was not decoded, as every scan makes the decoder pass over the whole image again and so "
                + "many could take minutes. Re-encode it, e.g. as a baseline JPEG or a PNG", refused(over));

        Path tenThousand = write("10000.jpg", repeatLastScan(progressive, 10_000));
        assertTrue(refused(tenThousand).contains("has more than 100 scans"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // WebP

    @Test
    void aLosslessWebpThatReadsPastItsEndIsStoppedAsTruncated() throws IOException {
        // 1018 bytes declaring 16384x3906 pixels, each taking one bit the file does not have
        Path file = write("past-end.webp", losslessWebp(16384, 3906, 1018));
        assertEquals(1018, Files.size(file));
        assertEquals("Image " + file + " is truncated: its data ends before the image does (the decoder kept reading "
                + "past the end of the file). Re-copy or re-export it", refused(file));
    }

    @Test
    void aWebpCutShortIsTruncatedByItsContainerSizes() throws IOException {
        byte[] whole = losslessWebp(64, 64, 560); // 4096 pixels of one bit each: 512 bytes of pixel data
        Path intact = write("intact.webp", whole);
        assertEquals(64, ImageReader.read(intact).width());

        Path cut = write("cut.webp", Arrays.copyOf(whole, 300));
        assertEquals("Image " + cut + " is truncated: its header declares 560 bytes but the file has 300 (an "
                + "interrupted download or copy, or a damaged file?). Re-copy or re-export it; the WebP data must be "
                + "complete", refused(cut));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // GIF

    @Test
    void aTruncatedGifIsTruncatedWhereverItIsCut() throws IOException {
        byte[] whole = gif(noise(60, 40));
        assertEquals(60, ImageReader.read(write("whole.gif", whole)).width());
        for (int cut : new int[]{whole.length - 2, whole.length - 40, whole.length / 2, 800}) {
            Path file = write("cut-" + cut + ".gif", Arrays.copyOf(whole, cut));
            String message = refused(file);
            assertTrue(message.startsWith("Image " + file + " is truncated"), cut + ": " + message);
        }
    }

    @Test
    void aGifFrameWhoseDataCoversOnlyAFewOfItsPixelsIsDamagedNotOneColour() throws IOException {
        // a 10x10 frame's LZW data, declared as 8000x8000: 100 pixels of data for 64 million
        byte[] small = gif(noise(10, 10));
        ByteBuffer patched = ByteBuffer.wrap(small.clone()).order(ByteOrder.LITTLE_ENDIAN);
        patched.putShort(6, (short) 8000).putShort(8, (short) 8000);
        int descriptor = imageDescriptor(small);
        patched.putShort(descriptor + 5, (short) 8000).putShort(descriptor + 7, (short) 8000);
        Path file = write("sparse.gif", patched.array());
        assertTrue(Files.size(file) < 1000);
        assertEquals("Image " + file + " is damaged: its first GIF frame's data ends after 100 of its 8000x8000 pixels "
                + "(0.0%), so the rest would read as one colour. Re-copy or re-export it", refused(file));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Time

    @Test
    void aDecodeOverItsTimeLimitIsStoppedNamingTheLimit() throws IOException {
        Path file = dir.resolve("noise.png");
        ImageIO.write(noise(1500, 1500), "png", file.toFile());
        ImageException e = assertThrows(ImageException.class, () -> ImageReader.read(file, 64_000_000, 1));
        assertEquals("Image " + file + " took longer than the limit of 1 ms to decode, so it was not used: the file is "
                + "damaged or made to be slow to decode. Re-export it, e.g. as a PNG", e.getMessage());
        assertEquals(1500, ImageReader.read(file).width(), "within the default limit of "
                + ImageReader.DECODE_TIME_LIMIT_MILLIS + " ms");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Building hostile files

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** A 4x4 PNG (RGB, or palette with two entries), with {@code metadata} chunks before its image data. */
    private static byte[] png(boolean palette, byte[]... metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        out.writeBytes(chunk("IHDR", ByteBuffer.allocate(13).putInt(4).putInt(4).put((byte) 8)
                .put((byte) (palette ? 3 : 2)).put(new byte[3]).array()));
        if (palette) {
            out.writeBytes(chunk("PLTE", new byte[]{0, 0, 0, (byte) 255, (byte) 255, (byte) 255}));
        }
        for (byte[] m : metadata) {
            out.writeBytes(m);
        }
        out.writeBytes(chunk("IDAT", deflate(new byte[4 * (1 + 4 * (palette ? 1 : 3))])));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    static BufferedImage noise(int w, int h) {
        Random random = new Random(7);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    private static byte[] progressiveJpeg(int w, int h) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(noise(w, h), null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** SOS markers: in entropy-coded data 0xFF is always followed by 0 or a restart marker, never by 0xDA. */
    private static int countScans(byte[] jpeg) {
        int scans = 0;
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                scans++;
            }
        }
        return scans;
    }

    /** The JPEG with its last scan (from its SOS marker to the EOI) repeated {@code times} more times. */
    private static byte[] repeatLastScan(byte[] jpeg, int times) {
        int sos = -1;
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                sos = i;
            }
        }
        byte[] scan = Arrays.copyOfRange(jpeg, sos, jpeg.length - 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, jpeg.length - 2);
        for (int i = 0; i < times; i++) {
            out.writeBytes(scan);
        }
        out.write(0xFF);
        out.write(0xD9);
        return out.toByteArray();
    }

    /**
     * A lossless WebP of {@code length} bytes: no transforms, no colour cache, a green code of two symbols (one bit a
     * pixel) and single-symbol codes for the rest; the pixel bits are zeros, for as many as the file holds.
     */
    private static byte[] losslessWebp(int width, int height, int length) {
        BitWriter bits = new BitWriter();
        bits.put(0x2F, 8).put(width - 1, 14).put(height - 1, 14).put(0, 1).put(0, 3);
        bits.put(0, 1).put(0, 1).put(0, 1); // no transform, no colour cache, no meta prefix codes
        bits.put(1, 1).put(1, 1).put(1, 1).put(10, 8).put(200, 8); // green: simple code, symbols 10 and 200
        for (int i = 0; i < 4; i++) {
            bits.put(1, 1).put(0, 1).put(0, 1).put(0, 1); // red, blue, alpha, distance: simple code, symbol 0
        }
        byte[] payload = Arrays.copyOf(bits.bytes(), length - 20);
        return ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN).put(latin1("RIFF")).putInt(length - 8)
                .put(latin1("WEBPVP8L")).putInt(payload.length).put(payload).array();
    }

    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int current;
        private int count;

        BitWriter put(int value, int n) {
            for (int i = 0; i < n; i++) {
                current |= ((value >>> i) & 1) << count;
                if (++count == 8) {
                    out.write(current);
                    current = 0;
                    count = 0;
                }
            }
            return this;
        }

        byte[] bytes() {
            if (count > 0) {
                out.write(current);
            }
            return out.toByteArray();
        }
    }

    private static byte[] gif(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, "gif", bytes));
        return bytes.toByteArray();
    }

    /** The offset of the first image descriptor (0x2C) after the header, colour table and extensions. */
    private static int imageDescriptor(byte[] gif) {
        int flags = gif[10] & 0xFF;
        int at = 13 + ((flags & 0x80) != 0 ? 3 << ((flags & 7) + 1) : 0);
        while ((gif[at] & 0xFF) == 0x21) {
            at += 2;
            while (gif[at] != 0) {
                at += (gif[at] & 0xFF) + 1;
            }
            at++;
        }
        assertEquals(0x2C, gif[at] & 0xFF);
        return at;
    }
}
