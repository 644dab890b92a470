package io.github.stylize.maven.report;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium}, headless, for tests that look at the report as a browser does. Where it is missing the
 * test is skipped, except on CI ({@code CI=true}), where {@code .ci/run} installs it and its absence is a failure.
 */
final class HeadlessChromium {
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
    private static final long TIMEOUT_SECONDS = 90;

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /** The browser, or the test skipped (locally) or failed (on CI) with how to install it. */
    static HeadlessChromium require() {
        Path found = CANDIDATES.stream().filter(Files::isExecutable).findFirst().orElse(null);
        String message = "headless Chromium not found at " + CANDIDATES + "; install it with: apt-get install -y chromium";
        if (found == null && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (.ci/run does; CI=true makes this a failure, not a skip)");
        }
        Assumptions.assumeTrue(found != null, message);
        return new HeadlessChromium(found);
    }

    /**
     * The DOM after the page loaded and its scripts ran (virtual time lets timers and image loads finish), in a window
     * as wide as a desktop browser's, so the layout measured is the one an artist sees.
     */
    String dumpDom(Path page) throws IOException, InterruptedException {
        return run(List.of("--virtual-time-budget=10000", "--window-size=1280,1000", "--dump-dom",
                page.toUri().toString()));
    }

    void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.deleteIfExists(png);
        run(List.of("--virtual-time-budget=10000", "--hide-scrollbars", "--window-size=" + width + "," + height,
                "--screenshot=" + png.toAbsolutePath(), page.toUri().toString()));
        if (!Files.isRegularFile(png)) {
            throw new AssertionError("chromium wrote no screenshot at " + png);
        }
    }

    private String run(List<String> arguments) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("stylize-chromium-profile");
        Path stdout = Files.createTempFile("stylize-chromium", ".out");
        Path stderr = Files.createTempFile("stylize-chromium", ".err");
        try {
            List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
            command.addAll(arguments);
            Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + command);
            }
            String out = Files.readString(stdout, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError("chromium exited with " + process.exitValue() + ": "
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            return out;
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
