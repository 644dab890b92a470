package io.github.stylize.maven.publish;

import io.github.stylize.engine.files.Digests;
import io.github.stylize.engine.files.KeyLock;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Holds the directories one execution writes (outputs, metadata) against every other build, in this JVM or another,
 * for as long as the execution runs. Two builds with different settings writing into the same folders would otherwise
 * both succeed and leave images described by the other build's metadata; now the second waits, saying for what.
 * The lock files live under {@code <locksDirectory>/directory-<SHA-256 of the path>.lock}, never in the directories
 * themselves, so nothing extra lands in the packaged resources.
 */
public final class DirectoryLocks implements AutoCloseable {
    private final List<KeyLock> held;

    private DirectoryLocks(List<KeyLock> held) {
        this.held = held;
    }

    /**
     * Locks {@code directories}, in a fixed order so two builds never wait on each other.
     *
     * @param waiting told which directory the build waits for, when another build holds it
     * @throws IOException if a lock file cannot be created (the caller may go on without the lock)
     */
    public static DirectoryLocks acquire(Path locksDirectory, List<Path> directories, Consumer<String> waiting)
            throws IOException {
        TreeSet<Path> sorted = new TreeSet<>();
        directories.forEach(d -> sorted.add(d.toAbsolutePath().normalize()));
        List<KeyLock> held = new ArrayList<>();
        try {
            for (Path directory : sorted) {
                Path lockFile = locksDirectory.resolve("directory-" + Digests.sha256Hex(directory.toString()) + ".lock");
                held.add(KeyLock.acquire(lockFile, () -> waiting.accept("stylize: waiting for another build that is"
                        + " writing into " + directory + " (lock " + lockFile + ")")));
            }
        } catch (IOException | RuntimeException e) {
            new DirectoryLocks(held).close();
            throw e;
        }
        return new DirectoryLocks(held);
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (int i = held.size() - 1; i >= 0; i--) {
            try {
                held.get(i).close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
