package io.github.stylize.maven.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real nginx (Debian's package, one process: {@code master_process off}, so stopping it leaves no worker behind) on a
 * loopback port, configured as a remote cache the way the documentation shows:
 * WebDAV {@code PUT} under {@code /cache/}, anonymous {@code GET}, Basic auth for writes. Also {@code /token/} (the
 * same objects, writes need the {@link #TOKEN_HEADER} header), {@code /nohead/} (the same objects, no {@code HEAD}),
 * {@code /readonly/} (the same objects, no {@code PUT}),
 * {@code /private/} (Basic auth for every method), {@code /moved/} (always a redirect) and {@code /broken/} (always
 * 503). Everything it writes stays under its prefix
 * directory; {@link #close} stops it, and a shutdown hook does if a test or build never gets there.
 *
 * <p>Missing nginx skips the test locally and fails it on CI ({@code CI=true}), where {@code .ci/run} installs it.
 */
public final class Nginx implements AutoCloseable {
    public static final String USER = "pusher";
    public static final String PASSWORD = "s3cret-push";
    /** The header token {@code /token/} requires for writes: token auth through a server's {@code httpHeaders}. */
    public static final String TOKEN_HEADER = "X-Stylize-Token";
    public static final String TOKEN = "t0ken-for-ci";
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/bin/nginx"));

    private final Path prefix;
    private final int port;
    private final Process process;
    private final Thread hook;
    private final AtomicInteger markers = new AtomicInteger();

    private Nginx(Path prefix, int port, Process process) {
        this.prefix = prefix;
        this.port = port;
        this.process = process;
        this.hook = new Thread(process::destroy, "stop-nginx");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The nginx executable, or null; on CI a missing one is an error naming how to install it. */
    public static Path executable() {
        Path found = CANDIDATES.stream().filter(Files::isExecutable).findFirst().orElse(null);
        if (found == null && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(missing() + " (.ci/run does; CI=true makes this a failure, not a skip)");
        }
        return found;
    }

    /** Why a test was skipped. */
    public static String missing() {
        return "nginx not found at " + CANDIDATES + "; install it with: apt-get install -y nginx";
    }

    /** Starts nginx with its configuration, logs and stored objects under {@code prefix}. */
    public static Nginx start(Path prefix) throws IOException {
        Path executable = executable();
        if (executable == null) {
            throw new IllegalStateException(missing());
        }
        Path root = prefix.toAbsolutePath().normalize();
        Files.createDirectories(root.resolve("htdocs/cache"));
        Files.createDirectories(root.resolve("htdocs/private"));
        Files.createDirectories(root.resolve("temp"));
        Files.writeString(root.resolve("htpasswd"), USER + ":{SHA}" + sha1Base64(PASSWORD) + "\n");
        int port = freePort();
        Files.writeString(root.resolve("nginx.conf"), config(root, port));
        Process process = new ProcessBuilder(executable.toString(), "-p", root + "/", "-c", root.resolve("nginx.conf")
                .toString(), "-e", root.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("stdout.log").toFile()).start();
        Nginx nginx = new Nginx(root, port, process);
        nginx.awaitListening();
        return nginx;
    }

    /** Stops the nginx whose prefix is {@code prefix}, from another class loader than the one that started it. */
    public static void stop(Path prefix) throws IOException, InterruptedException {
        Path pid = prefix.toAbsolutePath().normalize().resolve("nginx.pid");
        if (!Files.isRegularFile(pid)) {
            return;
        }
        long id = Long.parseLong(Files.readString(pid).trim());
        ProcessHandle.of(id).ifPresent(p -> {
            p.destroy();
            p.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        });
    }

    private static String config(Path root, int port) {
        String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        return user + """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 256; }
                http {
                  access_log %1$s/access.log;
                  client_body_temp_path %1$s/temp/body;
                  proxy_temp_path %1$s/temp/proxy;
                  fastcgi_temp_path %1$s/temp/fastcgi;
                  uwsgi_temp_path %1$s/temp/uwsgi;
                  scgi_temp_path %1$s/temp/scgi;
                  client_max_body_size 64m;
                  server {
                    listen 127.0.0.1:%2$d;
                    root %1$s/htdocs;
                    location /cache/ {
                      dav_methods PUT;
                      create_full_put_path on;
                      limit_except GET {
                        auth_basic "stylize cache";
                        auth_basic_user_file %1$s/htpasswd;
                      }
                    }
                    location /token/ {
                      alias %1$s/htdocs/cache/;
                      dav_methods PUT;
                      create_full_put_path on;
                      set $write_denied "";
                      if ($request_method = PUT) { set $write_denied "put"; }
                      if ($http_x_stylize_token = "%3$s") { set $write_denied ""; }
                      if ($write_denied) { return 401; }
                    }
                    location /nohead/ {
                      alias %1$s/htdocs/cache/;
                      dav_methods PUT;
                      create_full_put_path on;
                      if ($request_method = HEAD) { return 405; }
                    }
                    location /readonly/ {
                      alias %1$s/htdocs/cache/;
                    }
                    location /private/ {
                      dav_methods PUT;
                      create_full_put_path on;
                      auth_basic "stylize cache";
                      auth_basic_user_file %1$s/htpasswd;
                    }
                    location ~ ^/moved/(.*)$ {
                      return 302 http://127.0.0.1:%2$d/cache/$1;
                    }
                    location /broken/ {
                      return 503;
                    }
                  }
                }
                """.formatted(root, port, TOKEN);
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("nginx exited with " + process.exitValue() + ": " + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                sleep(50);
            }
        }
        close();
        throw new IOException("nginx did not listen on port " + port + " within 15 s: " + log());
    }

    private String log() throws IOException {
        Path error = prefix.resolve("error.log");
        Path out = prefix.resolve("stdout.log");
        return (Files.isRegularFile(error) ? Files.readString(error) : "")
                + (Files.isRegularFile(out) ? Files.readString(out) : "");
    }

    /** {@code http://127.0.0.1:<port>/<path>}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port + "/" + path;
    }

    /** The file behind {@code url(path)}: what a test tampers with. */
    public Path file(String path) {
        return prefix.resolve("htdocs").resolve(path);
    }

    /**
     * The requests served so far, one access-log line each. nginx writes a request's line just after sending its
     * response, so a client can see the response before the line exists. Hence a marker request first: nginx's one
     * process handles it only after it has finished (and logged) every earlier request, so once the marker's line is
     * in the file, so are all the lines before it. Marker lines are left out.
     */
    public List<String> accessLog() {
        String marker = "/__log-marker/" + markers.incrementAndGet();
        try {
            Path log = prefix.resolve("access.log");
            HttpURLConnection connection = (HttpURLConnection) URI.create(url(marker.substring(1))).toURL()
                    .openConnection(Proxy.NO_PROXY);
            connection.getResponseCode();
            connection.disconnect();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                List<String> lines = Files.isRegularFile(log) ? Files.readAllLines(log, StandardCharsets.UTF_8)
                        : List.of();
                if (lines.stream().anyMatch(l -> l.contains(marker + " "))) {
                    return lines.stream().filter(l -> !l.contains("/__log-marker/")).toList();
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("nginx did not log " + marker + " within 10 s");
                }
                Thread.sleep(5);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public boolean running() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String sha1Base64(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
