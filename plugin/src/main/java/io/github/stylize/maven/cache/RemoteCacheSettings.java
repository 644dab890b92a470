package io.github.stylize.maven.cache;

import java.net.ProxySelector;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How to reach the remote cache: everything the Maven layer maps from {@code <remoteCache>} and {@code settings.xml}.
 * Immutable, built with {@link #builder()}, which names every part; unset parts are none (no server, credentials,
 * headers or proxy, no push) or the default timeouts.
 */
public final class RemoteCacheSettings {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI url;
    private final String serverId;
    private final boolean push;
    private final String username;
    private final String password;
    private final Map<String, String> headers;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final ProxySelector proxies;

    private RemoteCacheSettings(Builder b) {
        url = Objects.requireNonNull(b.url, "url");
        serverId = b.serverId;
        push = b.push;
        username = b.username;
        password = b.password;
        headers = Map.copyOf(b.headers);
        connectTimeout = b.connectTimeout;
        requestTimeout = b.requestTimeout;
        proxies = b.proxies;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Objects are at {@code url + key}; ends with '/'. */
    public URI url() { return url; }
    /** The {@code settings.xml} server the credentials and headers came from, for messages; may be null. */
    public String serverId() { return serverId; }
    /** Whether generated images are uploaded. */
    public boolean push() { return push; }
    /** Basic auth user, or null. */
    public String username() { return username; }
    /** Basic auth password, or null; never printed. */
    public String password() { return password; }
    /** Extra request headers (token auth, {@code Proxy-Authorization}), values never printed. */
    public Map<String, String> headers() { return headers; }
    /** How long to wait for a connection. */
    public Duration connectTimeout() { return connectTimeout; }
    /** How long to wait for a response. */
    public Duration requestTimeout() { return requestTimeout; }
    /** Which proxy a URL goes through ({@code null}: none). */
    public ProxySelector proxies() { return proxies; }

    /**
     * {@code spec} as the cache's base URL: http or https, no credentials in it, '/' appended where missing.
     *
     * @throws IllegalArgumentException saying what to change, for the user
     */
    public static URI parseUrl(String spec) {
        URI uri;
        try {
            uri = URI.create(spec.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + spec + "' is not a URL (" + e.getMessage() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + spec + "' is not an http or https URL; use e.g."
                    + " https://cache.example.com/stylize/");
        }
        if (uri.getRawUserInfo() != null) {
            // The URL is logged and may be shown in reports; credentials belong in settings.xml.
            throw new IllegalArgumentException("the URL must not contain credentials; put them in a settings.xml"
                    + " <server> and name it in <remoteCache><serverId>");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + spec + "' has a query or fragment; the cache key is appended to"
                    + " the URL, so give a directory URL, e.g. https://cache.example.com/stylize/");
        }
        String text = uri.toString();
        return text.endsWith("/") ? uri : URI.create(text + "/");
    }

    /** How messages name the server entry that holds the credentials. */
    String serverDescription() {
        return serverId == null ? "no serverId is configured (<remoteCache><serverId>), so requests carry no credentials"
                : "the settings.xml <server> with id '" + serverId + "'";
    }

    /** Without the secrets: header names only, password masked. */
    @Override
    public String toString() {
        return "RemoteCacheSettings[url=" + url + ", serverId=" + serverId + ", push=" + push + ", username="
                + username + ", password=" + (password == null ? "none" : "***") + ", headers="
                + new TreeMap<>(headers).keySet() + ", connectTimeout=" + connectTimeout + ", requestTimeout="
                + requestTimeout + "]";
    }

    public static final class Builder {
        private URI url;
        private String serverId;
        private boolean push;
        private String username;
        private String password;
        private Map<String, String> headers = Map.of();
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private ProxySelector proxies;

        private Builder() {
        }

        public Builder url(URI v) { url = v; return this; }
        public Builder serverId(String v) { serverId = v; return this; }
        public Builder push(boolean v) { push = v; return this; }
        public Builder username(String v) { username = v; return this; }
        public Builder password(String v) { password = v; return this; }
        public Builder headers(Map<String, String> v) { headers = v; return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder requestTimeout(Duration v) { requestTimeout = v; return this; }
        public Builder proxies(ProxySelector v) { proxies = v; return this; }

        public RemoteCacheSettings build() {
            return new RemoteCacheSettings(this);
        }
    }
}
