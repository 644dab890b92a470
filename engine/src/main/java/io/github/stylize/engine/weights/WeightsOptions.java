package io.github.stylize.engine.weights;

import java.net.Authenticator;
import java.net.ProxySelector;
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
 * @param proxies        chooses the proxy for a download URL (e.g. the proxies of Maven's {@code settings.xml});
 *                       null for the JVM's {@link ProxySelector#getDefault()} ({@code http(s).proxyHost} properties)
 * @param proxyAuthenticator answers a proxy's request for credentials (HTTP 407); null for none
 */
public record WeightsOptions(Path cacheDirectory, boolean offline, Duration connectTimeout, Duration readTimeout,
                             int retries, Consumer<String> log, ProxySelector proxies,
                             Authenticator proxyAuthenticator) {
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
     * 60 s per read, 3 retries, no log, the JVM's proxy settings.
     */
    public static WeightsOptions defaults() {
        return new WeightsOptions(defaultCacheDirectory(System.getenv("XDG_CACHE_HOME"), System.getProperty("user.home")),
                false, Duration.ofSeconds(30), Duration.ofSeconds(60), 3, IGNORE, null, null);
    }

    static Path defaultCacheDirectory(String xdgCacheHome, String userHome) {
        // The XDG spec says to ignore a relative XDG_CACHE_HOME.
        Path base = xdgCacheHome != null && !xdgCacheHome.isBlank() && Path.of(xdgCacheHome).isAbsolute()
                ? Path.of(xdgCacheHome)
                : Path.of(userHome, ".cache");
        return base.resolve("stylize").resolve("weights");
    }

    public WeightsOptions withCacheDirectory(Path directory) {
        return new WeightsOptions(directory, offline, connectTimeout, readTimeout, retries, log, proxies, proxyAuthenticator);
    }

    public WeightsOptions withOffline(boolean offlineMode) {
        return new WeightsOptions(cacheDirectory, offlineMode, connectTimeout, readTimeout, retries, log, proxies, proxyAuthenticator);
    }

    public WeightsOptions withLog(Consumer<String> sink) {
        return new WeightsOptions(cacheDirectory, offline, connectTimeout, readTimeout, retries, sink, proxies, proxyAuthenticator);
    }

    public WeightsOptions withRetries(int attemptsAfterTheFirst) {
        return new WeightsOptions(cacheDirectory, offline, connectTimeout, readTimeout, attemptsAfterTheFirst, log, proxies, proxyAuthenticator);
    }

    public WeightsOptions withTimeouts(Duration connect, Duration read) {
        return new WeightsOptions(cacheDirectory, offline, connect, read, retries, log, proxies, proxyAuthenticator);
    }

    /**
     * Downloads through the proxy {@code selector} picks for each URL, answering its credential requests with
     * {@code authenticator}; a null selector restores the JVM's default, a null authenticator sends no credentials.
     */
    public WeightsOptions withProxies(ProxySelector selector, Authenticator authenticator) {
        return new WeightsOptions(cacheDirectory, offline, connectTimeout, readTimeout, retries, log, selector,
                authenticator);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, not " + duration);
        }
    }
}
