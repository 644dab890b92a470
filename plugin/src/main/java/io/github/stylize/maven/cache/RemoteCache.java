package io.github.stylize.maven.cache;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The shared cache on an HTTP server: one object ({@link CacheObject}) per key at {@code url + key}, read with
 * {@code GET} (200 hit, 404 miss), written with {@code HEAD} then {@code PUT} (any 2xx), never over an existing key.
 * Thread-safe: lookups for many assets run at once.
 *
 * <p>The server can only cost time, never the build: timeouts and 5xx answers are retried a few times, then one warning
 * says the remote is off for the rest of the build (as Gradle's HTTP build cache does) and every call after is a miss
 * or a no-op. A 401 or 403 answer names the {@code serverId} whose credentials to check.
 */
public final class RemoteCache implements CacheTier {
    /** Tries per request, the first included: enough for a blip, few enough that a dead server costs seconds. */
    static final int ATTEMPTS = 3;
    private static final long BACKOFF_MILLIS = 200;

    private final RemoteCacheSettings settings;
    private final Consumer<String> warn;
    private final HttpClient client;
    private final AtomicBoolean readable = new AtomicBoolean(true);
    private final AtomicBoolean writable;
    private final AtomicBoolean warned = new AtomicBoolean();

    /** @param warn where the one warning about an unusable server goes */
    public RemoteCache(RemoteCacheSettings settings, Consumer<String> warn) {
        this.settings = settings;
        this.warn = warn;
        this.writable = new AtomicBoolean(settings.push());
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade dance with plain-HTTP servers
                .connectTimeout(settings.connectTimeout())
                // Not followed: the JDK would send the Authorization header on to wherever a redirect points.
                .followRedirects(HttpClient.Redirect.NEVER);
        if (settings.proxies() != null) {
            builder.proxy(settings.proxies());
        }
        // No Authenticator: with one, the JDK drops the Authorization header set below and turns a 401 into an
        // IOException; credentials go as headers instead (proxy credentials as Proxy-Authorization, see the settings).
        this.client = builder.build();
    }

    @Override
    public String describe() {
        return "the remote cache " + settings.url();
    }

    /** Whether lookups still go to the server (false once it failed in this build). */
    boolean available() {
        return readable.get();
    }

    /** Whether generated images are still uploaded (false without push, or once the server refused or failed). */
    boolean pushing() {
        return writable.get();
    }

    @Override
    public Optional<NewEntry> get(String key, long maxBytes, Consumer<String> warnDamaged) {
        ImageCache.requireKey(key);
        if (!readable.get()) {
            return Optional.empty();
        }
        URI uri = settings.url().resolve(key);
        Optional<Response> response = send("GET", uri, request(uri).GET(), maxBytes);
        if (response.isEmpty()) {
            return Optional.empty();
        }
        Response r = response.get();
        if (r.status() == 404) {
            return Optional.empty();
        }
        if (r.status() != 200) {
            unexpected("GET", uri, r.status(), true);
            return Optional.empty();
        }
        if (r.body() == null) {
            warnDamaged.accept("Remote cache object " + uri + " is larger than the limit of " + maxBytes
                    + " bytes for this asset; it is ignored and the image comes from elsewhere. Delete the object"
                    + " on the server if it is not a stylize cache object");
            return Optional.empty();
        }
        try {
            return Optional.of(CacheObject.decode(key, r.body(), maxBytes));
        } catch (CacheObject.InvalidObjectException e) {
            warnDamaged.accept("Remote cache object " + uri + " is not used: " + e.getMessage()
                    + ". The image comes from elsewhere; delete the object on the server, the next push replaces it");
            return Optional.empty();
        }
    }

    /**
     * Uploads {@code entry} unless the server already has {@code key} (a {@code HEAD} first: an existing object is
     * never overwritten, so two shards racing on a key leave one valid object). A no-op without push.
     */
    @Override
    public void store(String key, NewEntry entry) {
        ImageCache.requireKey(key);
        if (!writable.get()) {
            return;
        }
        URI uri = settings.url().resolve(key);
        Optional<Response> head = send("HEAD", uri, request(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()), 0);
        if (head.isEmpty() || head.get().status() == 200) {
            return;
        }
        // 405/501: a server without HEAD (some cache nodes); the PUT goes ahead without the existence check.
        int headStatus = head.get().status();
        if (headStatus != 404 && headStatus != 405 && headStatus != 501) {
            unexpected("HEAD", uri, head.get().status(), false);
            return;
        }
        byte[] object = CacheObject.encode(key, entry);
        Optional<Response> put = send("PUT", uri, request(uri)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(object)), 0);
        if (put.isPresent() && (put.get().status() < 200 || put.get().status() > 299)) {
            unexpected("PUT", uri, put.get().status(), false);
        }
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout());
        for (Map.Entry<String, String> h : settings.headers().entrySet()) {
            b.header(h.getKey(), h.getValue());
        }
        boolean ownAuthorization = settings.headers().keySet().stream().anyMatch("Authorization"::equalsIgnoreCase);
        if (settings.username() != null && !ownAuthorization) { // a configured Authorization header (a token) wins
            // Preemptive Basic auth, as Maven sends it for deploys: one round trip per object, not two.
            String pair = settings.username() + ":" + (settings.password() == null ? "" : settings.password());
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    /** A status, and for a 200 the body when it is at most {@code maxBytes} (null when larger). */
    private record Response(int status, byte[] body) {
    }

    /**
     * Sends with retries on I/O errors, timeouts and 5xx answers; empty once they ran out, after turning the remote off.
     */
    private Optional<Response> send(String method, URI uri, HttpRequest.Builder request, long maxBytes) {
        String problem = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (!readable.get()) {
                return Optional.empty(); // another request found the server gone meanwhile
            }
            if (attempt > 1) {
                pause(BACKOFF_MILLIS * (attempt - 1));
            }
            try {
                HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    int status = response.statusCode();
                    if (status >= 500 || status == 429) {
                        problem = "HTTP " + status + " from " + method + " " + uri;
                        continue;
                    }
                    return Optional.of(new Response(status, status == 200 && maxBytes > 0 ? readAtMost(body, maxBytes)
                            : null));
                }
            } catch (IOException e) {
                problem = method + " " + uri + " failed: " + describe(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = method + " " + uri + " was interrupted";
                break;
            }
        }
        turnOff(problem + (problem.contains("interrupted") ? "" : " (" + ATTEMPTS + " tries)")
                + ". Check that the server is up and reachable from this machine (stylize.remoteCache.url), or set"
                + " stylize.remoteCache.enabled=false");
        return Optional.empty();
    }

    private void unexpected(String method, URI uri, int status, boolean reading) {
        if (status == 401 || status == 403) {
            String what = reading ? "read from" : "write to";
            String message = "the server answered " + status + " to " + method + " " + uri + ": the credentials of "
                    + settings.serverDescription() + " may not " + what + " it. Check that <server> exists in"
                    + " settings.xml with the right username/password or token header, and that the server grants it "
                    + (reading ? "read" : "write") + " access" + (reading ? "" : " (or leave stylize.remoteCache.push"
                    + " off in builds that may not push)");
            if (reading) {
                turnOff(message);
            } else {
                writable.set(false);
                warnOnce("stylize: the remote cache is not written for the rest of this build: " + message);
            }
            return;
        }
        String message = "the server answered " + status + " to " + method + " " + uri + "; expected "
                + (method.equals("PUT") ? "a 2xx" : "200 or 404") + ". Check that stylize.remoteCache.url is the"
                + " cache's directory URL and that the server accepts " + method + " there (see the remote cache page"
                + " of the documentation for each server's configuration)";
        if (reading) {
            turnOff(message);
        } else {
            // A server that refuses an upload (a repository that forbids redeploys) may still serve downloads.
            writable.set(false);
            warnOnce("stylize: the remote cache is not written for the rest of this build: " + message);
        }
    }

    private void turnOff(String reason) {
        readable.set(false);
        writable.set(false);
        warnOnce("stylize: the remote cache is off for the rest of this build, missing images are generated"
                + " locally: " + reason);
    }

    private void warnOnce(String message) {
        if (warned.compareAndSet(false, true)) {
            warn.accept(message);
        }
    }

    /** Up to {@code max} bytes of {@code in}; null if it holds more. */
    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        return bytes.length > max ? null : bytes;
    }

    private static String describe(IOException e) {
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + ": " + e.getMessage();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
