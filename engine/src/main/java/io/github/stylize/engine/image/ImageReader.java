package io.github.stylize.engine.image;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;

/**
 * Reads an image file into an {@link RgbImage}: 8-bit-range sRGB floats, upright, with a straight alpha plane when the
 * file has one.
 *
 * <p>Formats: PNG, JPEG (including CMYK and YCCK, through TwelveMonkeys), BMP, GIF (first frame) and WebP
 * (TwelveMonkeys). The format is detected from the file's content, never from its extension, so a PNG named
 * {@code .jpg} reads fine; {@link #detectFormat(Path)} tells callers that want to warn about such a mismatch.
 *
 * <p>Decompression bombs: the width and height are read from the file header before any pixel is decoded, and a file
 * declaring more than {@code maxPixels} pixels is refused (a small file can declare a huge image and exhaust memory).
 *
 * <p>Pixels ({@link DecodedPixels}, {@link ColorProfiles}, {@link ExifOrientation}):
 * <ul>
 *   <li>grayscale is replicated to R, G and B (the stored values are taken as sRGB-encoded grey, which is what PNG and
 *       JPEG files mean, not as Java's linear grey);</li>
 *   <li>palette images are expanded through their palette;</li>
 *   <li>16 bits per channel keep their precision: {@code value / 65535 * 255}, not truncated to 8 bits;</li>
 *   <li>images in another colour space (an ICC profile embedded in a JPEG or a PNG's iCCP chunk, CMYK) are
 *       converted to sRGB (in 8 bits); a damaged profile is ignored and the pixels read as sRGB;</li>
 *   <li>JPEG EXIF orientation (tags 1-8) is applied, so the image is upright as viewers show it.</li>
 * </ul>
 *
 * <p>Alpha: the alpha plane holds the file's straight (unpremultiplied) alpha in 0..1, and the RGB plane holds the
 * colour <em>composited over white</em> ({@code a*C + (1-a)*255}), so that transparent pixels show as white instead
 * of feeding whatever colour hides under them into the network. Downstream: the content's alpha is reattached to the
 * output when the format keeps it (PNG); the style's alpha is flattened over white; JPEG output flattens over white.
 */
public final class ImageReader {

    /**
     * Largest image read by {@link #read(Path)}: 64 megapixels (64,000,000 pixels, e.g. 8000x8000). Decoding keeps
     * the decoded image and the float planes in memory together; measured as the least {@code -Xmx} that reads a file,
     * per pixel: 8-bit RGB 23 bytes, 8-bit RGBA 25, 16-bit RGB 27, 16-bit RGBA 30, so at this limit 1.4 GiB (8-bit
     * RGB) to 1.8 GiB (16-bit RGBA) of heap, before the image is shrunk to the {@code size} the engine works at.
     */
    public static final long DEFAULT_MAX_PIXELS = 64_000_000L;

    /**
     * Longest a file may take to decode: 60 seconds. An 8000x8000 image decodes in a few seconds even on a loaded
     * machine; a file that takes longer is damaged or made to be slow (a WebP that reads past its end, a JPEG of
     * thousands of scans), and is refused naming the limit rather than holding the build for hours.
     */
    static final long DECODE_TIME_LIMIT_MILLIS = 60_000;

    /** Asks decoders that run past their time limit to abort; one daemon thread for the JVM. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "stylize-decode-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    /** The formats this reader accepts, by the lower-case names ImageIO readers report. */
    private static final Map<String, String> SUPPORTED_FORMATS = Map.of(
            "png", "PNG", "jpeg", "JPEG", "jpg", "JPEG", "bmp", "BMP", "gif", "GIF", "webp", "WebP");

    static final String SUPPORTED_FORMATS_TEXT = "PNG, JPEG, BMP, GIF (first frame) and WebP";

    private ImageReader() {
    }

    /** Reads {@code file} with the {@link #DEFAULT_MAX_PIXELS} limit. */
    public static RgbImage read(Path file) {
        return read(file, DEFAULT_MAX_PIXELS);
    }

    /**
     * Reads {@code file}, refusing images whose header declares more than {@code maxPixels} pixels.
     *
     * @throws ImageException naming the file, what is wrong with it and how to fix it
     */
    public static RgbImage read(Path file, long maxPixels) {
        return read(file, maxPixels, DECODE_TIME_LIMIT_MILLIS);
    }

    /** As {@link #read(Path, long)}, stopping a decode that takes longer than {@code limitMillis}. */
    static RgbImage read(Path file, long maxPixels, long limitMillis) {
        Objects.requireNonNull(file, "file");
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive: " + maxPixels);
        }
        requireReadableNonEmptyFile(file);
        // Set when the watchdog asks the decoder to abort: whatever the decoder then throws (a PNG decoder cut off
        // mid-stream may report it as an early end of data) is the time limit's doing.
        AtomicBoolean aborted = new AtomicBoolean();
        try (GuardedInputStream input = new GuardedInputStream(file)) {
            javax.imageio.ImageReader decoder = findDecoder(file, input);
            String format = formatName(decoder);
            try {
                decoder.setInput(input, true, true);
                checkDeclaredSize(file, format, decoder.getWidth(0), decoder.getHeight(0), maxPixels);
                FileChecks.check(file, format);
                List<String> warnings = Collections.synchronizedList(new ArrayList<>());
                decoder.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                long start = System.nanoTime();
                input.limitTime(start, limitMillis);
                BufferedImage decoded = decodeWithin(decoder, start, limitMillis, aborted);
                if (System.nanoTime() - start > limitMillis * 1_000_000) {
                    throw new GuardedInputStream.TimeLimitException(limitMillis); // aborted: a partial image
                }
                for (String warning : warnings) {
                    if (isTruncationMessage(warning)) {
                        throw truncated(file, format, null);
                    }
                }
                if (format.equals("PNG")) {
                    decoded = ColorProfiles.applyEmbeddedProfile(decoded, ColorProfiles.readPngProfile(file));
                }
                RgbImage image = DecodedPixels.toRgbImage(decoded);
                if (format.equals("JPEG")) {
                    image = ExifOrientation.apply(image, ExifOrientation.read(file));
                }
                return image;
            } finally {
                decoder.dispose();
            }
        } catch (ImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders report damaged data as IOExceptions and, for some corruptions, as runtime exceptions.
            if (aborted.get()) {
                throw overTimeLimit(file, limitMillis, e);
            }
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof GuardedInputStream.TimeLimitException) {
                    throw overTimeLimit(file, limitMillis, e);
                }
                if (t instanceof GuardedInputStream.PastEndException) {
                    throw new ImageException("Image " + file + " is truncated: its data ends before the image does "
                            + "(the decoder kept reading past the end of the file). Re-copy or re-export it", e);
                }
            }
            if (isTruncation(e)) {
                throw truncated(file, null, e);
            }
            throw new ImageException("Cannot decode image " + file + ": the file is damaged or not a valid image ("
                    + describe(e) + "). Re-export it from the original, or replace it", e);
        }
    }

    /**
     * Decodes the first image, asking the decoder to abort once the time limit is over: decoders that check for it
     * (the JDK's, between rows and passes) stop there, the others at their next read of the file.
     */
    private static BufferedImage decodeWithin(javax.imageio.ImageReader decoder, long start, long limitMillis,
                                              AtomicBoolean aborted) throws IOException {
        long delay = limitMillis * 1_000_000 - (System.nanoTime() - start);
        ScheduledFuture<?> abort = WATCHDOG.schedule(() -> {
            aborted.set(true);
            decoder.abort();
        }, Math.max(0, delay), TimeUnit.NANOSECONDS);
        try {
            return decoder.read(0);
        } finally {
            abort.cancel(false);
        }
    }

    private static ImageInputStream openStream(Path file) throws IOException {
        ImageInputStream input = ImageIO.createImageInputStream(file.toFile());
        if (input == null) {
            throw new ImageException("Cannot open image " + file + " for reading; check that the file is readable");
        }
        return input;
    }

    /**
     * The format of {@code file} judged from its content: "PNG", "JPEG", "BMP", "GIF" or "WebP". Callers can compare
     * it with the file's extension to warn about a misnamed file; reading works either way.
     *
     * @throws ImageException if the file is missing, empty, or not in a supported format
     */
    public static String detectFormat(Path file) {
        requireReadableNonEmptyFile(file);
        try (ImageInputStream input = openStream(file)) {
            javax.imageio.ImageReader decoder = findDecoder(file, input);
            String format = formatName(decoder);
            decoder.dispose();
            return format;
        } catch (IOException e) {
            throw new ImageException("Cannot read image " + file + ": " + describe(e), e);
        }
    }

    private static void requireReadableNonEmptyFile(Path file) {
        if (!Files.exists(file)) {
            throw new ImageException("Image " + file + " does not exist; check the path (relative paths are resolved "
                    + "against the project directory)");
        }
        if (!Files.isRegularFile(file)) {
            throw new ImageException("Image " + file + " is not a regular file (a directory?); point to an image file");
        }
        if (!Files.isReadable(file)) {
            throw new ImageException("Image " + file + " is not readable; fix its permissions");
        }
        try {
            if (Files.size(file) == 0) {
                throw new ImageException("Image " + file + " is empty (0 bytes); it was probably not written completely: "
                        + "re-export or re-copy it");
            }
        } catch (IOException e) {
            throw new ImageException("Cannot read image " + file + ": " + describe(e), e);
        }
    }

    /** The first installed decoder for a supported format that recognises the content; others are refused. */
    private static javax.imageio.ImageReader findDecoder(Path file, ImageInputStream input) throws IOException {
        List<String> unsupported = new ArrayList<>();
        Iterator<javax.imageio.ImageReader> decoders = ImageIO.getImageReaders(input);
        javax.imageio.ImageReader chosen = null;
        while (decoders.hasNext()) {
            javax.imageio.ImageReader decoder = decoders.next();
            if (chosen == null && SUPPORTED_FORMATS.containsKey(decoder.getFormatName().toLowerCase(Locale.ROOT))) {
                chosen = decoder;
            } else {
                if (chosen == null) {
                    String name = decoder.getFormatName().toUpperCase(Locale.ROOT);
                    unsupported.add(name.equals("TIF") ? "TIFF" : name);
                }
                decoder.dispose();
            }
        }
        if (chosen != null) {
            return chosen;
        }
        if (!unsupported.isEmpty()) {
            throw new ImageException("Image " + file + " is a " + unsupported.get(0) + " image, which stylize does "
                    + "not read; supported formats are " + SUPPORTED_FORMATS_TEXT + ". Convert it to PNG");
        }
        throw new ImageException("File " + file + " is not an image in a supported format (" + SUPPORTED_FORMATS_TEXT
                + ")" + contentHint(file) + ". Point to an image file, or convert it to PNG");
    }

    /** A hint about what an unrecognised file holds, for the common mistakes. */
    private static String contentHint(Path file) {
        byte[] head = new byte[200];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return "";
        }
        String text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        if (text.startsWith("version https://git-lfs")) {
            return ": it is a Git LFS pointer, not the image itself; run 'git lfs pull' to fetch the real file";
        }
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xFF;
            if (b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B)) {
                return ""; // binary data: nothing useful to show
            }
        }
        String firstLine = text.lines().findFirst().orElse("").strip();
        if (firstLine.length() > 60) {
            firstLine = firstLine.substring(0, 60) + "...";
        }
        return ": it holds text, starting with \"" + firstLine + "\"";
    }

    private static String formatName(javax.imageio.ImageReader decoder) throws IOException {
        return SUPPORTED_FORMATS.get(decoder.getFormatName().toLowerCase(Locale.ROOT));
    }

    private static void checkDeclaredSize(Path file, String format, long width, long height, long maxPixels) {
        long pixels = width * height; // both < 2^31, so no overflow in a long
        if (pixels > maxPixels) {
            throw new ImageException(String.format(Locale.ROOT,
                    "Image %s declares %dx%d pixels (%.1f megapixels, %s), more than the limit of %d pixels "
                            + "(%.1f megapixels). It was not decoded: a file declaring this much could exhaust memory "
                            + "(a decompression bomb). If the image is genuine, scale it down, or raise maxPixels",
                    file, width, height, pixels / 1e6, format, maxPixels, maxPixels / 1e6));
        }
    }

    private static ImageException overTimeLimit(Path file, long limitMillis, Throwable cause) {
        return new ImageException("Image " + file + " took longer than the limit of "
                + (limitMillis % 1000 == 0 ? limitMillis / 1000 + " s" : limitMillis + " ms")
                + " to decode, so it was not used: the file is damaged or made to be slow to decode. "
                + "Re-export it, e.g. as a PNG", cause);
    }

    private static ImageException truncated(Path file, String format, Throwable cause) {
        String kind = format == null ? "image" : format + " image";
        return new ImageException("Image " + file + " is truncated: the file ends before the " + kind
                + " data does (an interrupted download or copy?). Re-copy or re-export it", cause);
    }

    private static boolean isTruncation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException || isTruncationMessage(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTruncationMessage(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("premature end") || m.contains("unexpected end") || m.contains("end of stream")
                || m.contains("eof");
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (e instanceof IIOException && e.getCause() != null && e.getCause().getMessage() != null) {
            message = message + ": " + e.getCause().getMessage();
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
