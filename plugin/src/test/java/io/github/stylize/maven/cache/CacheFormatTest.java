package io.github.stylize.maven.cache;

import io.github.stylize.maven.json.GoldenRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The bytes of a cache entry's {@code metadata.json} and of a remote cache object, pinned: entries written by earlier
 * builds and objects other machines uploaded must keep reading, and what this build writes must read there.
 */
class CacheFormatTest {
    static final String KEY = "ab".repeat(32);
    static final byte[] IMAGE = {1, 2, 3};
    static final NewEntry FULL = new NewEntry(IMAGE, "png", GoldenRun.RUN, "stylize-cache-key/1\nsize=256\n",
            GoldenRun.settings());
    static final String CREATED_AT = "2026-12-01T02:17:26.702664096Z";
    static final String FULL_JSON = """
            {
              "cacheKey": "abababababababababababababababababababababababababababababababab",
              "image": "image.png",
              "imageSha256": "039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81",
              "backend": "CPU (linux-x86_64)",
              "millis": 41200,
              "timings": %s,
              "createdAt": "2026-12-01T02:17:26.702664096Z",
              "settings": %s,
              "keyInput": "stylize-cache-key/1\\nsize=256\\n",
              "losses": %s
            }
            """.formatted(GoldenRun.TIMINGS, GoldenRun.SETTINGS_JSON, GoldenRun.LOSSES);
    /** Without a key input (written as null), a stop reason, losses or settings. */
    static final NewEntry BARE = new NewEntry(new byte[] {9}, "jpg", GoldenRun.BARE_RUN, null, Map.of());
    static final String BARE_JSON = """
            {
              "cacheKey": "abababababababababababababababababababababababababababababababab",
              "image": "image.jpg",
              "imageSha256": "2b4c342f5433ebe591a1da77e013d1b72475562d48578dca8b84bac6651c3cb9",
              "backend": "GPU",
              "millis": 5,
              "timings": %s,
              "createdAt": "2026-12-01T02:17:26.702664096Z",
              "settings": {},
              "keyInput": null,
              "losses": []
            }
            """.formatted(GoldenRun.BARE_TIMINGS);
    private static final Pattern CREATED = Pattern.compile("\"createdAt\": \"([^\"]*)\"");

    @TempDir
    Path root;

    /** {@code json} with its creation time, checked to be an instant of this build, replaced by the pinned one. */
    static String atPinnedTime(String json, Instant before) {
        Matcher m = CREATED.matcher(json);
        assertTrue(m.find(), json);
        Instant created = Instant.parse(m.group(1));
        assertTrue(!created.isBefore(before) && !created.isAfter(Instant.now()), created + " is not now");
        return m.replaceFirst("\"createdAt\": \"" + CREATED_AT + "\"");
    }

    static void assertSameEntry(NewEntry expected, NewEntry actual) {
        assertArrayEquals(expected.encoded(), actual.encoded());
        assertEquals(expected.extension(), actual.extension());
        assertEquals(expected.run(), actual.run());
        assertEquals(expected.keyInput(), actual.keyInput());
        assertEquals(expected.settings(), actual.settings());
    }

    @Test
    void theMetadataFileIsWrittenByteForByteAsBefore() throws IOException {
        Instant before = Instant.now();
        ImageCache cache = new ImageCache(root);
        Path full = cache.put(KEY, FULL).image().resolveSibling(ImageCache.METADATA);
        assertEquals(FULL_JSON, atPinnedTime(Files.readString(full), before));
        Path bare = cache.put(KEY, BARE).image().resolveSibling(ImageCache.METADATA);
        assertEquals(BARE_JSON, atPinnedTime(Files.readString(bare), before));
    }

    @Test
    void anEntryWrittenInThatFormatReadsBackWhole() throws IOException {
        for (Map.Entry<String, NewEntry> written : Map.of(FULL_JSON, FULL, BARE_JSON, BARE).entrySet()) {
            ImageCache cache = new ImageCache(root);
            Path dir = cache.entryDirectory(KEY);
            ImageCache.deleteTree(dir);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(ImageCache.METADATA), written.getKey());
            NewEntry entry = written.getValue();
            Files.write(dir.resolve("image." + entry.extension()), entry.encoded());
            assertSameEntry(entry, cache.get(KEY, Long.MAX_VALUE, w -> fail(w)).orElseThrow());
        }
    }

    static byte[] object(String metadata, byte[] image) {
        byte[] json = metadata.getBytes(StandardCharsets.UTF_8);
        byte[] header = ("stylize-cache 1 " + json.length + " " + image.length + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] object = Arrays.copyOf(header, header.length + json.length + image.length);
        System.arraycopy(json, 0, object, header.length, json.length);
        System.arraycopy(image, 0, object, header.length + json.length, image.length);
        return object;
    }

    @Test
    void theRemoteObjectIsWrittenByteForByteAsBefore() {
        Instant before = Instant.now();
        for (Map.Entry<String, NewEntry> expected : Map.of(FULL_JSON, FULL, BARE_JSON, BARE).entrySet()) {
            byte[] object = CacheObject.encode(KEY, expected.getValue());
            String text = new String(object, StandardCharsets.UTF_8);
            String header = text.substring(0, text.indexOf('\n') + 1);
            byte[] metadata = Arrays.copyOfRange(object, header.length(), object.length - expected.getValue()
                    .encoded().length);
            assertEquals("stylize-cache 1 " + metadata.length + " " + expected.getValue().encoded().length + "\n",
                    header);
            assertEquals(expected.getKey(), atPinnedTime(new String(metadata, StandardCharsets.UTF_8), before));
            assertArrayEquals(expected.getValue().encoded(), Arrays.copyOfRange(object, object.length
                    - expected.getValue().encoded().length, object.length));
        }
    }

    @Test
    void aRemoteObjectInThatFormatReadsBackWhole() throws Exception {
        assertSameEntry(FULL, CacheObject.decode(KEY, object(FULL_JSON, FULL.encoded()), 1 << 20));
        assertSameEntry(BARE, CacheObject.decode(KEY, object(BARE_JSON, BARE.encoded()), 1 << 20));
    }

    @Test
    void fieldsALaterPluginAddsAreIgnoredByTheEntryAndTheRemoteObject() throws Exception {
        String later = FULL_JSON.replace("  \"image\": ", "  \"thumbnail\": {\"width\": 64},\n  \"image\": ");
        assertSameEntry(FULL, CacheObject.decode(KEY, object(later, FULL.encoded()), 1 << 20));
        ImageCache cache = new ImageCache(root);
        Path dir = cache.entryDirectory(KEY);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(ImageCache.METADATA), later);
        Files.write(dir.resolve("image.png"), FULL.encoded());
        assertSameEntry(FULL, cache.get(KEY, Long.MAX_VALUE, w -> fail(w)).orElseThrow());
    }

    @Test
    void aFieldOfTheWrongKindMakesTheEntryDamagedAndTheRemoteObjectRejectedNamingIt() throws IOException {
        Map<String, String> damages = Map.of(
                "malformed JSON: timings.iterations is 2.5, not a whole number", FULL_JSON.replace("\"iterations\": 1,",
                        "\"iterations\": 2.5,"),
                "malformed JSON at losses[1].tv: Cannot deserialize value of type `double` from Boolean value",
                FULL_JSON.replace("\"tv\": 1.0E-7", "\"tv\": true"),
                "malformed JSON at settings: Cannot deserialize value of type `java.util.LinkedHashMap<java.lang.String,"
                        + "java.lang.Object>` from Array value",
                FULL_JSON.replace("\"settings\": {\n", "\"settings\": [{\n").replace("\"empty\": {}\n  },",
                        "\"empty\": {}\n  }],"),
                "not a stop reason: bored", FULL_JSON.replace("\"stalled\"", "\"bored\""));
        ImageCache cache = new ImageCache(root);
        Path dir = cache.entryDirectory(KEY);
        Files.createDirectories(dir);
        Files.write(dir.resolve("image.png"), FULL.encoded());
        for (Map.Entry<String, String> damage : damages.entrySet()) {
            assertTrue(!damage.getValue().equals(FULL_JSON), damage.getKey());
            Files.writeString(dir.resolve(ImageCache.METADATA), damage.getValue());
            java.util.List<String> warnings = new java.util.ArrayList<>();
            assertTrue(cache.get(KEY, Long.MAX_VALUE, warnings::add).isEmpty(), damage.getKey());
            assertEquals(1, warnings.size(), damage.getKey());
            assertTrue(warnings.get(0).contains("is damaged (" + damage.getKey()), warnings.get(0));
            String rejection = CacheObjectTest.rejection(object(damage.getValue(), FULL.encoded()));
            assertTrue(rejection.startsWith(damage.getKey()), rejection);
        }
    }
}
