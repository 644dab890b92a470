package io.github.stylize.maven.mojo;

import io.github.stylize.maven.testing.LineLog;
import io.github.stylize.maven.cache.RemoteCacheSettings;
import io.github.stylize.maven.execute.BuildLog;
import io.github.stylize.maven.plan.Shard;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.repository.Proxy;
import org.eclipse.aether.util.repository.DefaultProxySelector;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code <remoteCache>}, its properties and settings.xml mapped as Maven would for a repository at the URL. */
class MavenRemoteCacheTest {
    final List<String> log = new ArrayList<>();
    final BuildLog buildLog = LineLog.into(log);

    static RemoteCacheConfig config(String url, String serverId, Boolean push, Boolean enabled) {
        RemoteCacheConfig c = new RemoteCacheConfig();
        c.url = url;
        c.serverId = serverId;
        c.push = push;
        c.enabled = enabled;
        return c;
    }

    /** What Maven 3.9 builds from a {@code <server>} with {@code <configuration>}: auth, headers, timeouts. */
    static DefaultRepositorySystemSession session() {
        DefaultRepositorySystemSession session = new DefaultRepositorySystemSession();
        session.setAuthenticationSelector(new DefaultAuthenticationSelector().add("stylize-cache",
                new AuthenticationBuilder().addUsername("ci").addPassword("decrypted-secret").build()));
        session.setConfigProperty("aether.connector.http.headers.stylize-cache", Map.of("X-Cache-Token", "t0k3n"));
        session.setConfigProperty("aether.connector.connectTimeout.stylize-cache", 1500);
        session.setConfigProperty("aether.connector.requestTimeout.stylize-cache", "2500");
        return session;
    }

    static Settings settings() {
        Settings settings = new Settings();
        Server server = new Server();
        server.setId("stylize-cache");
        settings.addServer(server);
        return settings;
    }

    RemoteCacheSettings resolve(RemoteCacheConfig c, Map<String, String> commandLine, Map<String, String> pom)
            throws MojoFailureException {
        return MavenRemoteCache.resolve(c, commandLine::get, pom::get, session(), settings(), false, buildLog);
    }

    @Test
    void serverCredentialsHeadersAndTimeoutsComeFromTheRepositorySession() throws Exception {
        RemoteCacheSettings s = resolve(config("https://cache.example.com/stylize", "stylize-cache", null, null),
                Map.of(), Map.of());
        assertEquals("https://cache.example.com/stylize/", s.url().toString());
        assertEquals("ci", s.username());
        assertEquals("decrypted-secret", s.password());
        assertEquals(Map.of("X-Cache-Token", "t0k3n"), s.headers());
        assertEquals(Duration.ofMillis(1500), s.connectTimeout());
        assertEquals(Duration.ofMillis(2500), s.requestTimeout());
        assertFalse(s.push(), "push is off by default");
        assertTrue(s.proxies() != null, "the proxies of settings.xml apply");
        assertFalse(String.join("\n", log).contains("decrypted-secret") || String.join("\n", log).contains("t0k3n"), log.toString());
    }

    @Test
    void theSettingsProxyAndItsCredentialsApplyToTheCacheUrl() throws Exception {
        DefaultRepositorySystemSession session = session();
        session.setProxySelector(new DefaultProxySelector().add(new Proxy("https", "proxy.example.com", 3128,
                new AuthenticationBuilder().addUsername("px").addPassword("px-secret").build()), "localhost"));
        RemoteCacheSettings s = MavenRemoteCache.resolve(config("https://cache.example.com/s/", null, null, null),
                k -> null, k -> null, session, settings(), false, buildLog);
        java.net.InetSocketAddress via = (java.net.InetSocketAddress) s.proxies().select(s.url()).get(0).address();
        assertEquals("proxy.example.com:3128", via.getHostString() + ":" + via.getPort());
        assertEquals("Basic " + Base64.getEncoder().encodeToString("px:px-secret".getBytes(StandardCharsets.UTF_8)),
                s.headers().get("Proxy-Authorization"));
        RemoteCacheSettings direct = MavenRemoteCache.resolve(config("https://localhost/s/", null, null, null),
                k -> null, k -> null, session, settings(), false, buildLog);
        assertNull(direct.headers().get("Proxy-Authorization"), "a nonProxyHost gets no proxy credentials");
        assertFalse(s.toString().contains("px-secret"));
    }

    @Test
    void onMaven38TheServersXmlConfigurationIsReadDirectly() throws Exception {
        Settings settings = new Settings();
        Server server = new Server();
        server.setId("stylize-cache");
        server.setConfiguration(Xpp3DomBuilder.build(new StringReader("<configuration><httpHeaders><property>"
                + "<name>Authorization</name><value>Bearer abc</value></property></httpHeaders>"
                + "<connectTimeout>700</connectTimeout><requestTimeout>900</requestTimeout></configuration>")));
        settings.addServer(server);
        DefaultRepositorySystemSession session = new DefaultRepositorySystemSession(); // nothing copied, as on 3.8
        RemoteCacheSettings s = MavenRemoteCache.resolve(config("https://a.example.com/", "stylize-cache", null, null),
                k -> null, k -> null, session, settings, false, buildLog);
        assertEquals(Map.of("Authorization", "Bearer abc"), s.headers());
        assertEquals(Duration.ofMillis(700), s.connectTimeout());
        assertEquals(Duration.ofMillis(900), s.requestTimeout());
        RemoteCacheSettings on39 = resolve(config("https://a.example.com/", "stylize-cache", null, null), Map.of(),
                Map.of());
        assertEquals(Map.of("X-Cache-Token", "t0k3n"), on39.headers(), "the session's values where it has them");
    }

    @Test
    void withoutServerIdRequestsCarryNoCredentialsAndDefaultTimeouts() throws Exception {
        RemoteCacheSettings s = resolve(config("http://127.0.0.1:1/c/", null, null, null), Map.of(), Map.of());
        assertNull(s.username());
        assertTrue(s.headers().isEmpty());
        assertEquals(RemoteCacheSettings.DEFAULT_REQUEST_TIMEOUT, s.requestTimeout());
    }

    @Test
    void commandLineOverridesThePomWhosePropertiesFillGaps() throws Exception {
        RemoteCacheSettings pushed = resolve(config("https://a.example.com/", null, false, null),
                Map.of("stylize.remoteCache.push", "true"), Map.of());
        assertTrue(pushed.push(), "CI turns push on over <push>false</push>");
        RemoteCacheSettings fromPom = resolve(config(null, null, null, null), Map.of(),
                Map.of("stylize.remoteCache.url", "https://b.example.com/x/"));
        assertEquals("https://b.example.com/x/", fromPom.url().toString());
        RemoteCacheSettings element = resolve(config("https://c.example.com/", null, null, null), Map.of(),
                Map.of("stylize.remoteCache.url", "https://b.example.com/x/"));
        assertEquals("https://c.example.com/", element.url().toString(), "the element beats a POM property");
    }

    @Test
    void noUrlDisabledOrOfflineMeansNoRemote() throws Exception {
        assertNull(resolve(null, Map.of(), Map.of()));
        assertNull(resolve(config("https://a.example.com/", null, null, true), Map.of("stylize.remoteCache.enabled",
                "false"), Map.of()));
        assertNull(MavenRemoteCache.resolve(config("https://a.example.com/", null, null, null), k -> null, k -> null,
                session(), settings(), true, buildLog));
        assertTrue(log.stream().anyMatch(l -> l.contains("offline")), log.toString());
    }

    @Test
    void unknownServerIdIsAWarningNamingIt() throws Exception {
        RemoteCacheSettings s = resolve(config("https://a.example.com/", "no-such-server", null, null), Map.of(),
                Map.of());
        assertNull(s.username());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("WARN") && l.contains("'no-such-server'")
                && l.contains("settings.xml")), log.toString());
    }

    @Test
    void malformedValuesFailNamingTheParameter() {
        MojoFailureException url = assertThrows(MojoFailureException.class,
                () -> resolve(config("ftp://x/", null, null, null), Map.of(), Map.of()));
        assertTrue(url.getMessage().contains("<remoteCache><url> (stylize.remoteCache.url)"), url.getMessage());
        MojoFailureException push = assertThrows(MojoFailureException.class,
                () -> resolve(config("https://a.example.com/", null, null, null), Map.of("stylize.remoteCache.push",
                        "yes"), Map.of()));
        assertTrue(push.getMessage().contains("stylize.remoteCache.push") && push.getMessage().contains("true or false"),
                push.getMessage());
    }

    @Test
    void shardComesFromThePropertyElseFromGitLabsParallelVariables() throws Exception {
        Function<String, String> gitlab = Map.of("CI_NODE_INDEX", "2", "CI_NODE_TOTAL", "4")::get;
        assertEquals(new Shard(1, 3), GenerateMojo.shard("1/3", gitlab));
        assertEquals(new Shard(2, 4), GenerateMojo.shard(null, gitlab));
        assertNull(GenerateMojo.shard(null, Map.of("CI_NODE_TOTAL", "4")::get));
        MojoFailureException e = assertThrows(MojoFailureException.class,
                () -> GenerateMojo.shard(null, Map.of("CI_NODE_INDEX", "5", "CI_NODE_TOTAL", "4")::get));
        assertTrue(e.getMessage().contains("CI_NODE_INDEX/CI_NODE_TOTAL"), e.getMessage());
    }
}
