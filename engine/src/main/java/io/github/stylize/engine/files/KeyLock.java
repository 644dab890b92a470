package io.github.stylize.engine.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive hold on one key (a cache entry, an output directory, a weights download), across threads of this JVM
 * ({@code mvn -T}) and across processes. A file lock alone is not enough inside one JVM: Java tracks file locks per JVM
 * and throws {@link OverlappingFileLockException} for a second lock on the same file, so threads first queue on an
 * in-JVM lock. Lock files are never deleted: deleting one while another process waits on it would let a third process
 * lock a new file of the same name.
 */
public final class KeyLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock jvmLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private KeyLock(ReentrantLock jvmLock, FileChannel channel, FileLock fileLock) {
        this.jvmLock = jvmLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Blocks until this thread holds {@code lockFile}'s key. */
    public static KeyLock acquire(Path lockFile) throws IOException {
        return acquire(lockFile, () -> { });
    }

    /**
     * Blocks until this thread holds {@code lockFile}'s key, calling {@code beforeWaiting} first if another thread
     * or process holds it, so the caller can say what the build waits for.
     */
    public static KeyLock acquire(Path lockFile, Runnable beforeWaiting) throws IOException {
        Path normalized = lockFile.toAbsolutePath().normalize();
        ReentrantLock jvmLock = IN_JVM.computeIfAbsent(normalized, p -> new ReentrantLock());
        boolean waited = false;
        if (!jvmLock.tryLock()) {
            beforeWaiting.run();
            waited = true;
            jvmLock.lock();
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(normalized.getParent());
            channel = FileChannel.open(normalized, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock held = waited ? null : tryLockFile(channel);
            if (held == null) {
                if (!waited) {
                    beforeWaiting.run();
                }
                held = lockFile(channel, normalized);
            }
            return new KeyLock(jvmLock, channel, held);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            jvmLock.unlock();
            throw e;
        }
    }

    /** The file lock if it is free now, else null; another class loader's hold in this JVM counts as taken. */
    private static FileLock tryLockFile(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static FileLock lockFile(FileChannel channel, Path file) throws IOException {
        while (true) {
            try {
                return channel.lock();
            } catch (OverlappingFileLockException e) {
                // Another class loader in this JVM (another version of this plugin) holds it: wait and retry.
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the lock " + file, ie);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            fileLock.release();
        } finally {
            try {
                channel.close();
            } finally {
                jvmLock.unlock();
            }
        }
    }
}
