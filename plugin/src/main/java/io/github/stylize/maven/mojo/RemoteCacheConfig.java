package io.github.stylize.maven.mojo;

/**
 * {@code <remoteCache>}: the shared cache server. Each field may also come from a property (given on the command line
 * with {@code -D}, it overrides the POM; set in the POM's {@code <properties>}, it applies where the element is absent).
 */
public class RemoteCacheConfig {
    /** Base URL; objects are at {@code url + key}. Property {@code stylize.remoteCache.url}. */
    String url;
    /** The settings.xml {@code <server>} with credentials, headers and timeouts; optional. */
    String serverId;
    /** Upload generated images. Property {@code stylize.remoteCache.push}; default false. */
    Boolean push;
    /** Use the remote cache at all. Property {@code stylize.remoteCache.enabled}; default true. */
    Boolean enabled;
}
