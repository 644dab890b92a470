package io.github.stylize.maven.cache;

import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.RunSummary;
import io.github.stylize.engine.RunTimings;
import io.github.stylize.engine.files.Digests;
import io.github.stylize.engine.files.KeyLock;
import io.github.stylize.maven.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageCacheTest {
    static final String KEY = Digests.sha256Hex("some canonical input".getBytes(StandardCharsets.UTF_8));
    static final RunTimings TIMINGS = new RunTimings(234, 1000, 1, 3);

    @TempDir
    Path root;

    static NewEntry entry(byte[] bytes) {
        return new NewEntry(bytes, "png", new RunSummary("CPU test", List.of(new IterationLoss(0, 3, 2, 1, 6),
                new IterationLoss(1, 2, 1, 0.5, 3.5)), TIMINGS), "stylize-cache-key/1\n...", Map.of("size", 48));
    }

    @Test
    void storedEntryIsFoundWithItsBytesLossesAndBackend() throws IOException {
        ImageCache cache = new ImageCache(root);
        assertTrue(cache.lookup(KEY, w -> { }).isEmpty());
        cache.put(KEY, entry(new byte[] {1, 2, 3}));

        CacheEntry hit = cache.lookup(KEY, w -> { }).orElseThrow();
        assertEquals(root.resolve("images").resolve(KEY.substring(0, 2)).resolve(KEY).resolve("image.png"), hit.image());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(hit.image()));
        assertEquals("CPU test", hit.run().backend());
        assertEquals(TIMINGS, hit.run().timings());
        assertEquals(new IterationLoss(1, 2, 1, 0.5, 3.5), hit.run().losses().get(1));
    }

    @Test
    void theMetadataFileKeepsTheTotalMillisAndTheTimings() throws IOException {
        CacheEntry stored = new ImageCache(root).put(KEY, entry(new byte[] {1, 2, 3}));
        Map<?, ?> metadata = Json.parse(Files.readString(stored.image().resolveSibling(ImageCache.METADATA)),
                Map.class);
        assertEquals(1234L, metadata.get("millis"));
        assertEquals(Map.of("prepareMillis", 234L, "optimizeMillis", 1000L, "iterations", 1L, "evaluations", 3L,
                "millisPerEvaluation", 333.333), metadata.get("timings"));
    }

    @Test
    void anEntryWithoutTimingsOrWithTimingsThatDisagreeWithItsMillisIsDamaged() throws IOException {
        ImageCache cache = new ImageCache(root);
        CacheEntry stored = cache.put(KEY, entry(new byte[] {1, 2, 3}));
        Path metadata = stored.image().resolveSibling(ImageCache.METADATA);
        String json = Files.readString(metadata);
        String timings = json.substring(json.indexOf("  \"timings\": {"), json.indexOf("},", json.indexOf("\"timings\"")) + 3);
        Map<String, String> damages = Map.of(
                "no timings recorded", json.replace(timings, ""),
                "timings.evaluations is null, not a whole number", json.replaceFirst("\"evaluations\": 3,\n\\s*", ""),
                "millis 1235 is not the timings' total 1234", json.replace("\"millis\": 1234", "\"millis\": 1235"));
        for (Map.Entry<String, String> damage : damages.entrySet()) {
            assertFalse(damage.getValue().equals(json), damage.getKey());
            Files.writeString(metadata, damage.getValue());
            List<String> warnings = new ArrayList<>();
            assertTrue(cache.lookup(KEY, warnings::add).isEmpty(), damage.getKey());
            assertEquals(List.of("Cache entry " + stored.image().getParent() + " is damaged (" + damage.getKey()
                    + "); it will be regenerated"), warnings);
        }
        Files.writeString(metadata, json);
        assertEquals(TIMINGS, cache.lookup(KEY, w -> { }).orElseThrow().run().timings());
    }

    @Test
    void damagedEntryIsTreatedAsMissingWithAWarningAndReplacedByTheNextPut() throws IOException {
        ImageCache cache = new ImageCache(root);
        CacheEntry stored = cache.put(KEY, entry(new byte[] {1, 2, 3}));
        Files.write(stored.image(), new byte[] {9, 9});

        List<String> warnings = new ArrayList<>();
        assertTrue(cache.lookup(KEY, warnings::add).isEmpty());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("is damaged (image SHA-256 is"), warnings.get(0));

        cache.put(KEY, entry(new byte[] {4, 5}));
        assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(cache.lookup(KEY, w -> { }).orElseThrow().image()));
        assertNoLeftovers(cache);
    }

    @Test
    void metadataNestedTooDeepOrTooLargeIsADamagedEntryNotAStackOverflow() throws IOException {
        ImageCache cache = new ImageCache(root);
        CacheEntry stored = cache.put(KEY, entry(new byte[] {1, 2, 3}));
        Path metadata = stored.image().resolveSibling(ImageCache.METADATA);
        String json = Files.readString(metadata);
        Files.writeString(metadata, json.replace("\"backend\": \"CPU test\"",
                "\"backend\": " + "[".repeat(100_000) + "]".repeat(100_000)));
        List<String> warnings = new ArrayList<>();
        assertTrue(cache.lookup(KEY, warnings::add).isEmpty());
        assertEquals(List.of("Cache entry " + stored.image().getParent() + " is damaged (malformed JSON: nested more"
                + " than " + Json.MAX_DEPTH + " deep); it will be regenerated"), warnings);

        Files.writeString(metadata, json.replace("\"CPU test\"", "\"" + "x".repeat(ImageCache.MAX_METADATA_BYTES) + "\""));
        warnings.clear();
        assertTrue(cache.lookup(KEY, warnings::add).isEmpty());
        assertEquals(List.of("Cache entry " + stored.image().getParent() + " is damaged (JSON file of "
                + Files.size(metadata) + " bytes, more than the limit of " + ImageCache.MAX_METADATA_BYTES
                + "); it will be regenerated"), warnings);

        cache.put(KEY, entry(new byte[] {4, 5}));
        assertEquals("CPU test", cache.lookup(KEY, w -> { }).orElseThrow().run().backend());
    }

    @Test
    void anEntryWhoseMetadataNamesAFileOutsideItIsDamagedAndNothingOutsideIsRead() throws IOException {
        ImageCache cache = new ImageCache(root);
        CacheEntry stored = cache.put(KEY, entry(new byte[] {1, 2, 3}));
        Path metadata = stored.image().resolveSibling(ImageCache.METADATA);
        Path outside = Files.write(root.resolve("outside.png"), new byte[] {1, 2, 3}); // same bytes, same SHA-256
        for (String name : List.of("../../../outside.png", root.resolve("outside.png").toString(), "..")) {
            String json = Files.readString(metadata).replaceFirst("\"image\": \"[^\"]*\"",
                    "\"image\": \"" + name + "\"");
            assertTrue(json.contains(name), json);
            Files.writeString(metadata, json);

            List<String> warnings = new ArrayList<>();
            assertTrue(cache.lookup(KEY, warnings::add).isEmpty(), name);
            assertEquals(1, warnings.size(), name);
            assertTrue(warnings.get(0).contains("is damaged (no valid image name recorded)"), warnings.get(0));
        }
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(outside));
    }

    @Test
    void putLeavesNoTemporaryDirectories() throws IOException {
        ImageCache cache = new ImageCache(root);
        cache.put(KEY, entry(new byte[] {1}));
        cache.put(KEY, entry(new byte[] {2}));
        assertNoLeftovers(cache);
    }

    @Test
    void aFailedWriteLeavesThePreviousEntryAndNoHalfWrittenOne() throws IOException {
        new ImageCache(root).put(KEY, entry(new byte[] {1, 2, 3}));
        ImageCache fullDisk = new ImageCache(root, (file, bytes) -> {
            Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            throw new java.nio.file.FileSystemException(file.toString(), null, "No space left on device");
        });

        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> fullDisk.put(KEY, entry(new byte[] {4, 5, 6, 7})));

        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        CacheEntry kept = new ImageCache(root).lookup(KEY, w -> { }).orElseThrow();
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(kept.image()));
        assertNoLeftovers(fullDisk);
    }

    @Test
    void whatABuildKilledWhileStoringLeftIsRemovedByTheNextPutOfThatKey() throws IOException {
        ImageCache cache = new ImageCache(root);
        Path parent = cache.entryDirectory(KEY).getParent();
        Path halfWritten = Files.createDirectories(parent.resolve(".tmp-" + KEY + "-killed"));
        Files.write(halfWritten.resolve("image.png"), new byte[] {1});
        Files.createDirectories(parent.resolve(".old-" + KEY + "-killed"));
        assertTrue(cache.lookup(KEY, w -> { }).isEmpty(), "never read as an entry");

        cache.put(KEY, entry(new byte[] {2}));

        assertNoLeftovers(cache);
    }

    private void assertNoLeftovers(ImageCache cache) throws IOException {
        try (Stream<Path> files = Files.list(cache.entryDirectory(KEY).getParent())) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertEquals(List.of(KEY), names, "only the entry itself, no .tmp- or .old- directories");
        }
    }

    @Test
    void keyLockAdmitsOneThreadAtATime() throws Exception {
        ImageCache cache = new ImageCache(root);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                for (int j = 0; j < 5; j++) {
                    try (KeyLock lock = cache.lock(KEY)) {
                        maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        Thread.sleep(5);
                        inside.decrementAndGet();
                    } catch (IOException | InterruptedException e) {
                        throw new RuntimeException(e);
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1, maxInside.get());
    }

    @Test
    void keyLockExcludesAnotherProcess() throws Exception {
        ImageCache cache = new ImageCache(root);
        Path locked = root.resolve("locked");
        Path released = root.resolve("released");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
                root.toString(), KEY, locked.toString(), released.toString(), "1500")
                .inheritIO().start();
        try {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!Files.exists(locked)) {
                assertTrue(holder.isAlive(), "lock holder process exited early");
                assertTrue(System.nanoTime() < deadline, "lock holder did not start");
                Thread.sleep(20);
            }
            try (KeyLock lock = cache.lock(KEY)) {
                // The holder writes 'released' just before it lets go: if we got in earlier, it is not there yet.
                assertTrue(Files.exists(released), "lock acquired while another process held it");
            }
        } finally {
            holder.destroy();
            holder.waitFor();
        }
    }

    @Test
    void entriesOfOtherKeysAreIndependent() throws IOException {
        ImageCache cache = new ImageCache(root);
        String other = Digests.sha256Hex("other".getBytes(StandardCharsets.UTF_8));
        cache.put(KEY, entry(new byte[] {1}));
        Optional<CacheEntry> miss = cache.lookup(other, w -> { });
        assertFalse(miss.isPresent());
    }

    /** Holds a key's lock in a separate JVM: args root key lockedMarker releasedMarker millis. */
    public static final class LockHolder {
        public static void main(String[] args) throws Exception {
            ImageCache cache = new ImageCache(Path.of(args[0]));
            try (KeyLock lock = cache.lock(args[1])) {
                Files.createFile(Path.of(args[2]));
                Thread.sleep(Long.parseLong(args[4]));
                Files.createFile(Path.of(args[3]));
            }
        }
    }
}
