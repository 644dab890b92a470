package io.github.stylize.engine.image;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;

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
 * <p>Pixels:
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
                BufferedImage decoded = decodeWithin(decoder, start, limitMillis);
                if (System.nanoTime() - start > limitMillis * 1_000_000) {
                    throw new GuardedInputStream.TimeLimitException(limitMillis); // aborted: a partial image
                }
                for (String warning : warnings) {
                    if (isTruncationMessage(warning)) {
                        throw truncated(file, format, null);
                    }
                }
                if (format.equals("PNG")) {
                    decoded = applyEmbeddedProfile(decoded, readPngProfile(file));
                }
                RgbImage image = toRgbImage(decoded);
                if (format.equals("JPEG")) {
                    image = applyExifOrientation(image, readExifOrientation(file));
                }
                return image;
            } finally {
                decoder.dispose();
            }
        } catch (ImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders report damaged data as IOExceptions and, for some corruptions, as runtime exceptions.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof GuardedInputStream.TimeLimitException) {
                    throw new ImageException("Image " + file + " took longer than the limit of "
                            + (limitMillis % 1000 == 0 ? limitMillis / 1000 + " s" : limitMillis + " ms")
                            + " to decode, so it was not used: the file is damaged or made to be slow to decode. "
                            + "Re-export it, e.g. as a PNG", e);
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
    private static BufferedImage decodeWithin(javax.imageio.ImageReader decoder, long start, long limitMillis)
            throws IOException {
        long delay = limitMillis * 1_000_000 - (System.nanoTime() - start);
        ScheduledFuture<?> abort = WATCHDOG.schedule(decoder::abort, Math.max(0, delay), TimeUnit.NANOSECONDS);
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

    // ---------------------------------------------------------------------------------------------------------------
    // Pixels

    /** Converts a decoded image to sRGB floats, alpha composited over white (see the class comment). */
    static RgbImage toRgbImage(BufferedImage image) {
        ColorModel model = image.getColorModel();
        if (!(model instanceof IndexColorModel) && !readsSamplesDirectly(model, image.getRaster())) {
            image = convertToSrgb(image);
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

    /** Colour-manages any other colour space (ICC profile, CMYK, linear RGB) to 8-bit sRGB. */
    private static BufferedImage convertToSrgb(BufferedImage image) {
        int type = image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage srgb = new BufferedImage(image.getWidth(), image.getHeight(), type);
        new ColorConvertOp(null).filter(image, srgb);
        return srgb;
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

    /**
     * The ICC profile of a PNG's iCCP chunk, or null when there is none, it is damaged (the pixels are still fine, so
     * they are read as sRGB), or it is sRGB in effect (no conversion: keeps 16-bit precision and exact values).
     * The JDK's PNG decoder leaves iCCP unapplied; macOS screenshots, for one, carry Display P3 profiles.
     */
    static ICC_Profile readPngProfile(Path pngFile) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(pngFile))) {
            byte[] compressed = readPngIccpChunk(in);
            if (compressed == null) {
                return null;
            }
            ICC_Profile profile = ICC_Profile.getInstance(FileChecks.inflate(compressed, 0,
                    FileChecks.MAX_PNG_METADATA_BYTES));
            return describesSrgb(profile) ? null : profile;
        } catch (IllegalArgumentException | DataFormatException e) {
            return null;
        }
    }

    /** The compressed profile of the iCCP chunk, which the PNG format places before any image data; else null. */
    private static byte[] readPngIccpChunk(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        try {
            in.skipNBytes(8); // signature, already checked by the decoder
            while (true) {
                long length = in.readInt() & 0xFFFFFFFFL;
                String type = new String(in.readNBytes(4), StandardCharsets.ISO_8859_1);
                if (type.equals("IDAT") || type.equals("IEND") || length > 64L << 20) {
                    return null;
                }
                if (type.equals("iCCP")) {
                    byte[] data = in.readNBytes((int) length);
                    int nameEnd = 0;
                    while (nameEnd < data.length && data[nameEnd] != 0) {
                        nameEnd++;
                    }
                    // After the name's terminator: one byte of compression method (0, deflate), then the profile.
                    return nameEnd + 2 <= data.length ? Arrays.copyOfRange(data, nameEnd + 2, data.length) : null;
                }
                in.skipNBytes(length + 4); // data and CRC
            }
        } catch (EOFException e) {
            return null;
        }
    }

    /**
     * True when converting through the profile would not change any colour by more than one 8-bit step: sRGB
     * profiles as embedded by editors, whatever their names, and grey profiles with the sRGB curve.
     */
    private static boolean describesSrgb(ICC_Profile profile) {
        ColorSpace space = new ICC_ColorSpace(profile);
        float[][] probes = {{0, 0, 0}, {1, 1, 1}, {0.5f, 0.5f, 0.5f}, {0.1f, 0.1f, 0.1f}, {1, 0, 0}, {0, 1, 0},
                {0, 0, 1}, {0.9f, 0.6f, 0.2f}, {0.2f, 0.4f, 0.8f}};
        for (float[] probe : probes) {
            float[] input = space.getNumComponents() == 1 ? new float[]{probe[0]} : probe;
            float[] expected = space.getNumComponents() == 1 ? new float[]{probe[0], probe[0], probe[0]} : probe;
            if (space.getNumComponents() != 1 && space.getNumComponents() != 3) {
                return false;
            }
            float[] srgb = space.toRGB(input);
            for (int c = 0; c < 3; c++) {
                if (Math.abs(srgb[c] - expected[c]) > 1.0f / 255) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The decoded samples reinterpreted in the embedded profile's colour space and converted to sRGB. */
    private static BufferedImage applyEmbeddedProfile(BufferedImage decoded, ICC_Profile profile) {
        if (profile == null) {
            return decoded;
        }
        ColorSpace space = new ICC_ColorSpace(profile);
        BufferedImage image = decoded;
        if (image.getColorModel() instanceof IndexColorModel) {
            // Expand the palette first; the palette entries are in the profile's space too.
            BufferedImage expanded = new BufferedImage(image.getWidth(), image.getHeight(),
                    BufferedImage.TYPE_INT_ARGB);
            int[] argb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            expanded.setRGB(0, 0, image.getWidth(), image.getHeight(), argb, 0, image.getWidth());
            image = expanded;
        }
        ColorModel model = image.getColorModel();
        if (model.getNumColorComponents() != space.getNumComponents()) {
            return decoded; // a grey profile on a colour image or the reverse: ignore it, as browsers do
        }
        int bits = model.getComponentSize(0);
        int[] sizes = new int[model.getNumComponents()];
        Arrays.fill(sizes, bits);
        ComponentColorModel profiled = new ComponentColorModel(space, sizes, model.hasAlpha(), false,
                model.getTransparency(), bits > 8 ? DataBuffer.TYPE_USHORT : DataBuffer.TYPE_BYTE);
        WritableRaster samples = profiled.createCompatibleWritableRaster(image.getWidth(), image.getHeight());
        Raster source = image.getRaster();
        int[] row = new int[image.getWidth() * source.getNumBands()];
        for (int y = 0; y < image.getHeight(); y++) {
            samples.setPixels(0, y, image.getWidth(), 1, source.getPixels(0, y, image.getWidth(), 1, row));
        }
        return convertToSrgb(new BufferedImage(profiled, samples, false, null));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // EXIF orientation

    /** The EXIF orientation (1-8) of a JPEG file; 1 (upright) when there is none or it cannot be parsed. */
    static int readExifOrientation(Path jpegFile) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(jpegFile))) {
            return readExifOrientation(in);
        }
    }

    /**
     * Walks the JPEG marker segments up to the first scan and returns the Orientation tag (0x0112) of IFD0 in the
     * first APP1 Exif segment. Malformed metadata is ignored (orientation 1): it must never make a readable image fail.
     */
    static int readExifOrientation(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        try {
            if (in.readUnsignedShort() != 0xFFD8) {
                return 1;
            }
            while (true) {
                int marker = in.readUnsignedByte();
                if (marker != 0xFF) {
                    return 1; // not at a marker: give up rather than guess
                }
                int code = in.readUnsignedByte();
                while (code == 0xFF) { // fill bytes
                    code = in.readUnsignedByte();
                }
                if (code == 0xDA || code == 0xD9) { // start of scan or end of image: no more metadata
                    return 1;
                }
                if (code == 0x01 || (code >= 0xD0 && code <= 0xD7)) { // markers without a length
                    continue;
                }
                int length = in.readUnsignedShort() - 2;
                if (length < 0) {
                    return 1;
                }
                byte[] payload = in.readNBytes(length);
                if (payload.length < length) {
                    return 1;
                }
                if (code == 0xE1 && startsWithExifHeader(payload)) {
                    return orientationFromTiff(payload, 6);
                }
            }
        } catch (EOFException e) {
            return 1;
        }
    }

    private static boolean startsWithExifHeader(byte[] payload) {
        return payload.length >= 6 && payload[0] == 'E' && payload[1] == 'x' && payload[2] == 'i' && payload[3] == 'f'
                && payload[4] == 0 && payload[5] == 0;
    }

    /** Reads the Orientation tag from the TIFF structure starting at {@code tiff} in {@code data}. */
    static int orientationFromTiff(byte[] data, int tiff) {
        if (data.length < tiff + 8) {
            return 1;
        }
        boolean littleEndian;
        if (data[tiff] == 'I' && data[tiff + 1] == 'I') {
            littleEndian = true;
        } else if (data[tiff] == 'M' && data[tiff + 1] == 'M') {
            littleEndian = false;
        } else {
            return 1;
        }
        if (readU16(data, tiff + 2, littleEndian) != 42) {
            return 1;
        }
        long ifd = tiff + readU32(data, tiff + 4, littleEndian);
        if (ifd + 2 > data.length) {
            return 1;
        }
        int entries = readU16(data, (int) ifd, littleEndian);
        for (int e = 0; e < entries; e++) {
            long entry = ifd + 2 + 12L * e;
            if (entry + 12 > data.length) {
                return 1;
            }
            int tag = readU16(data, (int) entry, littleEndian);
            int type = readU16(data, (int) entry + 2, littleEndian);
            if (tag == 0x0112 && type == 3) { // Orientation, SHORT: the value sits in the entry's first two bytes
                int orientation = readU16(data, (int) entry + 8, littleEndian);
                return orientation >= 1 && orientation <= 8 ? orientation : 1;
            }
        }
        return 1;
    }

    private static int readU16(byte[] d, int at, boolean littleEndian) {
        int b0 = d[at] & 0xFF;
        int b1 = d[at + 1] & 0xFF;
        return littleEndian ? (b1 << 8) | b0 : (b0 << 8) | b1;
    }

    private static long readU32(byte[] d, int at, boolean littleEndian) {
        long lo = readU16(d, littleEndian ? at : at + 2, littleEndian);
        long hi = readU16(d, littleEndian ? at + 2 : at, littleEndian);
        return (hi << 16) | lo;
    }

    /**
     * Turns a stored image upright according to its EXIF orientation: 2 mirror, 3 rotate 180, 4 flip vertically,
     * 5 transpose, 6 rotate 90 clockwise, 7 transverse, 8 rotate 90 counter-clockwise (1 and anything else: as is).
     */
    static RgbImage applyExifOrientation(RgbImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        boolean swapsSides = orientation >= 5;
        int outW = swapsSides ? h : w;
        int outH = swapsSides ? w : h;
        float[] rgb = new float[image.rgb().length];
        float[] alpha = image.hasAlpha() ? new float[image.alpha().length] : null;
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; } // 8
                }
                int from = sy * w + sx;
                int to = y * outW + x;
                System.arraycopy(image.rgb(), from * 3, rgb, to * 3, 3);
                if (alpha != null) {
                    alpha[to] = image.alpha()[from];
                }
            }
        }
        return new RgbImage(outW, outH, rgb, alpha);
    }
}
