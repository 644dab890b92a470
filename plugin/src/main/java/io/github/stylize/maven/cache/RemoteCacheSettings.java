package io.github.stylize.maven.cache;

import java.net.ProxySelector;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How to reach the remote cache: everything the Maven layer maps from {@code <remoteCache>} and {@code settings.xml}.
 *
 * @param url            objects are at {@code url + key}; ends with '/'
 * @param serverId       the {@code settings.xml} server the credentials and headers came from, for messages; may be null
 * @param push           whether generated images are uploaded
 * @param username       Basic auth user, or null
 * @param password       Basic auth password, or null; never printed
 * @param headers        extra request headers (token auth, {@code Proxy-Authorization}), values never printed
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for a response
 * @param proxies        which proxy a URL goes through ({@code null}: none)
 */
public record RemoteCacheSettings(URI url, String serverId, boolean push, String username, String password,
                                  Map<String, String> headers, Duration connectTimeout, Duration requestTimeout,
                                  ProxySelector proxies) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    public RemoteCacheSettings {
        headers = Map.copyOf(headers);
    }

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
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
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
}
