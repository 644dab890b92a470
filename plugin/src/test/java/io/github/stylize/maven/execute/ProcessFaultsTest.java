package io.github.stylize.maven.execute;

import io.github.stylize.maven.it.ItFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Faults that need a real process: a build killed with SIGKILL in the middle of an optimization, and two builds on one
 * cache at once. Each build is {@link GenerateInAnotherJvm}: a JVM started directly (no shell in between), so
 * {@link Process#destroyForcibly()} is a {@code kill -9} of the JVM doing the work.
 */
class ProcessFaultsTest {
    @TempDir
    Path work;

    @BeforeEach
    void inputs() {
        ItFixtures.writeTinyWeights(work.resolve("tiny-vgg.h5"));
        ItFixtures.drawContent(work.resolve("content.png"), 48, 32, 0);
        ItFixtures.drawStyle(work.resolve("style.png"), 32, 1);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aBuildKilledMidOptimizationLeavesNothingPartialAndTheNextBuildRegenerates() throws Exception {
        int iterations = 400;
        Path build = work.resolve("module/target");
        Build killed = Build.start(work, build, iterations);
        killed.awaitLine(line -> line.matches("INFO \\[harbor] iteration \\d+/" + iterations + " .*"), 120);
        assertTrue(killed.process.isAlive(), "still optimizing when killed: " + killed.lines);

        killed.process.destroyForcibly();
        assertTrue(killed.process.waitFor(30, TimeUnit.SECONDS));
        if (!System.getProperty("os.name").startsWith("Windows")) {
            assertEquals(137, killed.process.exitValue(), "128 + SIGKILL: the JVM itself was killed");
        }
        assertTrue(killed.lines.stream().noneMatch(l -> l.startsWith("RESULT")), killed.lines.toString());
        assertEquals(List.of(), files(build), "no output, metadata or temporary file in the build directory");
        assertEquals(List.of(), files(work.resolve("cache/images")).stream()
                .filter(p -> !p.getFileName().toString().endsWith(".lock")).toList(),
                "nothing in the image cache but the key's lock file");

        Build next = Build.start(work, build, iterations);
        assertEquals(0, next.awaitExit(240), next.lines.toString());
        assertTrue(next.lines.contains("RESULT harbor generated"), next.lines.toString());
        assertTrue(Files.size(build.resolve("generated-resources/stylize/harbor.png")) > 0);
        assertEquals(List.of(), files(work).stream().filter(ProcessFaultsTest::temporary).toList());
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void twoBuildsAtOnceOnOneCacheComputeTheKeyOnceAndBothSucceed() throws Exception {
        Build first = Build.start(work, work.resolve("a/target"), 300);
        Build second = Build.start(work, work.resolve("b/target"), 300);

        assertEquals(0, first.awaitExit(240), first.lines.toString());
        assertEquals(0, second.awaitExit(240), second.lines.toString());

        List<String> results = Stream.of(first, second)
                .flatMap(b -> b.lines.stream().filter(l -> l.startsWith("RESULT"))).sorted().toList();
        assertEquals(List.of("RESULT harbor cached", "RESULT harbor generated"), results);
        long rendered = Stream.of(first, second)
                .filter(b -> b.lines.stream().anyMatch(l -> l.startsWith("INFO [harbor] generating "))).count();
        assertEquals(1, rendered, "exactly one build ran the engine");
        assertTrue(Files.mismatch(work.resolve("a/target/generated-resources/stylize/harbor.png"),
                work.resolve("b/target/generated-resources/stylize/harbor.png")) < 0, "both got the same image");
        assertEquals(List.of(), files(work).stream().filter(ProcessFaultsTest::temporary).toList());
    }

    private static boolean temporary(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".tmp") || name.startsWith(".tmp-") || name.startsWith(".old-");
    }

    private static List<Path> files(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }

    /** A running {@link GenerateInAnotherJvm} and the lines it printed so far. */
    private static final class Build {
        final Process process;
        final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        final BlockingQueue<String> fresh = new LinkedBlockingQueue<>();

        private Build(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                        fresh.add(line);
                    }
                } catch (IOException ignored) {
                    // the process was killed
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        static Build start(Path work, Path build, int iterations) throws IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            return new Build(new ProcessBuilder(java.toString(), "-Xmx1g", "-Dorg.nd4j.log.initialization=false",
                    "-Dorg.nd4j.versioncheck=false", "-cp", System.getProperty("java.class.path"),
                    GenerateInAnotherJvm.class.getName(), work.toString(), build.toString(), String.valueOf(iterations))
                    .redirectErrorStream(true).start());
        }

        void awaitLine(java.util.function.Predicate<String> wanted, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                String line = fresh.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && wanted.test(line)) {
                    return;
                }
                if (line == null && !process.isAlive() && fresh.isEmpty()) {
                    fail("the build ended before the awaited line: " + lines);
                }
            }
            process.destroyForcibly();
            fail("no awaited line within " + seconds + " s: " + lines);
        }

        int awaitExit(int seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("the build did not finish within " + seconds + " s: " + lines);
            }
            Thread.sleep(100); // let the reader take the last lines
            return process.exitValue();
        }
    }
}
