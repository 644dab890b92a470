package io.github.stylize.maven.report;

import java.util.Arrays;
import java.util.Locale;

/**
 * What became of an asset in a build: one word for the execution's outcomes, the build log's table and counts, the
 * report record and the page. It lives in the report package because the execution depends on the report, never the
 * other way round.
 */
public enum AssetStatus {
    /** Rendered by the engine in this build: a cache miss. */
    GENERATED,
    /** Copied from the local cache. */
    CACHED,
    /** Copied from the remote cache ({@code stylize.remoteCache}), and stored in the local one. */
    REMOTE,
    /** Could not be made; the reason is kept with it. */
    FAILED,
    /** Left to another shard ({@code stylize.shard}). */
    SKIPPED;

    /** The word in the build log and in {@code report-<execution>.json}: the lower-case name, e.g. {@code remote}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The status {@link #label} wrote.
     *
     * @throws IllegalArgumentException if it is none
     */
    public static AssetStatus ofLabel(String label) {
        for (AssetStatus status : values()) {
            if (status.label().equals(label)) {
                return status;
            }
        }
        throw new IllegalArgumentException("result is " + label + ", not one of "
                + Arrays.stream(values()).map(AssetStatus::label).toList());
    }

    /** Whether the image was copied from a cache, local or remote, instead of rendered. */
    public boolean cacheHit() {
        return this == CACHED || this == REMOTE;
    }

    /** Whether this build has an image for the asset: neither failed nor left to another shard. */
    public boolean hasResult() {
        return this != FAILED && this != SKIPPED;
    }
}
