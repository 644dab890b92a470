package io.github.stylize.engine.image;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Checks of a file's structure made before it is decoded, for what decoders do not bound or do not notice: PNG
 * metadata that inflates without limit, JPEG scans without number, GIF and WebP data that ends before the image does.
 * Each reads the file once as a stream and allocates nothing that grows with it.
 */
final class FileChecks {
    /**
     * Most bytes the compressed metadata chunks of a PNG (iCCP, zTXt, iTXt) may inflate to, together: 16 MiB. ICC
     * profiles are a few KB to about 1 MB and text chunks smaller; the JDK's decoder inflates zTXt and iTXt into memory
     * without a limit, so a chunk inflating to gigabytes would end the build with an OutOfMemoryError.
     */
    static final long MAX_PNG_METADATA_BYTES = 16L << 20;

    /**
     * Most scans a JPEG may have: 100. Progressive JPEGs use 6 (grey) to 10 (colour) scans with the standard scripts
     * and about 20 with optimizing encoders such as mozjpeg; a baseline JPEG has one per component. Every scan makes
     * the decoder pass over the whole image again, so a file repeating one tiny scan thousands of times takes minutes
     * (1,000 scans of a large image: 152 s), while 100 stay within seconds.
     */
    static final int MAX_JPEG_SCANS = 100;

    private FileChecks() {
    }

    /** Checks {@code file}, of {@code format} as the decoder names it, before it is decoded. */
    static void check(Path file, String format) throws IOException {
        switch (format) {
            case "PNG" -> checkPng(file);
            case "JPEG" -> checkJpeg(file);
            case "GIF" -> checkGif(file);
            case "WebP" -> checkWebp(file);
            default -> {
                // BMP: uncompressed or RLE, bounded by the declared size, which is checked against maxPixels
            }
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    static ImageException truncated(Path file, String format, String detail) {
        return new ImageException("Image " + file + " is truncated: " + detail + " (an interrupted download or copy, "
                + "or a damaged file?). Re-copy or re-export it; the " + format + " data must be complete");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // PNG

    /** The compressed metadata chunks before the image data, inflated (and discarded) up to the limit. */
    private static void checkPng(Path file) throws IOException {
        long inflated = 0;
        try (DataInputStream in = open(file)) {
            in.skipNBytes(8); // signature
            while (true) {
                long length = in.readInt() & 0xFFFFFFFFL;
                String type = new String(in.readNBytes(4), StandardCharsets.ISO_8859_1);
                if (type.equals("IDAT") || type.equals("IEND")) {
                    return; // the JDK's decoder reads no metadata after the image data starts
                }
                if (type.equals("iCCP") || type.equals("zTXt") || type.equals("iTXt")) {
                    if (length > Integer.MAX_VALUE - 8) {
                        throw truncated(file, "PNG", "its " + type + " chunk declares " + length + " bytes");
                    }
                    byte[] data = in.readNBytes((int) length);
                    if (data.length < length) {
                        throw truncated(file, "PNG", "its " + type + " chunk declares " + length + " bytes but the file "
                                + "ends after " + data.length);
                    }
                    int start = compressedStart(type, data);
                    if (start >= 0) {
                        inflated += inflatedSize(data, start, MAX_PNG_METADATA_BYTES - inflated);
                        if (inflated > MAX_PNG_METADATA_BYTES) {
                            throw new ImageException("Image " + file + " has a compressed " + type + " metadata chunk "
                                    + "that inflates to more than " + (MAX_PNG_METADATA_BYTES >> 20) + " MiB, the limit "
                                    + "for a PNG's compressed metadata (ICC profile and text chunks) together; it was not "
                                    + "decoded, as it could exhaust memory (a decompression bomb). Re-export the image "
                                    + "without its metadata");
                        }
                    }
                    in.skipNBytes(4); // CRC
                } else {
                    in.skipNBytes(length + 4); // data and CRC
                }
            }
        } catch (EOFException e) {
            // the decoder names a PNG that ends early
        }
    }

    /** Where the compressed bytes of an iCCP, zTXt or iTXt chunk start; -1 for an uncompressed iTXt or a damaged one. */
    private static int compressedStart(String type, byte[] data) {
        int keywordEnd = indexOf(data, 0, 0);
        if (keywordEnd < 0) {
            return -1;
        }
        if (!type.equals("iTXt")) {
            return keywordEnd + 2; // keyword, NUL, compression method
        }
        if (keywordEnd + 2 >= data.length || data[keywordEnd + 1] == 0) {
            return -1; // not compressed
        }
        int languageEnd = indexOf(data, keywordEnd + 3, 0); // after the compression flag and method
        int translatedEnd = languageEnd < 0 ? -1 : indexOf(data, languageEnd + 1, 0);
        return translatedEnd < 0 ? -1 : translatedEnd + 1;
    }

    private static int indexOf(byte[] data, int from, int value) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** The inflated size of the zlib data from {@code start}, counted up to past {@code limit}; 0 if damaged. */
    private static long inflatedSize(byte[] data, int start, long limit) {
        try {
            return inflate(data, start, limit, null);
        } catch (DataFormatException e) {
            return 0; // damaged or cut short: the decoder ignores or reports it
        }
    }

    /** Inflates zlib data, refusing more than {@code limit} bytes. */
    static byte[] inflate(byte[] data, int start, long limit) throws DataFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (inflate(data, start, limit, out) > limit) {
            throw new DataFormatException("inflates to more than " + limit + " bytes");
        }
        return out.toByteArray();
    }

    /** Inflates into {@code out} (or nowhere, if null), stopping once past {@code limit}; returns the bytes inflated. */
    private static long inflate(byte[] data, int start, long limit, ByteArrayOutputStream out)
            throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data, start, Math.max(0, data.length - start));
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            while (!inflater.finished() && total <= limit) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated");
                }
                if (out != null) {
                    out.write(buffer, 0, n);
                }
                total += n;
            }
            return total;
        } finally {
            inflater.end();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // JPEG

    /** Counts the scans (SOS markers), walking marker segments and the entropy-coded data between them. */
    private static void checkJpeg(Path file) throws IOException {
        int scans = 0;
        try (DataInputStream in = open(file)) {
            in.skipNBytes(2); // SOI
            int marker = nextMarker(in);
            while (marker >= 0 && marker != 0xD9) {
                if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                    marker = nextMarker(in); // no length
                    continue;
                }
                int length = in.readUnsignedShort();
                in.skipNBytes(Math.max(0, length - 2));
                if (marker == 0xDA) {
                    if (++scans > MAX_JPEG_SCANS) {
                        throw new ImageException(String.format(Locale.ROOT, "Image %s has more than %d scans, the "
                                + "limit for a JPEG (progressive JPEGs use about 10); it was not decoded, as every "
                                + "scan makes the decoder pass over the whole image again and so many could take "
                                + "minutes. Re-encode it, e.g. as a baseline JPEG or a PNG", file, MAX_JPEG_SCANS));
                    }
                    marker = skipEntropyCodedData(in);
                } else {
                    marker = nextMarker(in);
                }
            }
        } catch (EOFException e) {
            // the decoder names a JPEG that ends early
        }
    }

    /** The next marker code after fill bytes; expects to be at a marker. */
    private static int nextMarker(DataInputStream in) throws IOException {
        int b = in.readUnsignedByte();
        if (b != 0xFF) {
            return -1; // not at a marker: leave the judgement to the decoder
        }
        int code;
        do {
            code = in.readUnsignedByte();
        } while (code == 0xFF);
        return code;
    }

    /** Skips a scan's entropy-coded data (where 0xFF is followed by 0 or a restart marker) to the next marker. */
    private static int skipEntropyCodedData(DataInputStream in) throws IOException {
        while (true) {
            if (in.readUnsignedByte() != 0xFF) {
                continue;
            }
            int code = in.readUnsignedByte();
            while (code == 0xFF) {
                code = in.readUnsignedByte();
            }
            if (code != 0 && (code < 0xD0 || code > 0xD7)) {
                return code;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // GIF

    /**
     * Decodes the first frame's LZW codes, counting pixels without storing them: the JDK's decoder fills pixels its data
     * does not cover with colour 0, so a cut file or a frame with 20 bytes of data for 8000x8000 pixels would silently
     * read as a one-colour image.
     */
    private static void checkGif(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            in.skipNBytes(10); // signature, version, screen size
            int flags = in.readUnsignedByte();
            in.skipNBytes(2); // background colour, aspect ratio
            if ((flags & 0x80) != 0) {
                in.skipNBytes(3L << ((flags & 7) + 1)); // global colour table
            }
            while (true) {
                int block = in.readUnsignedByte();
                if (block == 0x21) { // extension: label, then sub-blocks
                    in.readUnsignedByte();
                    skipSubBlocks(in);
                } else if (block == 0x2C) {
                    checkGifFrame(file, in);
                    return;
                } else {
                    return; // the trailer before any frame, or damage: the decoder names it
                }
            }
        } catch (EOFException e) {
            throw truncated(file, "GIF", "the file ends before its first frame's image data does");
        }
    }

    private static void skipSubBlocks(DataInputStream in) throws IOException {
        for (int size = in.readUnsignedByte(); size != 0; size = in.readUnsignedByte()) {
            in.skipNBytes(size);
        }
    }

    private static void checkGifFrame(Path file, DataInputStream in) throws IOException {
        in.skipNBytes(4); // left, top
        int width = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
        int height = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
        int flags = in.readUnsignedByte();
        if ((flags & 0x80) != 0) {
            in.skipNBytes(3L << ((flags & 7) + 1)); // local colour table
        }
        int minimumCodeSize = in.readUnsignedByte();
        if (minimumCodeSize < 1 || minimumCodeSize > 11) {
            return; // damaged: the decoder names it
        }
        long needed = (long) width * height;
        long decoded = new LzwCounter(minimumCodeSize).count(in, needed);
        if (decoded < needed) {
            throw new ImageException(String.format(Locale.ROOT, "Image %s is damaged: its first GIF frame's data "
                            + "ends after %d of its %dx%d pixels (%.1f%%), so the rest would read as one colour. "
                            + "Re-copy or re-export it", file, decoded, width, height, 100.0 * decoded / needed));
        }
    }

    /** Counts the pixels an LZW code stream decodes to, keeping only each dictionary entry's length. */
    private static final class LzwCounter {
        private final int clear;
        private final int[] lengths = new int[4096];
        private int codeSize;
        private int next;
        private int bits;
        private int bitCount;
        private int blockLeft;
        private boolean blocksEnded;

        LzwCounter(int minimumCodeSize) {
            clear = 1 << minimumCodeSize;
            for (int i = 0; i < clear; i++) {
                lengths[i] = 1;
            }
            reset(minimumCodeSize);
        }

        private void reset(int minimumCodeSize) {
            codeSize = minimumCodeSize + 1;
            next = clear + 2;
        }

        /** Pixels decoded, up to {@code needed}; consumes the frame's sub-blocks to their terminator. */
        long count(DataInputStream in, long needed) throws IOException {
            int minimumCodeSize = Integer.numberOfTrailingZeros(clear);
            long pixels = 0;
            int previous = -1;
            while (pixels < needed) {
                int code = readCode(in);
                if (code < 0 || code == clear + 1) {
                    break; // the data or the end-of-information code
                }
                if (code == clear) {
                    reset(minimumCodeSize);
                    previous = -1;
                    continue;
                }
                int length;
                if (code < next) {
                    length = lengths[code];
                } else if (code == next && previous >= 0) {
                    length = lengths[previous] + 1;
                } else {
                    break; // an invalid code: the decoder stops here too
                }
                if (length == 0) {
                    break;
                }
                if (previous >= 0 && next < 4096) {
                    lengths[next++] = lengths[previous] + 1;
                    if (next == (1 << codeSize) && codeSize < 12) {
                        codeSize++;
                    }
                }
                pixels += length;
                previous = code;
            }
            if (!blocksEnded) {
                if (blockLeft > 0) {
                    in.skipNBytes(blockLeft);
                }
                skipSubBlocks(in); // to the terminator: a file cut inside the frame's data is truncated
            }
            return Math.min(pixels, needed);
        }

        private int readCode(DataInputStream in) throws IOException {
            while (bitCount < codeSize) {
                if (blockLeft == 0) {
                    if (blocksEnded) {
                        return -1;
                    }
                    blockLeft = in.readUnsignedByte();
                    if (blockLeft == 0) {
                        blocksEnded = true;
                        return -1;
                    }
                }
                bits |= in.readUnsignedByte() << bitCount;
                bitCount += 8;
                blockLeft--;
            }
            int code = bits & ((1 << codeSize) - 1);
            bits >>>= codeSize;
            bitCount -= codeSize;
            return code;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // WebP

    /** The RIFF container's size and each chunk's size must fit in the file. */
    private static void checkWebp(Path file) throws IOException {
        long fileSize = Files.size(file);
        try (DataInputStream in = open(file)) {
            in.skipNBytes(4); // RIFF
            long riffSize = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
            if (riffSize + 8 > fileSize) {
                throw truncated(file, "WebP", "its header declares " + (riffSize + 8) + " bytes but the file has "
                        + fileSize);
            }
            in.skipNBytes(4); // WEBP
            long position = 12;
            while (position + 8 <= riffSize + 8) {
                String type = new String(in.readNBytes(4), StandardCharsets.ISO_8859_1);
                long size = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
                position += 8;
                if (position + size > fileSize) {
                    throw truncated(file, "WebP", "its " + type.strip() + " chunk declares " + size + " bytes but the "
                            + "file ends after " + (fileSize - position));
                }
                long padded = size + (size & 1);
                in.skipNBytes(Math.min(padded, fileSize - position));
                position += padded;
            }
        } catch (EOFException e) {
            throw truncated(file, "WebP", "the file ends inside a chunk header");
        }
    }
}
