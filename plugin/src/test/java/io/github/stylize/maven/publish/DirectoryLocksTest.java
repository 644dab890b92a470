package io.github.stylize.maven.publish;

import io.github.stylize.engine.files.Digests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectoryLocksTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(30)
    void aSecondBuildIntoTheSameDirectoriesWaitsForTheFirstAndSaysForWhat() throws Exception {
        Path locks = dir.resolve("cache/locks");
        Path out = dir.resolve("target/generated-resources/stylize");
        Path meta = dir.resolve("target/stylize");
        List<String> waited = new CopyOnWriteArrayList<>();

        DirectoryLocks first = DirectoryLocks.acquire(locks, List.of(out, meta), waited::add);
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> acquireAndRelease(locks, List.of(meta, out),
                waited));
        while (waited.isEmpty()) {
            Thread.sleep(10);
        }
        Thread.sleep(200);
        assertFalse(second.isDone(), "the second build waits while the first holds the directories");
        assertTrue(waited.get(0).startsWith("stylize: waiting for another build that is writing into "), waited.get(0));

        first.close();
        second.get(20, TimeUnit.SECONDS);
        assertEquals(1, waited.size(), waited.toString());
    }

    @Test
    @Timeout(30)
    void aLockHeldByAnotherProcessIsWaitedForToo() throws Exception {
        Path locks = Files.createDirectories(dir.resolve("cache/locks"));
        Path out = dir.resolve("out").toAbsolutePath().normalize();
        Path lockFile = locks.resolve("directory-" + Digests.sha256Hex(out.toString()) + ".lock");
        List<String> waited = new CopyOnWriteArrayList<>();
        // A file lock taken outside DirectoryLocks stands for another JVM's build.
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock other = channel.lock();
            CompletableFuture<Void> build = CompletableFuture.runAsync(() -> acquireAndRelease(locks, List.of(out),
                    waited));
            while (waited.isEmpty()) {
                Thread.sleep(10);
            }
            assertEquals("stylize: waiting for another build that is writing into " + out + " (lock " + lockFile + ")",
                    waited.get(0));
            assertFalse(build.isDone());
            other.release();
            build.get(20, TimeUnit.SECONDS);
        }
    }

    /** A build's hold: taken and released by one thread, as Maven runs an execution. */
    private static void acquireAndRelease(Path locks, List<Path> directories, List<String> waited) {
        try (DirectoryLocks held = DirectoryLocks.acquire(locks, directories, waited::add)) {
            Thread.onSpinWait(); // the execution's work would run here
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }
}
