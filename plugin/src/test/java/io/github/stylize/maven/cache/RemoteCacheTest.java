package io.github.stylize.maven.cache;

import io.github.stylize.maven.testing.Nginx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The remote tier against a real nginx configured as the documentation shows (WebDAV PUT, Basic auth for writes). */
class RemoteCacheTest {
    static Nginx nginx;
    @TempDir
    static Path prefix;

    final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    final List<String> damaged = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startNginx() throws IOException {
        Assumptions.assumeTrue(Nginx.executable() != null, Nginx.missing());
        nginx = Nginx.start(prefix.resolve("nginx"));
    }

    @AfterAll
    static void stopNginx() {
        if (nginx != null) {
            nginx.close();
        }
    }

    static String key(int n) {
        return String.format("%064x", n + System.nanoTime() % 1_000_000L * 1000);
    }

    RemoteCache remote(String path, String user, String password, String serverId) {
        return new RemoteCache(settings(nginx.url(path), user, password, serverId, Duration.ofSeconds(10)), warnings::add);
    }

    RemoteCache pusher() {
        return remote("cache/", Nginx.USER, Nginx.PASSWORD, "stylize-cache");
    }

    static RemoteCacheSettings settings(String url, String user, String password, String serverId, Duration timeout) {
        return RemoteCacheSettings.builder().url(RemoteCacheSettings.parseUrl(url)).serverId(serverId).push(true)
                .username(user).password(password).connectTimeout(timeout).requestTimeout(timeout).build();
    }

    static NewEntry entry(byte[] image) {
        return ImageCacheTest.entry(image);
    }

    Optional<NewEntry> get(RemoteCache remote, String key) {
        return remote.get(key, 1 << 20, damaged::add);
    }

    long requests(String method, String key) {
        return nginx.accessLog().stream().filter(l -> l.contains("\"" + method + " ") && l.contains(key)).count();
    }

    @Test
    void pushedObjectIsAHitWithItsMetadata() {
        String key = key(1);
        byte[] image = {1, 2, 3, 4, 5};
        pusher().store(key, entry(image));
        Optional<NewEntry> hit = get(remote("cache", null, null, null), key); // read anonymously; '/' appended
        assertTrue(hit.isPresent(), "warnings " + warnings + damaged);
        assertArrayEquals(image, hit.get().encoded());
        assertEquals("png", hit.get().extension());
        assertEquals("CPU test", hit.get().run().backend());
        assertEquals(ImageCacheTest.TIMINGS, hit.get().run().timings());
        assertEquals(2, hit.get().run().losses().size());
        assertEquals(Map.of("size", 48L), hit.get().settings());
        assertTrue(warnings.isEmpty() && damaged.isEmpty(), warnings + " " + damaged);
    }

    @Test
    void absentKeyIsAMissWithoutWarning() {
        RemoteCache remote = pusher();
        assertTrue(get(remote, key(2)).isEmpty());
        assertTrue(remote.available());
        assertTrue(warnings.isEmpty() && damaged.isEmpty(), warnings + " " + damaged);
    }

    @Test
    void pushNeverOverwritesAnExistingKey() throws IOException {
        String key = key(3);
        pusher().store(key, entry(new byte[]{1}));
        byte[] first = Files.readAllBytes(nginx.file("cache/" + key));
        pusher().store(key, entry(new byte[]{2}));
        assertArrayEquals(first, Files.readAllBytes(nginx.file("cache/" + key)));
        assertEquals(1, requests("PUT", key), "HEAD first, no second PUT");
        assertEquals(2, requests("HEAD", key));
    }

    @Test
    void twoShardsRacingToPushOneKeyBothSucceed() throws Exception {
        String key = key(4);
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> pushes = new ArrayList<>();
            for (int shard = 0; shard < 2; shard++) {
                byte[] image = {9, 9, (byte) shard};
                RemoteCache remote = pusher(); // each shard its own client
                pushes.add(pool.submit(() -> {
                    start.await();
                    remote.store(key, entry(image));
                    return null;
                }));
            }
            for (Future<?> f : pushes) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(warnings.isEmpty(), "both pushes succeed: " + warnings);
        Optional<NewEntry> hit = get(pusher(), key);
        assertTrue(hit.isPresent(), "one whole object won: " + damaged);
    }

    @Test
    void aServerWithoutHeadStillGetsThePush() {
        String key = key(19);
        remote("nohead/", null, null, null).store(key, entry(new byte[]{7}));
        assertTrue(warnings.isEmpty(), warnings.toString());
        assertTrue(nginx.accessLog().stream().anyMatch(l -> l.contains("\"HEAD /nohead/" + key) && l.contains("\" 405 ")),
                "the server refused the HEAD");
        assertTrue(get(pusher(), key).isPresent(), "stored under /cache/, which /nohead/ aliases");
    }

    @Test
    void aRefusedUploadStopsPushingButNotReading() {
        String stored = key(21);
        pusher().store(stored, entry(new byte[]{5}));
        RemoteCache remote = remote("readonly/", null, null, "stylize-cache");
        String key = key(22);
        remote.store(key, entry(new byte[]{6}));
        remote.store(key(23), entry(new byte[]{7}));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("405") && warnings.get(0).contains("not written"), warnings.get(0));
        assertFalse(remote.pushing());
        assertTrue(get(remote, stored).isPresent(), "downloads go on");
        assertEquals(1, requests("PUT", "/readonly/"), "no PUT after the refusal");
    }

    @Test
    void aConfiguredAuthorizationHeaderWinsOverTheUsername() {
        String token = "Basic " + java.util.Base64.getEncoder().encodeToString((Nginx.USER + ":" + Nginx.PASSWORD)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        RemoteCache remote = new RemoteCache(RemoteCacheSettings.builder()
                .url(RemoteCacheSettings.parseUrl(nginx.url("private/"))).serverId("stylize-cache").push(true)
                .username("someone").password("wrong").headers(Map.of("Authorization", token))
                .connectTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(5)).build(), warnings::add);
        String key = key(20);
        remote.store(key, entry(new byte[]{8}));
        assertTrue(get(remote, key).isPresent(), warnings + " " + damaged);
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void tamperedObjectIsWarnedAboutAndAMiss() throws IOException {
        String key = key(5);
        RemoteCache remote = pusher();
        remote.store(key, entry(new byte[]{10, 20, 30, 40}));
        Path file = nginx.file("cache/" + key);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1; // one bit of the image
        Files.write(file, bytes);
        assertTrue(get(remote, key).isEmpty());
        assertEquals(1, damaged.size(), damaged.toString());
        assertTrue(damaged.get(0).contains(key) && damaged.get(0).contains("SHA-256")
                && damaged.get(0).contains("delete the object"), damaged.get(0));
        assertTrue(remote.available(), "one bad object does not turn the remote off");
    }

    @Test
    void objectsThatAreNotOursOrForAnotherKeyAreMisses() throws IOException {
        RemoteCache remote = pusher();
        String garbage = key(6);
        Files.writeString(nginx.file("cache/" + garbage), "<html>not found</html>");
        String other = key(7);
        String moved = key(8);
        remote.store(other, entry(new byte[]{1}));
        Files.copy(nginx.file("cache/" + other), nginx.file("cache/" + moved)); // someone else's object under our key
        assertTrue(get(remote, garbage).isEmpty());
        assertTrue(get(remote, moved).isEmpty());
        assertEquals(2, damaged.size(), damaged.toString());
        assertTrue(damaged.get(0).contains("not a stylize cache object"), damaged.get(0));
        assertTrue(damaged.get(1).contains("recorded as the object of key " + other), damaged.get(1));
    }

    @Test
    void objectOverTheSizeLimitIsAMiss() {
        String key = key(9);
        RemoteCache remote = pusher();
        remote.store(key, entry(new byte[4096]));
        assertTrue(remote.get(key, 1024, damaged::add).isEmpty());
        assertEquals(1, damaged.size());
        assertTrue(damaged.get(0).contains("larger than the limit of 1024 bytes"), damaged.get(0));
        assertTrue(remote.get(key, 1 << 20, damaged::add).isPresent(), "within a larger limit it is fine");
    }

    @Test
    void wrongCredentialsGetOneWarningNamingTheServerIdAndReadsGoOn() {
        String key = key(10);
        RemoteCache remote = remote("cache/", Nginx.USER, "wrong-password", "stylize-cache");
        remote.store(key, entry(new byte[]{1}));
        remote.store(key(11), entry(new byte[]{2}));
        assertEquals(1, warnings.size(), warnings.toString());
        String w = warnings.get(0);
        assertTrue(w.contains("401") && w.contains("'stylize-cache'") && w.contains("settings.xml")
                && w.contains("write access"), w);
        assertFalse(w.contains("wrong-password"), "no credentials in messages: " + w);
        assertFalse(remote.pushing());
        assertTrue(remote.available(), "a read-only credential still reads");
        assertEquals(1, requests("PUT", key));
    }

    @Test
    void refusedReadTurnsTheRemoteOffNamingTheServerId() {
        RemoteCache remote = remote("private/", Nginx.USER, "wrong-password", "team-cache");
        String second = key(13);
        assertTrue(get(remote, key(12)).isEmpty());
        assertTrue(get(remote, second).isEmpty());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("401") && warnings.get(0).contains("'team-cache'")
                && warnings.get(0).contains("read access"), warnings.get(0));
        assertFalse(warnings.get(0).contains("wrong-password"), warnings.get(0));
        assertFalse(remote.available());
        assertEquals(0, requests("GET", second), "nothing is sent once the remote is off");
    }

    @Test
    void redirectsAreNotFollowedSoCredentialsStayWithTheServer() {
        String key = key(24);
        pusher().store(key, entry(new byte[]{3}));
        RemoteCache remote = remote("moved/", Nginx.USER, Nginx.PASSWORD, "stylize-cache");
        assertTrue(get(remote, key).isEmpty());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("302"), warnings.get(0));
        assertEquals(1, requests("GET", key), "only the GET to /moved/, none to /cache/ where it points");
        assertTrue(nginx.accessLog().stream().anyMatch(l -> l.contains("GET /moved/" + key) && l.contains("\" 302 ")));
    }

    @Test
    void serverErrorsAreRetriedThenTheRemoteIsOff() {
        RemoteCache remote = remote("broken/", null, null, null);
        String key = key(14);
        String later = key(15);
        assertTrue(get(remote, key).isEmpty());
        assertEquals(RemoteCache.ATTEMPTS, requests("GET", key), "retried");
        assertTrue(get(remote, later).isEmpty());
        remote.store(later, entry(new byte[]{1}));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("HTTP 503") && warnings.get(0).contains("off for the rest of this build")
                && warnings.get(0).contains("stylize.remoteCache.enabled=false"), warnings.get(0));
        assertEquals(0, requests("GET", later) + requests("HEAD", later), "nothing is sent once the remote is off");
    }

    @Test
    void unreachableServerIsOneWarningAndNoWait() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        RemoteCache remote = new RemoteCache(settings("http://127.0.0.1:" + port + "/cache/", null, null, null,
                Duration.ofSeconds(5)), warnings::add);
        assertTrue(get(remote, key(17)).isEmpty());
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            assertTrue(get(remote, key(100 + i)).isEmpty());
        }
        assertTrue(System.nanoTime() - start < 1_000_000_000L, "off means no more tries");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("ConnectException") && warnings.get(0).contains("3 tries"), warnings.get(0));
    }

    @Test
    void serverThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = Collections.synchronizedList(new ArrayList<>());
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // and never answer
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            RemoteCache remote = new RemoteCache(settings("http://127.0.0.1:" + silent.getLocalPort() + "/cache/",
                    null, null, null, Duration.ofMillis(300)), warnings::add);
            long start = System.nanoTime();
            assertTrue(get(remote, key(18)).isEmpty());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 5000, "bounded by the timeout and the retries: " + millis + " ms");
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("HttpTimeoutException"), warnings.get(0));
            assertFalse(remote.available());
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void credentialsAppearInNoSettingsText() {
        RemoteCacheSettings s = RemoteCacheSettings.builder().url(RemoteCacheSettings.parseUrl(nginx.url("cache/")))
                .serverId("id").push(true).username("user").password("hunter2")
                .headers(Map.of("Authorization", "Bearer tok3n")).build();
        assertFalse(s.toString().contains("hunter2") || s.toString().contains("tok3n"), s.toString());
        assertTrue(s.toString().contains("Authorization"), "the header's name is fine");
    }

    @Test
    void urlsWithCredentialsOrOtherSchemesAreRefused() {
        for (String bad : List.of("https://u:p@cache.example.com/x/", "ftp://cache.example.com/x/", "cache/x",
                "https://cache.example.com/x/?a=b")) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> RemoteCacheSettings.parseUrl(bad));
            assertFalse(e.getMessage().contains(":p@"), "the credentials are not repeated: " + e.getMessage());
            assertTrue(e.getMessage().contains("e.g.") || e.getMessage().contains("settings.xml"), e.getMessage());
        }
        assertEquals("https://cache.example.com/x/", RemoteCacheSettings.parseUrl("https://cache.example.com/x")
                .toString());
    }
}
