package io.github.stylize.engine.weights;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How {@link WeightsSource} finds and downloads weights files.
 *
 * @param cacheDirectory where downloaded files are kept, shared by builds and JVMs
 * @param offline        true to fail instead of downloading (Maven's {@code -o})
 * @param connectTimeout limit for opening a connection
 * @param readTimeout    limit for any single wait for data
 * @param retries        further attempts after a failed download (I/O error or HTTP 5xx), with growing pauses
 * @param log            receives progress lines; never null (null is replaced by a sink that ignores them)
 */
public record WeightsOptions(Path cacheDirectory, boolean offline, Duration connectTimeout, Duration readTimeout,
                             int retries, Consumer<String> log) {
    private static final Consumer<String> IGNORE = line -> {
    };

    public WeightsOptions {
        Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be 0 or more, not " + retries);
        }
        log = log == null ? IGNORE : log;
    }

    /**
     * {@code $XDG_CACHE_HOME/stylize/weights} (default {@code ~/.cache/stylize/weights}), online, 30 s to connect,
     * 60 s per read, 3 retries, no log.
     */
    public static WeightsOptions defaults() {
        return new WeightsOptions(defaultCacheDirectory(System.getenv("XDG_CACHE_HOME"), System.getProperty("user.home")),
                false, Duration.ofSeconds(30), Duration.ofSeconds(60), 3, IGNORE);
    }

    static Path defaultCacheDirectory(String xdgCacheHome, String userHome) {
        // The XDG spec says to ignore a relative XDG_CACHE_HOME.
        Path base = xdgCacheHome != null && !xdgCacheHome.isBlank() && Path.of(xdgCacheHome).isAbsolute()
                ? Path.of(xdgCacheHome)
                : Path.of(userHome, ".cache");
        return base.resolve("stylize").resolve("weights");
    }

    public WeightsOptions withCacheDirectory(Path directory) {
        return new WeightsOptions(directory, offline, connectTimeout, readTimeout, retries, log);
    }

    public WeightsOptions withOffline(boolean offlineMode) {
        return new WeightsOptions(cacheDirectory, offlineMode, connectTimeout, readTimeout, retries, log);
    }

    public WeightsOptions withLog(Consumer<String> sink) {
        return new WeightsOptions(cacheDirectory, offline, connectTimeout, readTimeout, retries, sink);
    }

    public WeightsOptions withRetries(int attemptsAfterTheFirst) {
        return new WeightsOptions(cacheDirectory, offline, connectTimeout, readTimeout, attemptsAfterTheFirst, log);
    }

    public WeightsOptions withTimeouts(Duration connect, Duration read) {
        return new WeightsOptions(cacheDirectory, offline, connect, read, retries, log);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, not " + duration);
        }
    }
}
