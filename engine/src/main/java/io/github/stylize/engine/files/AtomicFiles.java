package io.github.stylize.engine.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.UUID;

/**
 * Whole-file writes that readers see either before or after, never half done: the bytes go to a temporary file in
 * the target's directory, which is then renamed over the target (atomically where the file system can; else a plain
 * replace). The temporary file is removed on failure, so the previous file, if any, is left unchanged. Missing parent
 * directories are created. Failures are plain {@link IOException}s; callers name the file and the fix.
 */
public final class AtomicFiles {
    /**
     * Fills a new, empty temporary file. A failure part-way (disk full) only ever affects the temporary file, which is
     * then deleted; tests pass one that fails like a full disk.
     */
    @FunctionalInterface
    public interface Filler {
        /** Writes the bytes; the rename follows without waiting for them to reach the disk. */
        Filler DIRECT = (source, temporary) -> {
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                source.transferTo(out);
            }
        };

        /** Writes the bytes and forces them to disk, so the data is there before the rename makes it visible. */
        Filler DURABLE = (source, temporary) -> {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                source.transferTo(Channels.newOutputStream(channel));
                channel.force(true);
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
        replaceWith(target, () -> new ByteArrayInputStream(bytes), filler);
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
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        // Not Files.createTempFile: that makes the file owner-only (0600), and the rename would give the target those
        // permissions too.
        Path temporary = createTemporary(absolute.getParent(), "." + absolute.getFileName() + ".", ".tmp");
        try {
            try (InputStream in = source.open()) {
                filler.fill(in, temporary);
            }
            replace(temporary, absolute);
        } catch (Throwable failure) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup); // the original failure is what matters; a leftover is harmless
            }
            throw failure;
        }
    }

    /** A uniquely named hidden file next to {@code target}. */
    /**
     * Creates a new empty file {@code <directory>/<prefix><random><suffix>} with the permissions the user's umask
     * gives. Unlike {@link Files#createTempFile}, which makes it owner-only (0600): a file later renamed into a cache
     * that several users of one machine or CI image share must stay readable by them.
     */
    public static Path createTemporary(Path directory, String prefix, String suffix) throws IOException {
        return Files.createFile(directory.resolve(prefix + UUID.randomUUID() + suffix));
    }

    private static void replace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
