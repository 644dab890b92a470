package io.github.stylize.maven.mojo;

import com.sun.net.httpserver.HttpServer;
import io.github.stylize.engine.files.Digests;
import io.github.stylize.engine.weights.WeightsOptions;
import io.github.stylize.engine.weights.WeightsSource;
import io.github.stylize.maven.it.ItFixtures;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.repository.Proxy;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultProxySelector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The proxies of settings.xml, as Maven's repository session holds them, applied to the weights download. */
class MavenProxiesTest {
    @TempDir
    Path dir;

    /** A session as Maven builds it from {@code <proxy>} entries: passwords decrypted, non-proxy hosts kept. */
    private static DefaultRepositorySystemSession session(String host, int port, String user, String password) {
        DefaultProxySelector selector = new DefaultProxySelector();
        AuthenticationBuilder auth = new AuthenticationBuilder();
        if (user != null) {
            auth.addUsername(user).addPassword(password);
        }
        selector.add(new Proxy("http", host, port, auth.build()), "localhost|*.internal.example");
        DefaultRepositorySystemSession session = new DefaultRepositorySystemSession();
        session.setProxySelector(selector);
        return session;
    }

    @Test
    void aMavenProxyAppliesToHttpAndHttpsExceptItsNonProxyHosts() {
        ProxySelector jvmDefault = ProxySelector.of(new InetSocketAddress("jvm-default.example", 3128));
        MavenProxies proxies = new MavenProxies(session("proxy.example", 8080, null, null), jvmDefault);

        java.net.Proxy expected = new java.net.Proxy(java.net.Proxy.Type.HTTP,
                InetSocketAddress.createUnresolved("proxy.example", 8080));
        assertEquals(List.of(expected), proxies.select(URI.create("http://storage.example/vgg19.h5")));
        assertEquals(List.of(expected), proxies.select(URI.create(WeightsSource.DEFAULT_URL)),
                "Maven uses an http proxy for https repositories too");
        assertEquals(jvmDefault.select(URI.create("https://mirror.internal.example/vgg19.h5")),
                proxies.select(URI.create("https://mirror.internal.example/vgg19.h5")),
                "a non-proxy host falls through to the JVM's own settings");
    }

    @Test
    void credentialsGoOnlyToTheirProxy() throws Exception {
        MavenProxies proxies = new MavenProxies(session("proxy.example", 8080, "maven", "s3cret"), null);
        URL url = URI.create("https://storage.example/vgg19.h5").toURL();

        PasswordAuthentication credentials = proxies.credentials(url, "proxy.example", 8080);
        assertEquals("maven", credentials.getUserName());
        assertArrayEquals("s3cret".toCharArray(), credentials.getPassword());
        assertNull(proxies.credentials(url, "elsewhere.example", 8080), "another host asking gets nothing");
        assertNull(proxies.credentials(url, "proxy.example", 9999));
        assertNull(new MavenProxies(session("proxy.example", 8080, null, null), null)
                .credentials(url, "proxy.example", 8080), "a proxy without <username> gets nothing");
    }

    @Test
    void theWeightsDownloadGoesThroughTheSettingsProxyWithItsCredentials() throws Exception {
        byte[] weights = Files.readAllBytes(ItFixtures.writeTinyWeights(dir.resolve("tiny.h5")));
        List<String> seen = new ArrayList<>();
        HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxy.createContext("/", exchange -> {
            try (exchange) {
                String authorization = exchange.getRequestHeaders().getFirst("Proxy-Authorization");
                seen.add(exchange.getRequestURI() + " " + authorization);
                if (authorization == null) {
                    exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"corporate\"");
                    exchange.sendResponseHeaders(407, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, weights.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(weights);
                }
            }
        });
        proxy.start();
        try {
            int port = proxy.getAddress().getPort();
            MavenProxies proxies = new MavenProxies(session("127.0.0.1", port, "maven", "s3cret"), null);
            WeightsOptions options = WeightsOptions.defaults().withCacheDirectory(dir.resolve("cache")).withRetries(0)
                    .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5))
                    .withProxies(proxies, proxies.authenticator());
            // The host does not resolve: only a request through the proxy can succeed.
            String url = "http://weights.example.invalid/models/vgg19.h5";

            Path cached = WeightsSource.parse(url).resolve(options);

            assertEquals(Digests.sha256Hex(weights), Digests.sha256Hex(cached));
            String basic = "Basic " + Base64.getEncoder().encodeToString("maven:s3cret".getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of(url + " null", url + " " + basic), seen);
        } finally {
            proxy.stop(0);
        }
    }
}
