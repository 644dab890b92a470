package io.github.stylize.engine.weights;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** An HTTP server on 127.0.0.1 (ephemeral port) that serves test responses and counts requests per path. */
final class LocalWeightsServer implements AutoCloseable {
    /** How to answer one request; {@code requestNumber} starts at 1 per path. */
    interface Behaviour {
        void respond(HttpExchange exchange, int requestNumber) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    /** Released on close, so stalled handlers end with the test. */
    private final CountDownLatch closing = new CountDownLatch(1);

    LocalWeightsServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.start();
    }

    /** Where the server listens: for tests that use it as an HTTP proxy. */
    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getAddress().getPort());
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    int requests(String path) {
        AtomicInteger count = requests.get(path);
        return count == null ? 0 : count.get();
    }

    void on(String path, Behaviour behaviour) {
        AtomicInteger count = requests.computeIfAbsent(path, p -> new AtomicInteger());
        server.createContext(path, exchange -> {
            try (exchange) {
                behaviour.respond(exchange, count.incrementAndGet());
            } catch (IOException e) {
                // the client went away or the behaviour cut the body short on purpose
            }
        });
    }

    void serve(String path, byte[] body) {
        on(path, (exchange, n) -> send(exchange, body));
    }

    static void send(HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static void status(HttpExchange exchange, int status) throws IOException {
        byte[] page = ("<html>error " + status + "</html>").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, page.length);
        exchange.getResponseBody().write(page);
    }

    /** Announces the whole body but sends only half, then closes the connection. */
    static void truncated(HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body, 0, body.length / 2);
        out.flush();
        exchange.close(); // fewer bytes than announced: the server drops the connection
    }

    /** Sends headers, then stalls (until the server closes, at most 10 s). */
    void stall(HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().flush();
        try {
            closing.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
