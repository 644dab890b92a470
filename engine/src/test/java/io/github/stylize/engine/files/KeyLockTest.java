package io.github.stylize.engine.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyLockTest {
    @TempDir
    Path dir;

    @Test
    void aFreeKeyIsTakenWithoutSayingThatItWaitsAndItsLockFileStays() throws Exception {
        Path lockFile = dir.resolve("nested/key.lock");
        AtomicInteger waits = new AtomicInteger();
        try (KeyLock lock = KeyLock.acquire(lockFile, waits::incrementAndGet)) {
            assertTrue(Files.exists(lockFile), "the lock file and its missing directories are created");
        }
        try (KeyLock again = KeyLock.acquire(lockFile, waits::incrementAndGet)) {
            assertEquals(0, waits.get(), "nobody held the key, so nobody waited");
        }
        assertTrue(Files.exists(lockFile), "lock files are never deleted");
    }

    @Test
    void aHeldKeyMakesAnotherThreadSayItWaitsThenWaitUntilTheHolderLetsGo() throws Exception {
        Path lockFile = dir.resolve("key.lock");
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicBoolean released = new AtomicBoolean();
        AtomicBoolean enteredAfterRelease = new AtomicBoolean();
        Thread second;
        try (KeyLock held = KeyLock.acquire(lockFile)) {
            second = new Thread(() -> {
                try (KeyLock lock = KeyLock.acquire(lockFile, waiting::countDown)) {
                    enteredAfterRelease.set(released.get());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            second.start();
            assertTrue(waiting.await(10, TimeUnit.SECONDS), "the second thread did not report that it waits");
            Thread.sleep(100);
            assertTrue(second.isAlive(), "the second thread got the key while the first held it");
            released.set(true);
        }
        second.join(10_000);
        assertFalse(second.isAlive());
        assertTrue(enteredAfterRelease.get(), "the second thread entered before the first let go");
    }
}
