package io.github.stylize.maven.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.UUID;

/** Whole-file writes that readers see either before or after, never half done. */
public final class AtomicFiles {
    /**
     * Fills a new temporary file; {@link #DIRECT} in production. A failure part-way (disk full) only ever affects the
     * temporary file, which is then deleted.
     */
    @FunctionalInterface
    public interface Filler {
        Filler DIRECT = (source, temporary) -> {
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                source.transferTo(out);
            }
        };

        void fill(InputStream source, Path temporary) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes {@code bytes} to {@code target} via a temporary file in the same directory and a rename. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, bytes, Filler.DIRECT);
    }

    /** {@link #write(Path, byte[])} with the temporary file filled by {@code filler}. */
    public static void write(Path target, byte[] bytes, Filler filler) throws IOException {
        replaceWith(target, () -> new java.io.ByteArrayInputStream(bytes), filler);
    }

    /** Copies {@code source} to {@code target} via a temporary file in the target's directory and a rename. */
    public static void copy(Path source, Path target) throws IOException {
        copy(source, target, Filler.DIRECT);
    }

    /** {@link #copy(Path, Path)} with the temporary file filled by {@code filler}. */
    public static void copy(Path source, Path target, Filler filler) throws IOException {
        replaceWith(target, () -> Files.newInputStream(source), filler);
    }

    /** Whether {@code a} and {@code b} are both regular files with equal bytes. */
    public static boolean sameBytes(Path a, Path b) throws IOException {
        if (!Files.isRegularFile(a) || !Files.isRegularFile(b) || Files.size(a) != Files.size(b)) {
            return false;
        }
        return Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    private interface Source {
        InputStream open() throws IOException;
    }

    private static void replaceWith(Path target, Source source, Filler filler) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path temp = temporarySibling(target);
        try {
            Files.createFile(temp);
            try (InputStream in = source.open()) {
                filler.fill(in, temp);
            }
            replace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path temporarySibling(Path target) {
        return target.toAbsolutePath().resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }

    private static void replace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
