package io.github.stylize.maven.cache;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CacheDirectoriesTest {
    @Test
    void xdgCacheHomeWinsWhenAbsolute() {
        assertEquals(Path.of("/var/cache/me/stylize"),
                CacheDirectories.defaultRoot(Map.of("XDG_CACHE_HOME", "/var/cache/me"), Path.of("/home/me")));
    }

    @Test
    void otherwiseTheDotCacheInTheHomeDirectory() {
        assertEquals(Path.of("/home/me/.cache/stylize"), CacheDirectories.defaultRoot(Map.of(), Path.of("/home/me")));
        assertEquals(Path.of("/home/me/.cache/stylize"),
                CacheDirectories.defaultRoot(Map.of("XDG_CACHE_HOME", "relative"), Path.of("/home/me")));
    }
}
