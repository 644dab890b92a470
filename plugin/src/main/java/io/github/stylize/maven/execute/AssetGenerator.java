package io.github.stylize.maven.execute;

import io.github.stylize.engine.StylizeException;
import io.github.stylize.engine.files.AtomicFiles;
import io.github.stylize.engine.StyleSettings;
import io.github.stylize.engine.files.Digests;
import io.github.stylize.engine.weights.WeightsSource;
import io.github.stylize.maven.cache.ImageCache;
import io.github.stylize.maven.cache.NewEntry;
import io.github.stylize.maven.cache.RemoteCache;
import io.github.stylize.maven.cache.TieredCache;
import io.github.stylize.maven.plan.Plan;
import io.github.stylize.maven.plan.PlannedAsset;
import io.github.stylize.maven.plan.Shard;
import io.github.stylize.maven.plan.ShardSplit;
import io.github.stylize.maven.publish.OutputManifest;
import io.github.stylize.maven.publish.OutputPublisher;
import io.github.stylize.maven.report.AssetMetadata;
import io.github.stylize.maven.report.AssetStatus;
import io.github.stylize.maven.report.SettingsJson;
import io.github.stylize.maven.report.WeightsProvenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Executes a {@link Plan}: hits are copied from the cache (local, then remote), misses rendered under their key's lock
 * and stored in every cache tier, every result published with its metadata, and outputs no longer declared removed.
 * Failures are collected, not thrown, so one broken asset leaves the others' outputs and cache entries intact.
 */
public final class AssetGenerator {
    /**
     * How this build uses the cache, and what it records.
     *
     * @param force         render every selected asset even if cached, replacing the local entry
     * @param requireCached fail an asset found in no cache instead of rendering it
     * @param shard         build only this shard's share of the assets, or null for all
     * @param weights       the configured weights, recorded in each image's metadata; null records none
     */
    public record Options(boolean force, boolean requireCached, Shard shard, WeightsSource weights) {
        public Options(boolean force, boolean requireCached, Shard shard) {
            this(force, requireCached, shard, null);
        }
    }

    private final ImageCache localCache;
    private final TieredCache cache;
    private final OutputPublisher publisher;
    private final Path metadataDirectory;
    private final Path manifestFile;
    private final Supplier<Renderer> rendererFactory;
    private final BuildLog log;
    private final long progressIntervalMillis;
    private final Options options;
    private final LongSupplier nanoTime;

    private Renderer renderer;
    private BuildProgress progress;
    private boolean cacheWarned;
    /** Metadata files written by this execution, relative to the metadata directory, with their SHA-256. */
    private final Map<String, String> metadataWritten = new LinkedHashMap<>();
    /** Failure message to the first asset that failed with it. */
    private final Map<String, String> firstFailedWith = new LinkedHashMap<>();

    private AssetGenerator(Builder b) {
        this.localCache = Objects.requireNonNull(b.cache, "cache");
        this.cache = new TieredCache(b.cache, b.remote, b.log::warn, this::warnCacheUnusable);
        this.publisher = Objects.requireNonNull(b.publisher, "publisher");
        this.metadataDirectory = b.metadataDirectory.toAbsolutePath().normalize();
        this.manifestFile = Objects.requireNonNull(b.manifestFile, "manifestFile");
        this.rendererFactory = Objects.requireNonNull(b.rendererFactory, "rendererFactory");
        this.log = b.log;
        if (b.progressIntervalMillis <= 0) {
            throw new IllegalArgumentException("progressIntervalMillis must be set and positive, not "
                    + b.progressIntervalMillis);
        }
        this.progressIntervalMillis = b.progressIntervalMillis;
        this.options = b.options;
        this.nanoTime = b.nanoTime;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Names what an {@link AssetGenerator} is made of; remote, options and clock have defaults, the rest is needed. */
    public static final class Builder {
        private ImageCache cache;
        private RemoteCache remote;
        private OutputPublisher publisher;
        private Path metadataDirectory;
        private Path manifestFile;
        private Supplier<Renderer> rendererFactory;
        private BuildLog log;
        private long progressIntervalMillis;
        private Options options = new Options(false, false, null);
        private LongSupplier nanoTime = System::nanoTime;

        private Builder() {
        }

        public Builder cache(ImageCache localCache) {
            this.cache = localCache;
            return this;
        }

        /** The shared cache server; none by default. */
        public Builder remote(RemoteCache remoteCache) {
            this.remote = remoteCache;
            return this;
        }

        public Builder publisher(OutputPublisher outputPublisher) {
            this.publisher = outputPublisher;
            return this;
        }

        /** Where {@code <id>.json} and snapshots go ({@code target/stylize}). */
        public Builder metadataDirectory(Path directory) {
            this.metadataDirectory = directory;
            return this;
        }

        /** This execution's record of the files it wrote. */
        public Builder manifestFile(Path file) {
            this.manifestFile = file;
            return this;
        }

        /** Called at most once, on the first miss. */
        public Builder renderer(Supplier<Renderer> factory) {
            this.rendererFactory = factory;
            return this;
        }

        public Builder log(BuildLog buildLog) {
            this.log = buildLog;
            return this;
        }

        /** How often a running render logs its progress. */
        public Builder progressIntervalMillis(long millis) {
            this.progressIntervalMillis = millis;
            return this;
        }

        /** How this build uses the cache; by default neither forced nor cache-only, all shards, no weights recorded. */
        public Builder options(Options buildOptions) {
            this.options = buildOptions;
            return this;
        }

        /** The clock of the timings and progress; {@code System::nanoTime} by default. */
        public Builder nanoTime(LongSupplier clock) {
            this.nanoTime = clock;
            return this;
        }

        public AssetGenerator build() {
            Objects.requireNonNull(metadataDirectory, "metadataDirectory");
            Objects.requireNonNull(log, "log");
            return new AssetGenerator(this);
        }
    }

    public ExecutionResult execute(Plan plan) throws IOException {
        long start = nanoTime.getAsLong();
        OutputManifest previous = OutputManifest.read(manifestFile, publisher.outputDirectory(), log::warn);
        List<AssetOutcome> outcomes = new ArrayList<>();
        Set<PlannedAsset> share = share(plan.selected());
        if (!options.force()) {
            cache.prefetch(share.stream().map(AssetGenerator::request).toList());
        }
        List<PlannedAsset> toGenerate = options.requireCached() ? List.of() : share.stream()
                .filter(a -> options.force() || !cache.expectsHit(request(a))).toList();
        progress = new BuildProgress(toGenerate, ShardSplit::cost, log, nanoTime);
        for (PlannedAsset asset : plan.selected()) {
            outcomes.add(share.contains(asset) ? process(asset)
                    : AssetOutcome.skipped(asset, "skipped (shard " + options.shard() + ")"));
        }
        List<String> removed = removeStale(plan, previous);
        return new ExecutionResult(outcomes, removed, renderer != null, millisSince(start));
    }

    /** The assets this build produces: all of them, or this shard's share, which is logged. */
    private Set<PlannedAsset> share(List<PlannedAsset> selected) {
        Shard shard = options.shard();
        if (shard == null) {
            return new LinkedHashSet<>(selected);
        }
        ShardSplit split = ShardSplit.of(selected, shard.total(), ShardSplit::cost);
        Set<PlannedAsset> share = selected.stream().filter(a -> split.shardOf(a) == shard.index())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        log.info(String.format(java.util.Locale.ROOT, "stylize: shard %s takes %d of %d assets (%s), %.1f%% of the"
                        + " expected cost (pixels x iterations); it skips the other %d", shard, share.size(),
                selected.size(), share.stream().map(PlannedAsset::id).collect(Collectors.joining(", ")),
                split.totalCost() == 0 ? 0.0 : 100.0 * split.load(shard.index()) / split.totalCost(),
                selected.size() - share.size()));
        return share;
    }

    private static TieredCache.Request request(PlannedAsset asset) {
        return new TieredCache.Request(asset.id(), asset.cacheKey(), maxObjectBytes(asset.settings()));
    }

    /**
     * The largest remote object accepted for an asset: 4 bytes per pixel of its largest possible image (an RGB PNG
     * takes at most about 3) plus 16 MiB for the metadata, whose loss history grows with the iterations.
     */
    static long maxObjectBytes(StyleSettings settings) {
        return 4L * settings.size() * settings.size() + (16L << 20);
    }

    private AssetOutcome process(PlannedAsset asset) {
        long start = nanoTime.getAsLong();
        try {
            TieredCache.Request request = request(asset);
            TieredCache.Found found;
            if (options.requireCached()) {
                Optional<TieredCache.Found> cached = cache.find(request);
                if (cached.isEmpty()) {
                    return failed(asset, start, "found in no cache (" + localCache.describe() + (cache.hasRemote()
                            ? ", the remote cache" : ", no remote cache configured") + ") and stylize.requireCached=true"
                            + " forbids generating it; run the builds that generate and push it first (the shard jobs"
                            + " with stylize.remoteCache.push=true), or drop stylize.requireCached", null);
                }
                found = cached.get();
            } else {
                found = cache.obtain(request, options.force(), () -> entry(asset, render(asset)));
            }
            WeightsProvenance weights = weights(asset);
            publish(asset, found, weights);
            AssetStatus status = switch (found.source()) {
                case LOCAL -> AssetStatus.CACHED;
                case REMOTE -> AssetStatus.REMOTE;
                case GENERATED -> AssetStatus.GENERATED;
            };
            return AssetOutcome.made(asset, status, millisSince(start), found.entry().run(), weights);
        } catch (StylizeException e) {
            return failed(asset, start, e.getMessage(), null);
        } catch (OutputException e) {
            return failed(asset, start, e.getMessage(), null);
        } catch (IOException e) {
            return failed(asset, start, "I/O error: " + OutputException.describe(e), null);
        } catch (RuntimeException e) {
            // A bug rather than bad input: keep going with the other assets, and show the stack trace.
            return failed(asset, start, "unexpected " + e, e);
        }
    }

    private static NewEntry entry(PlannedAsset asset, Rendering rendering) {
        return new NewEntry(rendering.encoded(), asset.settings().format().extension(), rendering.run(),
                asset.cacheKeyInput(), SettingsJson.of(asset.settings()));
    }

    private AssetOutcome failed(PlannedAsset asset, long start, String message, Throwable bug) {
        String sameAs = firstFailedWith.putIfAbsent(message, asset.id());
        if (sameAs != null) {
            // One cause failing many assets (weights that cannot be downloaded) is explained once.
            log.error("[" + asset.id() + "] failed: the same error as [" + sameAs + "] above");
        } else if (bug == null) {
            log.error("[" + asset.id() + "] failed: " + message);
        } else {
            log.error("[" + asset.id() + "] failed: " + message, bug);
        }
        return AssetOutcome.failed(asset, millisSince(start), message);
    }

    /** The first time in a build in full; later assets only in the debug log, as the cause is the same. */
    private void warnCacheUnusable(TieredCache.Request request, IOException cause, String consequence) {
        String message = "[" + request.label() + "] the cache directory " + localCache.root() + " cannot be used ("
                + OutputException.describe(cause) + "); " + consequence + ". Make the directory writable, free disk"
                + " space, or set stylize.cacheDirectory to a writable directory";
        synchronized (this) { // remote hits are stored from several threads
            if (cacheWarned) {
                log.debug(message);
                return;
            }
            cacheWarned = true;
        }
        log.warn(message);
    }

    private Rendering render(PlannedAsset asset) throws IOException {
        if (renderer == null) {
            renderer = rendererFactory.get();
        }
        Path snapshots = snapshotDirectory(metadataDirectory, asset.id());
        // Snapshots of an earlier run (other settings) would pass for this run's in the report.
        ReportEntries.deleteSnapshots(snapshots);
        progress.starting(asset);
        boolean succeeded = false;
        try {
            Rendering rendering = render(asset, snapshots);
            succeeded = true;
            return rendering;
        } finally {
            progress.finished(asset, succeeded);
        }
    }

    private Rendering render(PlannedAsset asset, Path snapshots) throws IOException {
        ProgressReporter reporter = new ProgressReporter(asset.id(), log, progressIntervalMillis, nanoTime, snapshots,
                asset.settings().tolerance() > 0);
        UnchangedInputs.require(asset);
        Rendering rendering = renderer.render(asset, reporter);
        UnchangedInputs.require(asset);
        reporter.finished(rendering.run().losses(), rendering.run().timings());
        return rendering;
    }

    private void publish(PlannedAsset asset, TieredCache.Found found, WeightsProvenance weights) throws OutputException {
        Path target = publisher.resolve(asset.output());
        NewEntry entry = found.entry();
        boolean changed;
        try {
            changed = publisher.publish(asset.output(), entry.encoded());
        } catch (IOException e) {
            throw OutputException.of(target, e);
        }
        writeMetadata(asset, changed, new AssetMetadata(asset.id(), asset.cacheKey(), asset.output(),
                found.source() != TieredCache.Source.GENERATED, entry.run(), weights,
                SettingsJson.of(asset.settings())));
    }

    /** The weights that made {@code asset}'s image: its key holds their digest, so a hit's are this build's. */
    private WeightsProvenance weights(PlannedAsset asset) {
        return options.weights() == null ? null
                : WeightsProvenance.of(options.weights(), asset.digests().weightsIdentity());
    }

    private void writeMetadata(PlannedAsset asset, boolean outputChanged, AssetMetadata metadata)
            throws OutputException {
        log.debug("[" + asset.id() + "] " + (outputChanged ? "wrote " : "unchanged ") + asset.output());
        Path file = metadataDirectory.resolve(metadataName(asset));
        byte[] json = metadata.toJson().getBytes(StandardCharsets.UTF_8);
        try {
            AtomicFiles.write(file, json);
        } catch (IOException e) {
            throw OutputException.of(file, e);
        }
        metadataWritten.put(metadataName(asset), Digests.sha256Hex(json));
    }

    /** Where a run's snapshots go: {@code <metadataDirectory>/snapshots/<id>/iteration-NNNNN.png}. */
    static Path snapshotDirectory(Path metadataDirectory, String id) {
        return metadataDirectory.resolve("snapshots").resolve(id);
    }

    /** {@code <id>.json}; batch item ids hold '/', which makes subdirectories. */
    static String metadataName(PlannedAsset asset) {
        return asset.id() + ".json";
    }

    /**
     * Removes what the previous build of this execution wrote into this output directory that is no longer declared,
     * and records what this one wrote. A declared output this build did not publish (not selected by
     * {@code stylize.only}, or failed) keeps its previous record, so a later build still knows it.
     */
    private List<String> removeStale(Plan plan, OutputManifest previous) throws IOException {
        Set<String> outputs = new LinkedHashSet<>();
        Set<String> metadata = new LinkedHashSet<>();
        for (PlannedAsset asset : plan.declared()) {
            outputs.add(asset.output());
            metadata.add(metadataName(asset));
        }
        Map<String, String> outputsWritten = new LinkedHashMap<>();
        Map<String, String> metadataKept = new LinkedHashMap<>();
        List<String> removed = new ArrayList<>();
        if (previous != null) {
            Consumer<String> kept = relative -> log.warn("Kept " + relative + ": it is no longer declared, but it was"
                    + " changed since stylize wrote it, so it may be yours; delete it by hand if not");
            removed.addAll(OutputPublisher.removeStale(publisher.outputDirectory(), previous.outputs(), outputs, kept));
            if (publisher.packagedCopies() != null) {
                // A copy the user changed is theirs; the warning above already named the output, so stay quiet here.
                OutputPublisher.removeStale(publisher.packagedCopies(), previous.outputs(), outputs, relative -> { });
            }
            OutputPublisher.removeStale(metadataDirectory, previous.metadata(), metadata, kept);
            previous.outputs().forEach((o, sha) -> {
                if (outputs.contains(o)) {
                    outputsWritten.put(o, sha);
                }
            });
            previous.metadata().forEach((m, sha) -> {
                if (metadata.contains(m)) {
                    metadataKept.put(m, sha);
                }
            });
        }
        for (String r : removed) {
            log.info("Removed " + r + ": no longer declared");
        }
        publisher.published().forEach((o, sha) -> {
            if (outputs.contains(o)) {
                outputsWritten.put(o, sha);
            }
        });
        metadataKept.putAll(metadataWritten);
        new OutputManifest(publisher.outputDirectory(), outputsWritten, metadataKept).write(manifestFile);
        return removed;
    }

    private long millisSince(long startNanos) {
        return (nanoTime.getAsLong() - startNanos) / 1_000_000L;
    }
}
