package io.github.stylize.maven.cache;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One place cached images live: the local cache directory ({@link ImageCache}) or a shared server
 * ({@link RemoteCache}). {@link TieredCache} asks the tiers in order and stores a result in every one.
 */
public interface CacheTier {
    /** How log lines name this tier: a directory or a URL, never credentials. */
    String describe();

    /**
     * The verified entry stored under {@code key}, or empty when there is none. A damaged entry, or one larger than
     * {@code maxBytes} where the tier has to transfer it, is reported to {@code warn} and is a miss, never an error.
     */
    Optional<NewEntry> get(String key, long maxBytes, Consumer<String> warn);

    /** Stores {@code entry} under {@code key}. */
    void store(String key, NewEntry entry) throws IOException;
}
