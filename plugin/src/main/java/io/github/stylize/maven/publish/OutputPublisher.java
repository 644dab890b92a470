package io.github.stylize.maven.publish;

import io.github.stylize.engine.files.AtomicFiles;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Copies images into the output directory and removes the ones no longer declared. */
public final class OutputPublisher {
    private final Path outputDirectory;
    private final AtomicFiles.Filler filler;

    public OutputPublisher(Path outputDirectory) {
        this(outputDirectory, AtomicFiles.Filler.DIRECT);
    }

    /** @param filler writes each temporary file before its rename; tests pass one that fails like a full disk */
    public OutputPublisher(Path outputDirectory, AtomicFiles.Filler filler) {
        this.outputDirectory = outputDirectory.toAbsolutePath().normalize();
        this.filler = filler;
    }

    public Path outputDirectory() {
        return outputDirectory;
    }

    /**
     * Makes {@code outputDirectory/relativeOutput} a copy of {@code image}.
     *
     * @return false if it already was one (the file is left untouched, so its timestamp does not change)
     */
    public boolean publish(String relativeOutput, Path image) throws IOException {
        Path target = resolveInside(outputDirectory, relativeOutput);
        if (AtomicFiles.sameBytes(image, target)) {
            return false;
        }
        AtomicFiles.copy(image, target, filler);
        return true;
    }

    /**
     * Makes {@code outputDirectory/relativeOutput} hold {@code bytes} (an image that could not be cached).
     *
     * @return false if it already did (the file is left untouched)
     */
    public boolean publish(String relativeOutput, byte[] bytes) throws IOException {
        Path target = resolveInside(outputDirectory, relativeOutput);
        if (Files.isRegularFile(target) && java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
            return false;
        }
        AtomicFiles.write(target, bytes, filler);
        return true;
    }

    /** The file {@code relativeOutput} names. */
    public Path resolve(String relativeOutput) {
        return resolveInside(outputDirectory, relativeOutput);
    }

    /**
     * Deletes the files {@code previous} recorded that are not in {@code current}, and the directories that empties.
     *
     * @param directory root the relative paths are under
     * @return the deleted relative paths
     */
    public static List<String> removeStale(Path directory, Set<String> previous, Set<String> current) throws IOException {
        Path root = directory.toAbsolutePath().normalize();
        List<String> removed = new ArrayList<>();
        for (String relative : previous) {
            if (current.contains(relative)) {
                continue;
            }
            Path file;
            try {
                file = resolveInside(root, relative);
            } catch (IllegalArgumentException e) {
                continue; // never delete outside the directory, whatever the manifest says
            }
            if (Files.deleteIfExists(file)) {
                removed.add(relative);
                pruneEmptyParents(root, file.getParent());
            }
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
