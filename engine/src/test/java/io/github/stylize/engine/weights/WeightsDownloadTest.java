package io.github.stylize.engine.weights;

import io.github.stylize.engine.files.Digests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Downloads against a loopback HTTP server serving a small VGG-layout file the test writes. */
class WeightsDownloadTest {
    private static final String PATH = "/weights/vgg19_narrow.h5";

    @TempDir
    Path temporary;

    private LocalWeightsServer server;
    private VggWeights weights;
    private byte[] file;
    private String sha256;
    private String md5;
    private Path cache;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void serveANarrowVggFile() throws Exception {
        weights = RandomVggWeights.create(11, new int[]{16, 32, 32, 32, 32}); // about 0.4 MB: several progress steps
        Path written = temporary.resolve("served.h5");
        Hdf5WeightsWriter.write(weights, written, NameStyle.KERAS_1);
        file = Files.readAllBytes(written);
        sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(file));
        cache = temporary.resolve("cache");
        server = new LocalWeightsServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private WeightsOptions options() {
        return WeightsOptions.defaults().withCacheDirectory(cache).withRetries(0).withLog(log::add)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    private WeightsSource source() {
        return WeightsSource.parse(server.url(PATH).toString());
    }

    @Test
    void downloadsOnceThenUsesTheCache() throws Exception {
        server.serve(PATH, file);

        VggWeights first = source().load(options());
        VggWeights second = source().load(options());

        Hdf5RoundTripTest.assertSameLayers(weights, first);
        Hdf5RoundTripTest.assertSameLayers(weights, second);
        assertEquals(1, server.requests(PATH));
        Path cached = source().resolve(options());
        assertEquals(cache.toAbsolutePath(), cached.getParent());
        assertTrue(cached.getFileName().toString().matches("vgg19_narrow-[0-9a-f]{12}\\.h5"), cached.toString());
        assertEquals(List.of(cached.getFileName().toString(), cached.getFileName() + ".lock",
                cached.getFileName() + ".sha256"), sorted(listNames(cache)));
        assertTrue(Files.readString(DigestSidecar.of(cached)).startsWith(sha256 + "  " + cached.getFileName()));
        assertTrue(log.stream().anyMatch(line -> line.startsWith("Downloading " + server.url(PATH))), log.toString());
        assertTrue(log.stream().filter(line -> line.matches("  [1-9]0% \\(.* of .* MB\\)")).count() >= 3, log.toString());
        assertTrue(log.stream().anyMatch(line -> line.startsWith("Downloaded ")), log.toString());
    }

    @Test
    void identityOfAnUnpinnedUrlIsTheRecordedSha256AndCheapTheSecondTime() throws Exception {
        server.serve(PATH, file);

        assertEquals("sha256:" + sha256, source().identity(options()));
        assertEquals(1, server.requests(PATH));

        // Same size and time but other bytes: a second identity() that rehashed would notice; it must trust the sidecar.
        Path cached = source().resolve(options());
        FileTime modified = Files.getLastModifiedTime(cached);
        byte[] altered = file.clone();
        altered[altered.length - 1] ^= 1;
        Files.write(cached, altered);
        Files.setLastModifiedTime(cached, modified);
        assertEquals("sha256:" + sha256, source().identity(options()));
        assertEquals(1, server.requests(PATH));

        // A visibly replaced file (new time) is rehashed, and the identity follows its bytes.
        Files.setLastModifiedTime(cached, FileTime.fromMillis(modified.toMillis() - 60_000));
        assertNotEquals("sha256:" + sha256, source().identity(options()));
        assertEquals(1, server.requests(PATH));
    }

    @Test
    void aPinnedSha256IsTheIdentityWithoutAnyDownload() {
        server.serve(PATH, file);

        assertEquals("sha256:" + sha256, source().withSha256(sha256.toUpperCase(Locale.ROOT)).identity(options()));
        assertEquals(0, server.requests(PATH));
        Hdf5RoundTripTest.assertSameLayers(weights, source().withSha256(sha256).load(options()));
        assertEquals(1, server.requests(PATH));
    }

    @Test
    void aSha256MismatchNamesBothDigestsAndLeavesNothingCached() throws Exception {
        server.serve(PATH, file);
        String wrong = "0".repeat(64);

        WeightsException error = assertThrows(WeightsException.class,
                () -> source().withSha256(wrong).resolve(options()));

        assertContains(error, server.url(PATH).toString(), wrong, sha256, "weightsSha256=" + sha256, "nothing was cached");
        assertOnlyLockFiles();
    }

    @Test
    void aPinThatDisagreesWithTheCachedDownloadIsReportedWithoutDownloadingAgain() {
        server.serve(PATH, file);
        source().resolve(options());
        String other = "ab".repeat(32);

        WeightsException error = assertThrows(WeightsException.class,
                () -> source().withSha256(other).resolve(options()));

        assertContains(error, "Cached VGG weights", other, sha256, "delete");
        assertEquals(1, server.requests(PATH));
    }

    @Test
    void theDownloadAndItsSidecarGetTheUmasksPermissionsSoACacheCanBeSharedByUsers() throws Exception {
        server.serve(PATH, file);
        Path cached = source().resolve(options());
        Path probe = Files.createFile(cached.resolveSibling("probe"));
        var expected = Files.getPosixFilePermissions(probe);
        Files.delete(probe);

        assertEquals(expected, Files.getPosixFilePermissions(cached), "not owner-only like a temp file");
        assertEquals(expected, Files.getPosixFilePermissions(DigestSidecar.of(cached)));
    }

    @Test
    void theDefaultSourceIsVerifiedByMd5() {
        server.serve(PATH, file);
        WeightsSource keras = WeightsSource.keras(server.url(PATH), md5.toUpperCase(Locale.ROOT));

        assertEquals("keras-vgg19-notop md5:" + md5, keras.identity(options()));
        assertEquals(0, server.requests(PATH));
        Hdf5RoundTripTest.assertSameLayers(weights, keras.load(options()));
        assertTrue(log.stream().anyMatch(line -> line.contains("MD5 verified")), log.toString());
        keras.load(options());
        assertEquals(1, server.requests(PATH));
    }

    @Test
    void anMd5MismatchNamesBothDigestsAndLeavesNothingCached() throws Exception {
        server.serve(PATH, file);
        String wrongMd5 = "253f8cb515780f3b799900260a226db6";

        WeightsException error = assertThrows(WeightsException.class,
                () -> WeightsSource.keras(server.url(PATH), wrongMd5).resolve(options()));

        assertContains(error, server.url(PATH).toString(), "MD5", wrongMd5, md5, "nothing was cached");
        assertOnlyLockFiles();
    }

    @Test
    void aReplacedCachedDefaultFileFailsItsMd5() throws Exception {
        server.serve(PATH, file);
        WeightsSource keras = WeightsSource.keras(server.url(PATH), md5);
        Path cached = keras.resolve(options());
        Files.write(cached, new byte[]{1, 2, 3});

        WeightsException error = assertThrows(WeightsException.class, () -> keras.resolve(options()));

        assertContains(error, cached.toString(), "MD5", md5, "removed from the cache", "Build again");
        assertFalse(Files.exists(cached), "the damaged download is removed");
        assertFalse(Files.exists(DigestSidecar.of(cached)));
        assertEquals(1, server.requests(PATH));

        assertEquals(cached, keras.resolve(options()), "the next build downloads it afresh");
        assertEquals(2, server.requests(PATH));
        assertEquals(md5, Digests.ofFile(cached).md5());
    }

    @Test
    void aWrongFilePutInTheCacheByHandIsReportedAndKept() throws Exception {
        server.serve(PATH, file);
        WeightsSource keras = WeightsSource.keras(server.url(PATH), md5);
        Path expected = new WeightsDownloader(options()).cacheFile(server.url(PATH));
        Files.createDirectories(cache);
        Files.write(expected, new byte[]{1, 2, 3}); // no sidecar: not the downloader's file

        WeightsException error = assertThrows(WeightsException.class, () -> keras.resolve(options()));

        assertContains(error, expected.toString(), "MD5", md5, "delete " + expected);
        assertTrue(Files.exists(expected), "a file the user put there is the user's to remove");
        assertEquals(0, server.requests(PATH));
    }

    @Test
    void anErrorPageServedWithStatus200IsNotCached() throws Exception {
        server.serve(PATH, "<html><body>Please sign in</body></html>".getBytes(StandardCharsets.UTF_8));

        WeightsException error = assertThrows(WeightsException.class, () -> source().resolve(options()));

        assertContains(error, server.url(PATH).toString(), "not an HDF5 weights file", "nothing was cached");
        assertEquals(1, server.requests(PATH));
        assertOnlyLockFiles();
    }

    @Test
    void aCorruptCachedDownloadIsReportedWithItsUrl() throws Exception {
        server.serve(PATH, file);
        Path cached = source().resolve(options());
        byte[] cut = java.util.Arrays.copyOf(file, file.length / 2);
        Files.write(cached, cut);
        DigestSidecar.record(cached, "cd".repeat(32)); // as if this had been downloaded: only the reader can tell

        WeightsException error = assertThrows(WeightsException.class, () -> source().load(options()));

        assertContains(error, cached.toString(), "truncated", "downloaded from " + server.url(PATH));
    }

    @Test
    void aTruncatedBodyIsRetriedThenReportedAndLeavesNothing() throws Exception {
        server.on(PATH, (exchange, n) -> LocalWeightsServer.truncated(exchange, file));

        WeightsException error = assertThrows(WeightsException.class, () -> downloader(1).fetch(server.url(PATH),
                new WeightsDownloader.Expectation(null, null)));

        assertContains(error, server.url(PATH).toString(), "2 attempts", "of " + file.length + " bytes");
        assertEquals(2, server.requests(PATH));
        assertOnlyLockFiles();
    }

    @Test
    void http404IsNotRetried() throws Exception {
        server.on(PATH, (exchange, n) -> LocalWeightsServer.status(exchange, 404));

        WeightsException error = assertThrows(WeightsException.class,
                () -> downloader(3).fetch(server.url(PATH), new WeightsDownloader.Expectation(null, null)));

        assertContains(error, "HTTP 404", server.url(PATH).toString(), "check the URL");
        assertEquals(1, server.requests(PATH));
        assertOnlyLockFiles();
    }

    @Test
    void http500IsRetriedABoundedNumberOfTimes() throws Exception {
        server.on(PATH, (exchange, n) -> LocalWeightsServer.status(exchange, 500));

        WeightsException error = assertThrows(WeightsException.class,
                () -> downloader(2).fetch(server.url(PATH), new WeightsDownloader.Expectation(null, null)));

        assertContains(error, "HTTP 500", server.url(PATH).toString(), "3 attempts", "try again later");
        assertEquals(3, server.requests(PATH));
        assertEquals(2, log.stream().filter(line -> line.contains("retrying")).count(), log.toString());
        assertOnlyLockFiles();
    }

    @Test
    void aPassingServerErrorIsOvercomeByRetrying() {
        server.on(PATH, (exchange, n) -> {
            if (n == 1) {
                LocalWeightsServer.status(exchange, 503);
            } else {
                LocalWeightsServer.send(exchange, file);
            }
        });

        WeightsDownloader.CachedFile cached = downloader(3).fetch(server.url(PATH),
                new WeightsDownloader.Expectation(null, sha256));

        assertEquals(sha256, cached.sha256());
        assertEquals(2, server.requests(PATH));
    }

    @Test
    void aStalledBodyTimesOut() throws Exception {
        server.on(PATH, (exchange, n) -> server.stall(exchange, file));
        WeightsOptions impatient = options().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300));

        WeightsException error = assertThrows(WeightsException.class,
                () -> new WeightsDownloader(impatient, Duration.ofMillis(1)).fetch(server.url(PATH),
                        new WeightsDownloader.Expectation(null, null)));

        assertContains(error, server.url(PATH).toString(), "timed out", "set -Dstylize.weights=<path>; for an offline"
                + " preview set -Dstylize.weights=random");
        assertOnlyLockFiles();
    }

    @Test
    void aConfiguredProxyCarriesTheDownloadAndGetsItsCredentialsWhenItAsks() throws Exception {
        // The test server plays the proxy: a proxied request names the absolute URL, and the host does not resolve,
        // so only a request through the proxy can succeed.
        URI url = URI.create("http://weights.example.invalid" + PATH);
        List<String> requested = new ArrayList<>();
        List<String> credentials = new ArrayList<>();
        server.on(PATH, (exchange, n) -> {
            requested.add(exchange.getRequestURI().toString());
            credentials.add(String.valueOf(exchange.getRequestHeaders().getFirst("Proxy-Authorization")));
            if (exchange.getRequestHeaders().getFirst("Proxy-Authorization") == null) {
                exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"test proxy\"");
                LocalWeightsServer.status(exchange, 407);
            } else {
                LocalWeightsServer.send(exchange, file);
            }
        });
        WeightsOptions proxied = options().withProxies(ProxySelector.of(server.address()), proxyCredentials("maven", "s3cret"));

        Path resolved = WeightsSource.parse(url.toString()).withSha256(sha256).resolve(proxied);

        assertEquals(sha256, Digests.ofFile(resolved).sha256());
        assertEquals(List.of(url.toString(), url.toString()), requested, "absolute URLs, as a proxy receives them");
        assertEquals("Basic " + Base64.getEncoder().encodeToString("maven:s3cret".getBytes(StandardCharsets.UTF_8)),
                credentials.get(1), "credentials sent after the proxy's 407");
        String via = "via proxy " + server.address().getHostString() + ":" + server.address().getPort();
        assertTrue(log.stream().anyMatch(line -> line.startsWith("Downloading " + url) && line.endsWith(via)),
                log.toString());
    }

    @Test
    void aProxyThatWantsCredentialsWeDoNotHaveIsExplained() throws Exception {
        URI url = URI.create("http://weights.example.invalid" + PATH);
        server.on(PATH, (exchange, n) -> {
            exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"test proxy\"");
            LocalWeightsServer.status(exchange, 407);
        });
        WeightsOptions proxied = options().withProxies(ProxySelector.of(server.address()), null);

        WeightsException error = assertThrows(WeightsException.class,
                () -> WeightsSource.parse(url.toString()).resolve(proxied));

        assertContains(error, "HTTP 407", url.toString(), "proxy", "<username>", "settings.xml");
        assertOnlyLockFiles();
    }

    private static Authenticator proxyCredentials(String user, String password) {
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return getRequestorType() == RequestorType.PROXY
                        ? new PasswordAuthentication(user, password.toCharArray()) : null;
            }
        };
    }

    @Test
    void offlineWithAnEmptyCacheSaysWhatToDo() {
        server.serve(PATH, file);
        WeightsSource source = source();

        WeightsException error = assertThrows(WeightsException.class,
                () -> source.resolve(options().withOffline(true)));

        Path expected = new WeightsDownloader(options()).cacheFile(server.url(PATH));
        assertEquals("VGG weights not cached and Maven is offline: run once online, or put the file at " + expected
                + " (downloaded from " + server.url(PATH) + "), or use -Dstylize.weights=<path|random>",
                error.getMessage());
        assertEquals(0, server.requests(PATH));
        assertFalse(Files.exists(cache.resolve(expected.getFileName())));
    }

    @Test
    void offlineUsesTheCacheAndAFilePutThereByHand() throws Exception {
        WeightsSource keras = WeightsSource.keras(server.url(PATH), md5);
        Path expected = new WeightsDownloader(options()).cacheFile(server.url(PATH));
        Files.createDirectories(cache);
        Files.write(expected, file); // as the offline message suggests: no sidecar yet

        Hdf5RoundTripTest.assertSameLayers(weights, keras.load(options().withOffline(true)));
        assertEquals(sha256, DigestSidecar.trustedSha256(expected).orElseThrow());
        assertEquals(0, server.requests(PATH));
    }

    @Test
    void concurrentFetchesDownloadOnce() throws Exception {
        server.on(PATH, (exchange, n) -> {
            sleepQuietly(300); // keep the first download in flight while the others arrive
            LocalWeightsServer.send(exchange, file);
        });
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(threads.submit(() -> source().resolve(options())));
            }
            for (Future<Path> result : results) {
                assertEquals(source().resolve(options()), result.get(20, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(1, server.requests(PATH));
    }

    @Test
    void twoJvmsSharingACacheDownloadOnce() throws Exception {
        server.on(PATH, (exchange, n) -> {
            sleepQuietly(1500); // long enough for the second JVM to start and find the lock held
            LocalWeightsServer.send(exchange, file);
        });
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    FetchInAnotherJvm.class.getName(), server.url(PATH).toString(), cache.toString())
                    .redirectErrorStream(true).start());
        }
        List<String> outputs = new ArrayList<>();
        for (Process process : processes) {
            boolean finished = process.waitFor(60, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(finished && process.exitValue() == 0, "child JVM failed: " + output);
            outputs.add(output.lines().filter(line -> line.startsWith("RESOLVED ")).findFirst().orElse(output));
        }

        Path expected = new WeightsDownloader(options()).cacheFile(server.url(PATH));
        assertEquals(List.of("RESOLVED " + expected, "RESOLVED " + expected), outputs);
        assertEquals(1, server.requests(PATH));
        assertEquals(sha256, DigestSidecar.trustedSha256(expected).orElseThrow());
    }

    @Test
    void partsAbandonedByAKilledBuildAreCleanedUp() throws Exception {
        server.serve(PATH, file);
        Path target = new WeightsDownloader(options()).cacheFile(server.url(PATH));
        Files.createDirectories(cache);
        Path abandoned = cache.resolve(target.getFileName() + ".8734.part");
        Files.write(abandoned, new byte[100]);

        source().resolve(options());

        assertFalse(Files.exists(abandoned));
    }

    @Test
    void cacheFilesOfDifferentUrlsNeverCollide() {
        WeightsDownloader downloader = new WeightsDownloader(options());
        Path a = downloader.cacheFile(URI.create("https://a.example/x/vgg19.h5"));
        Path b = downloader.cacheFile(URI.create("https://b.example/x/vgg19.h5"));
        Path noName = downloader.cacheFile(URI.create("https://c.example/"));

        assertNotEquals(a, b);
        assertTrue(a.getFileName().toString().startsWith("vgg19-") && a.toString().endsWith(".h5"), a.toString());
        assertTrue(noName.getFileName().toString().startsWith("weights-"), noName.toString());
        assertEquals(a, downloader.cacheFile(URI.create("https://a.example/x/vgg19.h5")));
    }

    private WeightsDownloader downloader(int retries) {
        return new WeightsDownloader(options().withRetries(retries), Duration.ofMillis(5));
    }

    private void assertOnlyLockFiles() throws IOException {
        if (Files.exists(cache)) {
            List<String> names = listNames(cache);
            assertTrue(names.stream().allMatch(name -> name.endsWith(".lock")), "left in the cache: " + names);
        }
    }

    private static List<String> listNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }

    private static void assertContains(Exception error, String... parts) {
        for (String part : parts) {
            assertTrue(error.getMessage().contains(part), "message lacks '" + part + "': " + error.getMessage());
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
