package io.github.stylize.engine.weights;

import io.github.stylize.engine.files.AtomicFiles;
import io.github.stylize.engine.files.Digests;
import io.github.stylize.engine.files.KeyLock;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

/**
 * Downloads a weights file into the cache directory once, verifies it, and finds it again cheaply.
 *
 * <p>A download goes to a temporary {@code .part} file in the cache directory, is checked (Content-Length, the expected
 * MD5 and/or pinned SHA-256) and only then moved into place atomically, followed by its {@link DigestSidecar}. So the
 * cache holds either nothing or a complete, verified file. A {@link KeyLock} on {@code <file>.lock} keeps concurrent
 * builds and threads from downloading the same file at once.
 *
 * <p>The connection, the proxy and the copy with progress lines are {@link WeightsHttp}'s.
 */
final class WeightsDownloader {

    /** What a download must match; null fields are not checked. */
    record Expectation(String md5, String sha256) {
    }

    /** A verified file in the cache and its SHA-256. */
    record CachedFile(Path file, String sha256) {
    }

    private final WeightsOptions options;
    private final WeightsHttp http;
    private final Duration firstRetryPause;

    WeightsDownloader(WeightsOptions options) {
        this(options, Duration.ofSeconds(1));
    }

    /** @param firstRetryPause pause before the first retry; each later one doubles it (tests shorten it) */
    WeightsDownloader(WeightsOptions options, Duration firstRetryPause) {
        this.options = options;
        this.http = new WeightsHttp(options);
        this.firstRetryPause = firstRetryPause;
    }

    /** Where {@code url} is cached: its file name plus a short hash of the whole URL, so two URLs never collide. */
    Path cacheFile(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.isEmpty() || name.chars().allMatch(c -> c == '.')) {
            name = "weights";
        }
        if (name.length() > 100) {
            name = name.substring(name.length() - 100);
        }
        String hash = Digests.sha256Hex(url.toString()).substring(0, 12);
        int dot = name.lastIndexOf('.');
        String fileName = dot > 0 && name.length() - dot <= 6
                ? name.substring(0, dot) + "-" + hash + name.substring(dot)
                : name + "-" + hash;
        return options.cacheDirectory().toAbsolutePath().resolve(fileName);
    }

    /**
     * The verified cached copy of {@code url}, downloading it first if it is not cached.
     *
     * @throws WeightsException naming the URL, the cache file and the fix, if it cannot be downloaded or verified
     */
    CachedFile fetch(URI url, Expectation expectation) {
        Path target = cacheFile(url);
        Optional<CachedFile> ready = trustedCachedFile(url, target, expectation);
        if (ready.isPresent()) {
            return ready.get(); // the common case: no lock, no hashing, no network
        }
        if (options.offline() && !Files.exists(target)) {
            throw offline(url, target);
        }
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new WeightsException("Cannot create the weights cache directory " + target.getParent() + ": " + e
                    + "; make it writable or set another cache directory", e);
        }
        Path lockFile = target.resolveSibling(target.getFileName() + ".lock");
        try (KeyLock ignored = KeyLock.acquire(lockFile, () -> options.log().accept("Another build is downloading "
                + target.getFileName() + "; waiting for it"))) {
            // Another build may have finished the download while we waited.
            if (Files.exists(target)) {
                return verifyCached(url, target, expectation);
            }
            if (options.offline()) {
                throw offline(url, target);
            }
            deleteAbandonedParts(target);
            return downloadWithRetries(url, target, expectation);
        } catch (IOException e) {
            throw new WeightsException("Cannot use the weights cache " + target.getParent() + " for " + url + ": "
                    + e + "; make the directory writable or set another cache directory", e);
        }
    }

    /** The cached file if it exists and its sidecar is current: nothing is hashed. */
    private Optional<CachedFile> trustedCachedFile(URI url, Path target, Expectation expectation) {
        if (!Files.isRegularFile(target)) {
            return Optional.empty();
        }
        Optional<String> sha256 = DigestSidecar.trustedSha256(target);
        if (sha256.isEmpty()) {
            return Optional.empty();
        }
        // The sidecar is only written after the file passed the expected MD5, so only a pin can disagree.
        if (expectation.sha256() != null && !expectation.sha256().equals(sha256.get())) {
            throw cachedMismatch(url, target, "SHA-256", expectation.sha256(), sha256.get());
        }
        return Optional.of(new CachedFile(target, sha256.get()));
    }

    /** Checks a cached file whose sidecar is missing or stale (replaced file, or placed there by hand) by hashing it. */
    private CachedFile verifyCached(URI url, Path target, Expectation expectation) throws IOException {
        Optional<CachedFile> trusted = trustedCachedFile(url, target, expectation);
        if (trusted.isPresent()) {
            return trusted.get();
        }
        options.log().accept("Verifying cached weights " + target);
        Digests.Result digests = Digests.ofFile(target);
        String algorithm = null;
        String expected = null;
        String actual = null;
        if (expectation.md5() != null && !expectation.md5().equals(digests.md5())) {
            algorithm = "MD5";
            expected = expectation.md5();
            actual = digests.md5();
        } else if (expectation.sha256() != null && !expectation.sha256().equals(digests.sha256())) {
            algorithm = "SHA-256";
            expected = expectation.sha256();
            actual = digests.sha256();
        }
        if (algorithm != null) {
            // A sidecar means this downloader put the file there, verified: its bytes changed since. Such a file is
            // ours to remove, so the next build downloads it afresh. A file put there by hand is the user's to fix.
            if (Files.exists(DigestSidecar.of(target))) {
                Files.deleteIfExists(target);
                Files.deleteIfExists(DigestSidecar.of(target));
                throw removedMismatch(url, target, algorithm, expected, actual);
            }
            throw cachedMismatch(url, target, algorithm, expected, actual);
        }
        DigestSidecar.record(target, digests.sha256());
        return new CachedFile(target, digests.sha256());
    }

    private CachedFile downloadWithRetries(URI url, Path target, Expectation expectation) {
        int attempts = options.retries() + 1;
        for (int attempt = 1; ; attempt++) {
            try {
                return downloadOnce(url, target, expectation);
            } catch (RetryableFailure e) {
                if (attempt >= attempts) {
                    throw new WeightsException("Cannot download VGG weights from " + url + " (" + attempts
                            + (attempts == 1 ? " attempt" : " attempts") + "): " + e.getMessage() + ". "
                            + (e.serverError ? "The server is failing; try again later"
                            : "Check the network and the proxy settings" + http.through(url, " (it went through ", ")")
                            + ": a <proxy> in Maven's settings.xml, or -Dhttps.proxyHost/-Dhttps.proxyPort")
                            + ", or download the file yourself and set -Dstylize.weights=<path>; for an offline"
                            + " preview set -Dstylize.weights=random (textures from random weights, not the paper's"
                            + " look)", e);
                }
                Duration pause = firstRetryPause.multipliedBy(1L << Math.min(attempt - 1, 5));
                options.log().accept("Download of " + url + " failed (" + e.getMessage() + "); retrying in "
                        + pause.toMillis() + " ms");
                sleep(pause);
            }
        }
    }

    private CachedFile downloadOnce(URI url, Path target, Expectation expectation) throws RetryableFailure {
        HttpURLConnection connection = null;
        Path part = null;
        try {
            connection = http.open(url);
            int status = connection.getResponseCode();
            if (status >= 500) {
                throw new RetryableFailure("HTTP " + status + WeightsHttp.statusText(connection) + " from the server", true);
            }
            if (status != HttpURLConnection.HTTP_OK) {
                throw WeightsHttp.httpError(url, status, connection);
            }
            long expectedLength = connection.getContentLengthLong();
            part = AtomicFiles.createTemporary(target.getParent(), target.getFileName() + ".", ".part");
            Digests digests = new Digests();
            long received;
            try (InputStream in = connection.getInputStream();
                 OutputStream out = Files.newOutputStream(part, StandardOpenOption.WRITE)) {
                received = http.copy(url, in, out, digests, expectedLength);
            }
            if (expectedLength >= 0 && received != expectedLength) {
                throw new RetryableFailure("the connection closed after " + received + " of " + expectedLength
                        + " bytes", false);
            }
            checkLooksLikeHdf5(url, part);
            Digests.Result actual = digests.finish();
            if (expectation.md5() != null && !expectation.md5().equals(actual.md5())) {
                throw downloadMismatch(url, "MD5", expectation.md5(), actual.md5(),
                        "the server sent a different file; try again later, or download the file yourself and set"
                                + " -Dstylize.weights=<path>");
            }
            if (expectation.sha256() != null && !expectation.sha256().equals(actual.sha256())) {
                throw downloadMismatch(url, "SHA-256", expectation.sha256(), actual.sha256(),
                        "if the file is the one you want, pin weightsSha256=" + actual.sha256()
                                + "; otherwise fix the URL or the pin and retry");
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            part = null;
            DigestSidecar.record(target, actual.sha256());
            options.log().accept("Downloaded " + url + " to " + target + " (" + WeightsHttp.megabytes(received) + ", "
                    + (expectation.md5() != null ? "MD5 verified, " : "")
                    + (expectation.sha256() != null ? "SHA-256 verified" : "SHA-256 " + actual.sha256()) + ")");
            return new CachedFile(target, actual.sha256());
        } catch (IOException e) {
            throw new RetryableFailure(e.toString(), false);
        } finally {
            deleteQuietly(part);
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    /** An unpinned URL has no digest to catch an error page served with status 200; the HDF5 signature does. */
    private static void checkLooksLikeHdf5(URI url, Path part) throws IOException {
        Hdf5Superblock.Summary summary = Hdf5Superblock.inspect(part);
        if (!summary.isHdf5()) {
            throw new WeightsException("The file downloaded from " + url + " is not an HDF5 weights file ("
                    + summary.actualSize() + " bytes without the HDF5 signature; a web page?); nothing was cached."
                    + " Check the URL: it must point at the .h5 file itself");
        }
        if (summary.truncated()) {
            throw new WeightsException("The file downloaded from " + url + " is a truncated HDF5 file ("
                    + summary.actualSize() + " bytes, its header says " + summary.storedEndOfFile()
                    + "); nothing was cached. The file on the server is incomplete: use another copy");
        }
    }

    /** Removes {@code .part} files of this target left by a build that was killed mid-download (we hold the lock). */
    private void deleteAbandonedParts(Path target) throws IOException {
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(target.getParent(),
                globEscape(target.getFileName().toString()) + ".*.part")) {
            for (Path part : parts) {
                deleteQuietly(part);
            }
        }
    }

    private WeightsException offline(URI url, Path target) {
        return new WeightsException("VGG weights not cached and Maven is offline: run once online, or put the file at "
                + target + " (downloaded from " + url + "), or use -Dstylize.weights=<path|random>");
    }

    private static WeightsException downloadMismatch(URI url, String algorithm, String expected, String actual,
                                                     String fix) {
        return new WeightsException("VGG weights downloaded from " + url + " have " + algorithm + " " + actual
                + " but " + expected + " was expected; nothing was cached. Fix: " + fix);
    }

    private static WeightsException cachedMismatch(URI url, Path target, String algorithm, String expected,
                                                   String actual) {
        return new WeightsException("Cached VGG weights " + target + " (from " + url + ") have " + algorithm + " "
                + actual + " but " + expected + " was expected. If the expected checksum is right, delete " + target
                + " and its .sha256 file and build again to download it afresh; if the file is right"
                + ("SHA-256".equals(algorithm) ? ", pin weightsSha256=" + actual : ", set -Dstylize.weights=" + target));
    }

    private static WeightsException removedMismatch(URI url, Path target, String algorithm, String expected,
                                                    String actual) {
        return new WeightsException("Cached VGG weights " + target + " (from " + url + ") have " + algorithm + " "
                + actual + " but " + expected + " was expected: the file changed after it was downloaded and verified,"
                + " so it was removed from the cache. Build again to download it afresh (online), or put a good copy"
                + " at " + target);
    }

    private static String globEscape(String name) {
        return name.replaceAll("([*?\\[\\]{}\\\\])", "\\\\$1");
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeightsException("Download of VGG weights interrupted", e);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // removed with the next download's cleanup of abandoned parts
            }
        }
    }

    /** A failure that may pass: I/O error, timeout, truncated body, HTTP 5xx. */
    private static final class RetryableFailure extends Exception {
        final boolean serverError;

        RetryableFailure(String message, boolean serverError) {
            super(message);
            this.serverError = serverError;
        }
    }
}
