package io.github.stylize.maven.mojo;

import io.github.stylize.maven.cache.RemoteCacheSettings;
import io.github.stylize.maven.execute.BuildLog;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.AuthenticationContext;
import org.eclipse.aether.repository.RemoteRepository;

import java.net.ProxySelector;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Maps {@code <remoteCache>}, its properties and {@code settings.xml} to {@link RemoteCacheSettings}, as Maven itself
 * would treat a repository at that URL: the {@code <server>} named by {@code serverId} gives the (already decrypted)
 * username and password and its {@code <configuration>} the {@code httpHeaders}, {@code connectTimeout} and
 * {@code requestTimeout} that Maven puts into the repository session; the {@code <proxy>} that applies to the URL is
 * used with its credentials.
 */
final class MavenRemoteCache {
    static final String URL = "stylize.remoteCache.url";
    static final String SERVER_ID = "stylize.remoteCache.serverId";
    static final String PUSH = "stylize.remoteCache.push";
    static final String ENABLED = "stylize.remoteCache.enabled";
    /** The repository-session keys Maven 3.9 fills from a server's {@code <configuration>} (suffixed by its id). */
    static final String HEADERS = "aether.connector.http.headers";
    static final String CONNECT_TIMEOUT = "aether.connector.connectTimeout";
    static final String REQUEST_TIMEOUT = "aether.connector.requestTimeout";

    private MavenRemoteCache() {
    }

    /**
     * The effective settings, or null when no remote cache is used (no URL, disabled, or Maven offline: logged).
     *
     * @param commandLine the {@code -D} properties, which override the POM
     * @param pomProperty the POM's properties, used where the POM's element is absent
     * @throws MojoFailureException for a malformed URL or boolean, naming the parameter and the fix
     */
    static RemoteCacheSettings resolve(RemoteCacheConfig config, Function<String, String> commandLine,
                                       Function<String, String> pomProperty, RepositorySystemSession session,
                                       Settings settings, boolean offline, BuildLog log) throws MojoFailureException {
        RemoteCacheConfig c = config == null ? new RemoteCacheConfig() : config;
        String url = value(URL, c.url, commandLine, pomProperty);
        boolean enabled = bool(ENABLED, value(ENABLED, string(c.enabled), commandLine, pomProperty), true);
        boolean push = bool(PUSH, value(PUSH, string(c.push), commandLine, pomProperty), false);
        String serverId = value(SERVER_ID, c.serverId, commandLine, pomProperty);
        if (url == null || url.isBlank()) {
            if (push) {
                log.warn("stylize: stylize.remoteCache.push is set but no remote cache URL is; nothing is pushed. Set"
                        + " <remoteCache><url> or -D" + URL);
            }
            return null;
        }
        if (!enabled) {
            log.info("stylize: remote cache disabled (" + ENABLED + "=false)");
            return null;
        }
        if (offline) {
            log.info("stylize: remote cache not used: Maven is offline (-o)");
            return null;
        }
        URI uri;
        try {
            uri = RemoteCacheSettings.parseUrl(url);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("stylize <remoteCache><url> (" + URL + "): " + e.getMessage());
        }
        String user = null;
        String password = null;
        Map<String, String> headers = Map.of();
        Duration connect = RemoteCacheSettings.DEFAULT_CONNECT_TIMEOUT;
        Duration request = RemoteCacheSettings.DEFAULT_REQUEST_TIMEOUT;
        ProxySelector proxies = null;
        if (session != null) {
            String id = serverId == null || serverId.isBlank() ? "stylize-remote-cache" : serverId.trim();
            RemoteRepository repository = new RemoteRepository.Builder(id, "default", uri.toString()).build();
            if (serverId != null && !serverId.isBlank()) {
                if (settings != null && settings.getServer(id) == null) {
                    log.warn("stylize: <remoteCache><serverId> is '" + id + "' but settings.xml has no <server> with"
                            + " that id; requests to the remote cache carry no credentials. Add <server><id>" + id
                            + "</id>... to ~/.m2/settings.xml (or the file given with -s)");
                }
                repository = new RemoteRepository.Builder(repository)
                        .setAuthentication(session.getAuthenticationSelector() == null ? null
                                : session.getAuthenticationSelector().getAuthentication(repository)).build();
                try (AuthenticationContext auth = AuthenticationContext.forRepository(session, repository)) {
                    if (auth != null) {
                        user = auth.get(AuthenticationContext.USERNAME);
                        password = auth.get(AuthenticationContext.PASSWORD);
                    }
                }
            }
            Map<String, Object> serverConfig = withServerConfiguration(session.getConfigProperties(),
                    settings == null ? null : settings.getServer(id), id);
            headers = headers(serverConfig, id);
            connect = duration(serverConfig, CONNECT_TIMEOUT, id, connect);
            request = duration(serverConfig, REQUEST_TIMEOUT, id, request);
            MavenProxies mavenProxies = new MavenProxies(session, ProxySelector.getDefault());
            proxies = mavenProxies;
            String proxyAuthorization = proxyAuthorization(mavenProxies, uri);
            if (proxyAuthorization != null) {
                headers = new LinkedHashMap<>(headers);
                headers.put("Proxy-Authorization", proxyAuthorization);
            }
        }
        RemoteCacheSettings result = RemoteCacheSettings.builder()
                .url(uri)
                .serverId(serverId == null || serverId.isBlank() ? null : serverId.trim())
                .push(push)
                .username(user)
                .password(password)
                .headers(headers)
                .connectTimeout(connect)
                .requestTimeout(request)
                .proxies(proxies)
                .build();
        log.info("stylize: remote cache " + uri + (push ? " (push)" : " (read-only)")
                + (result.serverId() == null ? "" : ", credentials of server '" + result.serverId() + "'"
                + (user == null && headers.isEmpty() ? " (none found)" : "")));
        return result;
    }

    /**
     * Basic credentials for the settings.xml {@code <proxy>} that {@code uri} goes through, if it has any: sent
     * preemptively, as the JDK's client sends them to a proxy (also on the CONNECT of an https tunnel).
     */
    static String proxyAuthorization(MavenProxies proxies, URI uri) {
        for (java.net.Proxy p : proxies.select(uri)) {
            if (p.address() instanceof java.net.InetSocketAddress a) {
                java.net.PasswordAuthentication credentials;
                try {
                    credentials = proxies.credentials(uri.toURL(), a.getHostString(), a.getPort());
                } catch (java.net.MalformedURLException e) {
                    return null;
                }
                if (credentials != null) {
                    String pair = credentials.getUserName() + ":" + new String(credentials.getPassword());
                    return "Basic " + java.util.Base64.getEncoder().encodeToString(
                            pair.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return null;
    }

    /** Command line, then the POM's element, then the POM's properties. */
    private static String value(String property, String element, Function<String, String> commandLine,
                                Function<String, String> pomProperty) {
        String fromCommandLine = commandLine.apply(property);
        if (fromCommandLine != null) {
            return fromCommandLine;
        }
        return element != null ? element : pomProperty.apply(property);
    }

    private static String string(Boolean b) {
        return b == null ? null : b.toString();
    }

    private static boolean bool(String property, String value, boolean fallback) throws MojoFailureException {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new MojoFailureException("stylize " + property + ": '" + value + "' is not a boolean; use true or false");
    }

    /**
     * The session's configuration, plus what the server's {@code <configuration>} holds where the session lacks it:
     * Maven 3.9 copies {@code httpHeaders}, {@code connectTimeout} and {@code requestTimeout} into the session, Maven
     * 3.8 (which this plugin supports) leaves them in the server's XML only.
     */
    static Map<String, Object> withServerConfiguration(Map<String, Object> session, Server server, String id) {
        if (server == null || !(server.getConfiguration() instanceof Xpp3Dom xml)) {
            return session;
        }
        Map<String, Object> config = new LinkedHashMap<>(session);
        Xpp3Dom httpHeaders = xml.getChild("httpHeaders");
        if (httpHeaders != null && !config.containsKey(HEADERS + "." + id)) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Xpp3Dom property : httpHeaders.getChildren("property")) {
                Xpp3Dom name = property.getChild("name");
                Xpp3Dom value = property.getChild("value");
                if (name != null && name.getValue() != null && value != null) {
                    headers.put(name.getValue().trim(), value.getValue() == null ? "" : value.getValue().trim());
                }
            }
            config.put(HEADERS + "." + id, headers);
        }
        for (String key : new String[]{CONNECT_TIMEOUT, REQUEST_TIMEOUT}) {
            String element = key.substring(key.lastIndexOf('.') + 1);
            Xpp3Dom value = xml.getChild(element);
            if (value != null && value.getValue() != null && !config.containsKey(key + "." + id)) {
                config.put(key + "." + id, value.getValue().trim());
            }
        }
        return config;
    }

    /** Headers for the server, as Maven's HTTP transport reads them: server-specific, else global. */
    static Map<String, String> headers(Map<String, Object> config, String id) {
        Object specific = config.get(HEADERS + "." + id);
        Object headers = specific != null ? specific : config.get(HEADERS);
        Map<String, String> result = new LinkedHashMap<>();
        if (headers instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (k != null && v != null) {
                    result.put(k.toString(), v.toString());
                }
            });
        }
        return result;
    }

    /** A timeout in milliseconds, server-specific, else global, else {@code fallback}. */
    static Duration duration(Map<String, Object> config, String key, String id, Duration fallback) {
        Object value = config.get(key + "." + id);
        if (value == null) {
            value = config.get(key);
        }
        if (value instanceof Number n && n.longValue() > 0) {
            return Duration.ofMillis(n.longValue());
        }
        if (value instanceof String s) {
            try {
                long millis = Long.parseLong(s.trim());
                return millis > 0 ? Duration.ofMillis(millis) : fallback;
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }
}
