package io.github.stylize.maven.execute;

import io.github.stylize.engine.StylizeException;
import io.github.stylize.maven.cache.CacheEntry;
import io.github.stylize.maven.cache.ImageCache;
import io.github.stylize.maven.cache.KeyLock;
import io.github.stylize.maven.cache.NewEntry;
import io.github.stylize.maven.plan.Plan;
import io.github.stylize.maven.plan.PlannedAsset;
import io.github.stylize.maven.publish.AtomicFiles;
import io.github.stylize.maven.publish.OutputManifest;
import io.github.stylize.maven.publish.OutputPublisher;
import io.github.stylize.maven.report.AssetMetadata;
import io.github.stylize.maven.report.SettingsJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Executes a {@link Plan}: hits are copied from the cache, misses rendered under their key's lock and stored, every
 * result published with its metadata, and outputs no longer declared removed. Failures are collected, not thrown, so
 * one broken asset leaves the others' outputs and cache entries intact.
 */
public final class AssetGenerator {
    private final ImageCache cache;
    private final OutputPublisher publisher;
    private final Path metadataDirectory;
    private final Path manifestFile;
    private final Supplier<Renderer> rendererFactory;
    private final BuildLog log;
    private final long progressIntervalMillis;
    private final boolean force;
    private final LongSupplier nanoTime;

    private Renderer renderer;

    /**
     * @param metadataDirectory where {@code <id>.json} and snapshots go ({@code target/stylize})
     * @param manifestFile      this execution's record of the files it wrote
     * @param rendererFactory   called at most once, on the first miss
     * @param force             render every selected asset even if cached, replacing the cache entry
     */
    public AssetGenerator(ImageCache cache, OutputPublisher publisher, Path metadataDirectory, Path manifestFile,
                          Supplier<Renderer> rendererFactory, BuildLog log, long progressIntervalMillis, boolean force,
                          LongSupplier nanoTime) {
        this.cache = cache;
        this.publisher = publisher;
        this.metadataDirectory = metadataDirectory.toAbsolutePath().normalize();
        this.manifestFile = manifestFile;
        this.rendererFactory = rendererFactory;
        this.log = log;
        this.progressIntervalMillis = progressIntervalMillis;
        this.force = force;
        this.nanoTime = nanoTime;
    }

    public ExecutionResult execute(Plan plan) throws IOException {
        long start = nanoTime.getAsLong();
        OutputManifest previous = OutputManifest.read(manifestFile);
        List<AssetOutcome> outcomes = new ArrayList<>();
        for (PlannedAsset asset : plan.selected()) {
            outcomes.add(process(asset));
        }
        List<String> removed = removeStale(plan, previous);
        return new ExecutionResult(outcomes, removed, renderer != null, millisSince(start));
    }

    private AssetOutcome process(PlannedAsset asset) {
        long start = nanoTime.getAsLong();
        try {
            if (!force) {
                Optional<CacheEntry> hit = cache.lookup(asset.cacheKey(), log::warn);
                if (hit.isPresent()) {
                    publish(asset, hit.get(), true);
                    return new AssetOutcome(asset, AssetOutcome.Result.CACHED, millisSince(start), null);
                }
            }
            CacheEntry entry;
            boolean fromCache = false;
            try (KeyLock lock = cache.lock(asset.cacheKey())) {
                // Another build may have computed it while we waited for the lock.
                Optional<CacheEntry> raced = force ? Optional.empty() : cache.lookup(asset.cacheKey(), log::warn);
                if (raced.isPresent()) {
                    entry = raced.get();
                    fromCache = true;
                } else {
                    entry = render(asset);
                }
            }
            publish(asset, entry, fromCache);
            return new AssetOutcome(asset, fromCache ? AssetOutcome.Result.CACHED : AssetOutcome.Result.GENERATED,
                    millisSince(start), null);
        } catch (StylizeException e) {
            log.error("[" + asset.id() + "] failed: " + e.getMessage());
            return new AssetOutcome(asset, AssetOutcome.Result.FAILED, millisSince(start), e.getMessage());
        } catch (IOException e) {
            String message = "I/O error: " + e;
            log.error("[" + asset.id() + "] failed: " + message);
            return new AssetOutcome(asset, AssetOutcome.Result.FAILED, millisSince(start), message);
        } catch (RuntimeException e) {
            // A bug rather than bad input: keep going with the other assets, and show the stack trace.
            String message = "unexpected " + e;
            log.error("[" + asset.id() + "] failed: " + message, e);
            return new AssetOutcome(asset, AssetOutcome.Result.FAILED, millisSince(start), message);
        }
    }

    private CacheEntry render(PlannedAsset asset) throws IOException {
        if (renderer == null) {
            renderer = rendererFactory.get();
        }
        Path snapshots = snapshotDirectory(metadataDirectory, asset.id());
        // Snapshots of an earlier run (other settings) would pass for this run's in the report.
        ReportEntries.deleteSnapshots(snapshots);
        ProgressReporter reporter = new ProgressReporter(asset.id(), log, progressIntervalMillis, nanoTime, snapshots);
        Rendering rendering = renderer.render(asset, reporter);
        reporter.finished(rendering.losses());
        return cache.put(asset.cacheKey(), new NewEntry(rendering.encoded(), asset.settings().format().extension(),
                rendering.backend(), rendering.losses(), rendering.millis(), asset.cacheKeyInput(),
                SettingsJson.of(asset.settings())));
    }

    private void publish(PlannedAsset asset, CacheEntry entry, boolean fromCache) throws IOException {
        boolean changed = publisher.publish(asset.output(), entry.image());
        log.debug("[" + asset.id() + "] " + (changed ? "wrote " : "unchanged ") + asset.output());
        AssetMetadata metadata = new AssetMetadata(asset.id(), asset.cacheKey(), asset.output(), fromCache,
                entry.backend(), SettingsJson.of(asset.settings()), entry.losses(), entry.millis());
        AtomicFiles.write(metadataDirectory.resolve(metadataName(asset)),
                metadata.toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** Where a run's snapshots go: {@code <metadataDirectory>/snapshots/<id>/iteration-NNNNN.png}. */
    static Path snapshotDirectory(Path metadataDirectory, String id) {
        return metadataDirectory.resolve("snapshots").resolve(id);
    }

    /** {@code <id>.json}; batch item ids hold '/', which makes subdirectories. */
    static String metadataName(PlannedAsset asset) {
        return asset.id() + ".json";
    }

    private List<String> removeStale(Plan plan, OutputManifest previous) throws IOException {
        Set<String> outputs = new LinkedHashSet<>();
        Set<String> metadata = new LinkedHashSet<>();
        for (PlannedAsset asset : plan.declared()) {
            outputs.add(asset.output());
            metadata.add(metadataName(asset));
        }
        List<String> removed = new ArrayList<>();
        if (previous != null) {
            Path previousDirectory = previous.outputDirectory().toAbsolutePath().normalize();
            boolean sameDirectory = previousDirectory.equals(publisher.outputDirectory());
            removed.addAll(OutputPublisher.removeStale(previousDirectory, previous.outputs(),
                    sameDirectory ? outputs : Set.of()));
            OutputPublisher.removeStale(metadataDirectory, previous.metadata(), metadata);
        }
        for (String r : removed) {
            log.info("Removed " + r + ": no longer declared");
        }
        new OutputManifest(publisher.outputDirectory(), outputs, metadata).write(manifestFile);
        return removed;
    }

    private long millisSince(long startNanos) {
        return (nanoTime.getAsLong() - startNanos) / 1_000_000L;
    }
}
