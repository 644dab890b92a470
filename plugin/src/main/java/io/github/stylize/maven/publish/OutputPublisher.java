package io.github.stylize.maven.publish;

import io.github.stylize.engine.files.AtomicFiles;
import io.github.stylize.engine.files.Digests;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Copies images into the output directory, remembering the SHA-256 of each file it wrote (for the manifest), and
 * removes the ones no longer declared.
 */
public final class OutputPublisher {
    private final Path outputDirectory;
    private final Path packagedCopies;
    private final AtomicFiles.Filler filler;
    private final Map<String, String> published = new ConcurrentHashMap<>();

    /** Images are flushed to disk before they are renamed into place, as the engine's and the cache's are. */
    public OutputPublisher(Path outputDirectory) {
        this(outputDirectory, null, AtomicFiles.Filler.DURABLE);
    }

    /**
     * @param packagedCopies where the build copies the outputs to be packaged ({@code target/classes}), so an output
     *                       removed here is removed there too; null if none
     * @param filler         writes each temporary file before its rename; tests pass one that fails like a full disk
     */
    public OutputPublisher(Path outputDirectory, Path packagedCopies, AtomicFiles.Filler filler) {
        this.outputDirectory = outputDirectory.toAbsolutePath().normalize();
        this.packagedCopies = packagedCopies == null ? null : packagedCopies.toAbsolutePath().normalize();
        this.filler = filler;
    }

    public Path outputDirectory() {
        return outputDirectory;
    }

    /**
     * The copy of the output directory the resources step made for packaging ({@code target/classes}), whose stale
     * images would otherwise stay in the jar until {@code mvn clean}; null if none.
     */
    public Path packagedCopies() {
        return packagedCopies;
    }

    /**
     * Makes {@code outputDirectory/relativeOutput} a copy of {@code image}.
     *
     * @return false if it already was one (the file is left untouched, so its timestamp does not change)
     */
    public boolean publish(String relativeOutput, Path image) throws IOException {
        Path target = resolveInside(outputDirectory, relativeOutput);
        String sha256 = Digests.sha256Hex(image);
        boolean changed = !AtomicFiles.sameBytes(image, target);
        if (changed) {
            AtomicFiles.copy(image, target, filler);
        }
        published.put(relativeOutput, sha256);
        return changed;
    }

    /**
     * Makes {@code outputDirectory/relativeOutput} hold {@code bytes} (an image that could not be cached).
     *
     * @return false if it already did (the file is left untouched)
     */
    public boolean publish(String relativeOutput, byte[] bytes) throws IOException {
        Path target = resolveInside(outputDirectory, relativeOutput);
        boolean changed = !(Files.isRegularFile(target) && java.util.Arrays.equals(Files.readAllBytes(target), bytes));
        if (changed) {
            AtomicFiles.write(target, bytes, filler);
        }
        published.put(relativeOutput, Digests.sha256Hex(bytes));
        return changed;
    }

    /** The outputs this publisher wrote (or found already in place), with the SHA-256 of their bytes. */
    public Map<String, String> published() {
        return Map.copyOf(published);
    }

    /** The file {@code relativeOutput} names. */
    public Path resolve(String relativeOutput) {
        return resolveInside(outputDirectory, relativeOutput);
    }

    /**
     * Deletes the files {@code previous} recorded that are not in {@code current}, and the directories that empties.
     * A file is deleted only if it still holds the bytes that were recorded: one changed since (a user's file put in
     * its place) is kept and reported to {@code kept}.
     *
     * @param directory root the relative paths are under; nothing outside it is touched, whatever the record says
     * @param previous  relative paths with the SHA-256 of the bytes written there
     * @return the deleted relative paths
     */
    public static List<String> removeStale(Path directory, Map<String, String> previous, Set<String> current,
                                           Consumer<String> kept) throws IOException {
        Path root = directory.toAbsolutePath().normalize();
        List<String> removed = new ArrayList<>();
        for (Map.Entry<String, String> entry : previous.entrySet()) {
            String relative = entry.getKey();
            if (current.contains(relative)) {
                continue;
            }
            Path file;
            try {
                file = resolveInside(root, relative);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (!Digests.sha256Hex(file).equals(entry.getValue())) {
                kept.accept(relative);
                continue;
            }
            Files.delete(file);
            removed.add(relative);
            pruneEmptyParents(root, file.getParent());
        }
        return removed;
    }

    private static void pruneEmptyParents(Path root, Path dir) throws IOException {
        while (dir != null && dir.startsWith(root) && !dir.equals(root)) {
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException | java.nio.file.NoSuchFileException e) {
                return;
            }
            dir = dir.getParent();
        }
    }

    static Path resolveInside(Path root, String relative) {
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new IllegalArgumentException(relative + " is not inside " + root);
        }
        return resolved;
    }
}
