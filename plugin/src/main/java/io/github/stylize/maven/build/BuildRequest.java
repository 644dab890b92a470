package io.github.stylize.maven.build;

import io.github.stylize.engine.weights.WeightsOptions;
import io.github.stylize.engine.weights.WeightsSource;
import io.github.stylize.maven.cache.RemoteCacheSettings;
import io.github.stylize.maven.plan.PlanRequest;
import io.github.stylize.maven.plan.Shard;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything one execution of the {@code generate} goal needs, resolved from the configuration: immutable, built with
 * {@link #builder()}. Paths are absolute.
 */
public final class BuildRequest {
    private final String title;
    private final String executionId;
    private final PlanRequest plan;
    private final Path outputDirectory;
    private final Path packagedCopies;
    private final Path metadataDirectory;
    private final Path cacheDirectory;
    private final RemoteCacheSettings remoteCache;
    private final WeightsSource weightsSource;
    private final WeightsOptions weightsOptions;
    private final boolean force;
    private final boolean requireCached;
    private final Shard shard;
    private final boolean requireGpu;
    private final long progressIntervalMillis;

    private BuildRequest(Builder b) {
        title = Objects.requireNonNull(b.title, "title");
        executionId = Objects.requireNonNull(b.executionId, "executionId");
        plan = Objects.requireNonNull(b.plan, "plan");
        outputDirectory = absolute(Objects.requireNonNull(b.outputDirectory, "outputDirectory"));
        packagedCopies = b.packagedCopies;
        metadataDirectory = absolute(Objects.requireNonNull(b.metadataDirectory, "metadataDirectory"));
        cacheDirectory = absolute(Objects.requireNonNull(b.cacheDirectory, "cacheDirectory"));
        remoteCache = b.remoteCache;
        weightsSource = Objects.requireNonNull(b.weightsSource, "weightsSource");
        weightsOptions = Objects.requireNonNull(b.weightsOptions, "weightsOptions");
        force = b.force;
        requireCached = b.requireCached;
        shard = b.shard;
        requireGpu = b.requireGpu;
        progressIntervalMillis = Math.max(1000L, b.progressIntervalMillis);
    }

    private static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The project's name, for the report. */
    public String title() { return title; }
    /** The Maven execution's id, safe in a file name: names this execution's record and output manifest. */
    public String executionId() { return executionId; }
    /** The declarations and what to plan from them. */
    public PlanRequest plan() { return plan; }
    public Path outputDirectory() { return outputDirectory; }
    /** Where the resources step copies the outputs for packaging ({@code target/classes}), or null. */
    public Path packagedCopies() { return packagedCopies; }
    /** Metadata, snapshots, the output manifest and the report ({@code target/stylize}). */
    public Path metadataDirectory() { return metadataDirectory; }
    /** The local image cache, the downloaded weights and the directory locks. */
    public Path cacheDirectory() { return cacheDirectory; }
    /** The shared cache server, or null for none. */
    public RemoteCacheSettings remoteCache() { return remoteCache; }
    public WeightsSource weightsSource() { return weightsSource; }
    public WeightsOptions weightsOptions() { return weightsOptions; }
    /** Render every selected asset even if cached. */
    public boolean force() { return force; }
    /** Render nothing: an asset found in no cache fails. */
    public boolean requireCached() { return requireCached; }
    /** This build's share of the assets, or null for all. */
    public Shard shard() { return shard; }
    public boolean requireGpu() { return requireGpu; }
    public long progressIntervalMillis() { return progressIntervalMillis; }

    public static final class Builder {
        private String title;
        private String executionId;
        private PlanRequest plan;
        private Path outputDirectory;
        private Path packagedCopies;
        private Path metadataDirectory;
        private Path cacheDirectory;
        private RemoteCacheSettings remoteCache;
        private WeightsSource weightsSource;
        private WeightsOptions weightsOptions;
        private boolean force;
        private boolean requireCached;
        private Shard shard;
        private boolean requireGpu;
        private long progressIntervalMillis = 5000;

        private Builder() {
        }

        public Builder title(String v) { title = v; return this; }
        public Builder executionId(String v) { executionId = v; return this; }
        public Builder plan(PlanRequest v) { plan = v; return this; }
        public Builder outputDirectory(Path v) { outputDirectory = v; return this; }
        public Builder packagedCopies(Path v) { packagedCopies = v; return this; }
        public Builder metadataDirectory(Path v) { metadataDirectory = v; return this; }
        public Builder cacheDirectory(Path v) { cacheDirectory = v; return this; }
        public Builder remoteCache(RemoteCacheSettings v) { remoteCache = v; return this; }
        public Builder weights(WeightsSource source, WeightsOptions options) {
            weightsSource = source;
            weightsOptions = options;
            return this;
        }
        public Builder force(boolean v) { force = v; return this; }
        public Builder requireCached(boolean v) { requireCached = v; return this; }
        public Builder shard(Shard v) { shard = v; return this; }
        public Builder requireGpu(boolean v) { requireGpu = v; return this; }
        public Builder progressIntervalMillis(long v) { progressIntervalMillis = v; return this; }

        public BuildRequest build() {
            return new BuildRequest(this);
        }
    }
}
