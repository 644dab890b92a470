package io.github.stylize.maven.cache;

import java.nio.file.Path;
import java.util.Map;

/** Where the cache lives when the user does not say: outside {@code target/}, so {@code mvn clean} loses no work. */
public final class CacheDirectories {
    private CacheDirectories() {
    }

    /** {@code $XDG_CACHE_HOME/stylize} if that variable holds an absolute path, else {@code ~/.cache/stylize}. */
    public static Path defaultRoot(Map<String, String> environment, Path userHome) {
        String xdg = environment.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg).resolve("stylize");
        }
        return userHome.resolve(".cache").resolve("stylize");
    }

    public static Path defaultRoot() {
        return defaultRoot(System.getenv(), Path.of(System.getProperty("user.home")));
    }
}
