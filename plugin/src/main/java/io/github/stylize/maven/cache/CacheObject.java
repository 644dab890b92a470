package io.github.stylize.maven.cache;

import io.github.stylize.maven.json.Json;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The self-describing object a remote cache stores per key: a header line {@code stylize-cache <version>
 * <metadata bytes> <image bytes>\n}, the entry's metadata as JSON (the fields of the local {@code metadata.json}, the
 * image's SHA-256 included), then the image. A download is trusted only after {@link #decode} checked all of it.
 */
public final class CacheObject {
    /** The format version this plugin writes and reads; a change of layout or meaning increments it. */
    public static final int VERSION = 1;
    private static final String MAGIC = "stylize-cache";
    private static final Pattern HEADER = Pattern.compile(MAGIC + " (\\d{1,4}) (\\d{1,9}) (\\d{1,12})");
    private static final int MAX_HEADER = 64;

    private CacheObject() {
    }

    /** Why a downloaded object is not used. */
    public static final class InvalidObjectException extends Exception {
        InvalidObjectException(String message) {
            super(message);
        }
    }

    /** {@code entry} as the object stored under {@code key}. */
    public static byte[] encode(String key, NewEntry entry) {
        byte[] metadata = Json.write(EntryMetadata.of(key, entry)).getBytes(StandardCharsets.UTF_8);
        byte[] header = (MAGIC + " " + VERSION + " " + metadata.length + " " + entry.encoded().length + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(header.length + metadata.length + entry.encoded().length);
        out.writeBytes(header);
        out.writeBytes(metadata);
        out.writeBytes(entry.encoded());
        return out.toByteArray();
    }

    /**
     * The entry in {@code object}, downloaded as {@code key}'s.
     *
     * @throws InvalidObjectException naming what is wrong: not this format, another version, lengths that do not add
     *                                up, unparsable metadata, another key, a hash mismatch, or over {@code maxBytes}
     */
    public static NewEntry decode(String key, byte[] object, long maxBytes) throws InvalidObjectException {
        if (object.length > maxBytes) {
            throw new InvalidObjectException("it is larger than the limit of " + maxBytes + " bytes");
        }
        int newline = -1;
        for (int i = 0; i < Math.min(object.length, MAX_HEADER); i++) {
            if (object[i] == '\n') {
                newline = i;
                break;
            }
        }
        String header = newline < 0 ? "" : new String(object, 0, newline, StandardCharsets.US_ASCII);
        if (!header.startsWith(MAGIC + " ")) {
            throw new InvalidObjectException("it is not a stylize cache object (no '" + MAGIC + "' header)");
        }
        Matcher m = HEADER.matcher(header);
        if (!m.matches()) {
            throw new InvalidObjectException("its header '" + header + "' is malformed");
        }
        int version = Integer.parseInt(m.group(1));
        if (version != VERSION) {
            throw new InvalidObjectException("it has format version " + version + "; this plugin reads version "
                    + VERSION);
        }
        long metadataLength = Long.parseLong(m.group(2));
        long imageLength = Long.parseLong(m.group(3));
        if (newline + 1 + metadataLength + imageLength != object.length) {
            throw new InvalidObjectException("its header announces " + metadataLength + " + " + imageLength
                    + " bytes but " + (object.length - newline - 1) + " follow (truncated or altered)");
        }
        int metadataStart = newline + 1;
        int imageStart = metadataStart + (int) metadataLength;
        try {
            EntryMetadata metadata = Json.parse(new String(object, metadataStart, (int) metadataLength,
                    StandardCharsets.UTF_8), EntryMetadata.class);
            if (!key.equals(metadata.cacheKey())) {
                throw new IllegalArgumentException("it is recorded as the object of key " + metadata.cacheKey());
            }
            return metadata.toEntry(Arrays.copyOfRange(object, imageStart, object.length));
        } catch (RuntimeException e) {
            throw new InvalidObjectException(e.getMessage());
        }
    }
}
