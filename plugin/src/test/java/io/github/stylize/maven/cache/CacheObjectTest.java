package io.github.stylize.maven.cache;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The remote object format: what a download must be before it is used. */
class CacheObjectTest {
    static final String KEY = "ab".repeat(32);

    static String rejection(byte[] object) {
        return assertThrows(CacheObject.InvalidObjectException.class,
                () -> CacheObject.decode(KEY, object, 1 << 20)).getMessage();
    }

    /** {@code object} with its metadata's text changed, the header's length adjusted so only the change matters. */
    static byte[] withMetadata(byte[] object, String from, String to) {
        String text = new String(object, StandardCharsets.ISO_8859_1);
        int newline = text.indexOf('\n');
        String[] header = text.substring(0, newline).split(" ");
        int metadataLength = Integer.parseInt(header[2]);
        String metadata = text.substring(newline + 1, newline + 1 + metadataLength).replace(from, to);
        String rest = text.substring(newline + 1 + metadataLength);
        return (header[0] + " " + header[1] + " " + metadata.length() + " " + header[3] + "\n" + metadata + rest)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void roundTripsAnEntry() throws Exception {
        byte[] image = {1, 2, 3};
        byte[] object = CacheObject.encode(KEY, ImageCacheTest.entry(image));
        assertTrue(new String(object, StandardCharsets.US_ASCII).startsWith("stylize-cache 1 "));
        NewEntry back = CacheObject.decode(KEY, object, 1 << 20);
        assertArrayEquals(image, back.encoded());
        assertEquals("png", back.extension());
    }

    @Test
    void everyWayAnObjectCanBeWrongIsNamed() {
        byte[] object = CacheObject.encode(KEY, ImageCacheTest.entry(new byte[]{1, 2, 3}));
        assertTrue(rejection("<html>".getBytes(StandardCharsets.US_ASCII)).contains("not a stylize cache object"));
        byte[] v2 = object.clone();
        v2["stylize-cache ".length()] = '2';
        assertTrue(rejection(v2).contains("format version 2"), rejection(v2));
        assertTrue(rejection(Arrays.copyOf(object, object.length - 1)).contains("truncated or altered"));
        assertTrue(rejection(withMetadata(object, "\"image.png\"", "\"../../../etc/x\"")).contains("no valid image name"),
                "a name from the object is never a path");
        assertTrue(rejection(withMetadata(object, KEY, "cd".repeat(32))).contains("recorded as the object of key"));
        assertTrue(rejection(withMetadata(object, "{", "[")).length() > 0, "unparsable metadata");
        String tooBig = assertThrows(CacheObject.InvalidObjectException.class,
                () -> CacheObject.decode(KEY, object, object.length - 1)).getMessage();
        assertTrue(tooBig.contains("larger than the limit"), tooBig);
    }
}
