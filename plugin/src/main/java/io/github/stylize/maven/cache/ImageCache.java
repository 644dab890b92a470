package io.github.stylize.maven.cache;

import io.github.stylize.engine.files.AtomicFiles;
import io.github.stylize.maven.json.Json;
import io.github.stylize.engine.files.KeyLock;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The image cache under one root directory. Thread-safe; safe to share between processes. */
public final class ImageCache implements CacheTier {
    static final String METADATA = "metadata.json";
    /**
     * Largest {@code metadata.json} read: 64 MiB. The largest one written, with the loss history of 100,000
     * iterations (the most allowed), is about 16 MB; anything larger is damaged.
     */
    static final int MAX_METADATA_BYTES = 64 << 20;
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

    /** Writes one file of a new entry and flushes it to disk; tests pass one that fails like a full disk. */
    @FunctionalInterface
    public interface EntryWriter {
        /** Creates the file and fills it with {@link AtomicFiles.Filler#DURABLE}, the engine's durable write. */
        EntryWriter DURABLE = (file, bytes) -> AtomicFiles.Filler.DURABLE.fill(new ByteArrayInputStream(bytes),
                Files.createFile(file));

        void write(Path file, byte[] bytes) throws IOException;
    }

    private final Path root;
    private final Path images;
    private final EntryWriter writer;

    public ImageCache(Path root) {
        this(root, EntryWriter.DURABLE);
    }

    public ImageCache(Path root, EntryWriter writer) {
        this.root = root;
        this.images = root.resolve("images");
        this.writer = writer;
    }

    /** The cache's root directory. */
    public Path root() {
        return root;
    }

    /** The directory of {@code key}'s entry (which may not exist). */
    public Path entryDirectory(String key) {
        requireKey(key);
        return images.resolve(key.substring(0, 2)).resolve(key);
    }

    /**
     * The entry for {@code key} if one is present and intact. A damaged entry (unreadable metadata, missing image,
     * image bytes not matching the recorded SHA-256) is reported to {@code warn} and treated as absent; the next
     * {@link #put} replaces it.
     */
    public Optional<CacheEntry> lookup(String key, Consumer<String> warn) {
        return read(key, warn).map(r -> new CacheEntry(key, r.image(), r.entry().run()));
    }

    @Override
    public String describe() {
        return "the cache directory " + root;
    }

    /** {@link #lookup} with the image's bytes; the local disk needs no size limit. */
    @Override
    public Optional<NewEntry> get(String key, long maxBytes, Consumer<String> warn) {
        return read(key, warn).map(Read::entry);
    }

    /** Stores {@code entry} under {@code key}; call while holding {@link #lock}. */
    @Override
    public void store(String key, NewEntry entry) throws IOException {
        put(key, entry);
    }

    private record Read(Path image, NewEntry entry) {
    }

    private Optional<Read> read(String key, Consumer<String> warn) {
        Path dir = entryDirectory(key);
        Path metadataFile = dir.resolve(METADATA);
        if (!Files.isRegularFile(metadataFile)) {
            return Optional.empty();
        }
        try {
            EntryMetadata metadata = Json.read(metadataFile, MAX_METADATA_BYTES, EntryMetadata.class);
            Path image = dir.resolve(metadata.imageName());
            return Optional.of(new Read(image, metadata.toEntry(Files.readAllBytes(image))));
        } catch (IOException | RuntimeException e) {
            warn.accept("Cache entry " + dir + " is damaged (" + e.getMessage() + "); it will be regenerated");
            return Optional.empty();
        }
    }

    /** Holds {@code key} against every other builder of it until closed. */
    public KeyLock lock(String key) throws IOException {
        requireKey(key);
        return KeyLock.acquire(images.resolve(key.substring(0, 2)).resolve(key + ".lock"));
    }

    /**
     * Stores a new entry for {@code key}, replacing any present one; call while holding {@link #lock}. Readers never
     * see a half-written entry: the files are written and flushed in a temporary directory beside the entry, which is
     * then renamed into place.
     */
    public CacheEntry put(String key, NewEntry entry) throws IOException {
        Path dir = entryDirectory(key);
        Path parent = dir.getParent();
        Files.createDirectories(parent);
        deleteAbandoned(parent, key);
        Path temp = parent.resolve(".tmp-" + key + "-" + UUID.randomUUID());
        Files.createDirectory(temp);
        try {
            String imageName = "image." + entry.extension();
            writer.write(temp.resolve(imageName), entry.encoded());
            writer.write(temp.resolve(METADATA), Json.write(EntryMetadata.of(key, entry))
                    .getBytes(StandardCharsets.UTF_8));
            moveIntoPlace(temp, dir);
        } finally {
            deleteTree(temp);
        }
        return new CacheEntry(key, dir.resolve("image." + entry.extension()), entry.run());
    }

    private static void moveIntoPlace(Path temp, Path dir) throws IOException {
        // A rename cannot replace a non-empty directory: set a damaged or forced-out entry aside first. Callers hold
        // the key's lock, so nobody else puts this entry in between.
        Path aside = null;
        if (Files.exists(dir)) {
            aside = dir.resolveSibling(".old-" + dir.getFileName() + "-" + UUID.randomUUID());
            Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("The cache directory " + dir.getParent()
                    + " does not support atomic renames; set stylize.cacheDirectory to a local disk", e);
        } finally {
            if (aside != null) {
                deleteTree(aside);
            }
        }
    }

    /**
     * Removes the temporary and set-aside directories of {@code key} that a build killed in the middle of a
     * {@link #put} left behind. Callers hold the key's lock, so no live build is using them.
     */
    private static void deleteAbandoned(Path parent, String key) throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(parent, "{.tmp-,.old-}" + key + "-*")) {
            for (Path leftover : leftovers) {
                deleteTree(leftover);
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static void requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a cache key (64 lower-case hex digits): " + key);
        }
    }
}
