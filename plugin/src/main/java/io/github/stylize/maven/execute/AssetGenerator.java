package io.github.stylize.maven.execute;

import io.github.stylize.engine.StylizeException;
import io.github.stylize.engine.files.AtomicFiles;
import io.github.stylize.engine.files.Digests;
import io.github.stylize.maven.cache.CacheEntry;
import io.github.stylize.maven.cache.ImageCache;
import io.github.stylize.maven.cache.KeyLock;
import io.github.stylize.maven.cache.NewEntry;
import io.github.stylize.maven.plan.Plan;
import io.github.stylize.maven.plan.PlannedAsset;
import io.github.stylize.maven.publish.OutputManifest;
import io.github.stylize.maven.publish.OutputPublisher;
import io.github.stylize.maven.report.AssetMetadata;
import io.github.stylize.maven.report.SettingsJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
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
    private boolean cacheWarned;
    /** Metadata files written by this execution, relative to the metadata directory, with their SHA-256. */
    private final Map<String, String> metadataWritten = new LinkedHashMap<>();
    /** Failure message to the first asset that failed with it. */
    private final Map<String, String> firstFailedWith = new LinkedHashMap<>();

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
        OutputManifest previous = OutputManifest.read(manifestFile, publisher.outputDirectory(), log::warn);
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
            boolean fromCache = generate(asset);
            return new AssetOutcome(asset, fromCache ? AssetOutcome.Result.CACHED : AssetOutcome.Result.GENERATED,
                    millisSince(start), null);
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
        return new AssetOutcome(asset, AssetOutcome.Result.FAILED, millisSince(start), message);
    }

    /**
     * A miss: renders under the key's lock and stores the result, unless another build stored it while we waited.
     * A cache that cannot be locked or written costs only the reuse: the image is rendered and published anyway.
     *
     * @return true if another build's entry was used after all
     */
    private boolean generate(PlannedAsset asset) throws IOException, OutputException {
        KeyLock lock = lockOrWarn(asset);
        try {
            if (lock != null && !force) {
                // Another build may have computed it while we waited for the lock.
                Optional<CacheEntry> raced = cache.lookup(asset.cacheKey(), log::warn);
                if (raced.isPresent()) {
                    publish(asset, raced.get(), true);
                    return true;
                }
            }
            Rendering rendering = render(asset);
            CacheEntry stored = lock == null ? null : storeOrWarn(asset, rendering);
            if (stored != null) {
                publish(asset, stored, false);
            } else {
                publish(asset, rendering);
            }
            return false;
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    private KeyLock lockOrWarn(PlannedAsset asset) {
        try {
            return cache.lock(asset.cacheKey());
        } catch (IOException e) {
            warnCacheUnusable(asset, e);
            return null;
        }
    }

    private CacheEntry storeOrWarn(PlannedAsset asset, Rendering rendering) {
        try {
            return cache.put(asset.cacheKey(), new NewEntry(rendering.encoded(), asset.settings().format().extension(),
                    rendering.backend(), rendering.losses(), rendering.timings(), asset.cacheKeyInput(),
                    SettingsJson.of(asset.settings())));
        } catch (IOException e) {
            warnCacheUnusable(asset, e);
            return null;
        }
    }

    /** The first time in a build in full; later assets only in the debug log, as the cause is the same. */
    private void warnCacheUnusable(PlannedAsset asset, IOException cause) {
        String message = "[" + asset.id() + "] the cache directory " + cache.root() + " cannot be used ("
                + OutputException.describe(cause) + "); the image is generated and written without caching it, so the next build"
                + " generates it again. Make the directory writable, free disk space, or set stylize.cacheDirectory"
                + " to a writable directory";
        if (cacheWarned) {
            log.debug(message);
        } else {
            cacheWarned = true;
            log.warn(message);
        }
    }

    private Rendering render(PlannedAsset asset) throws IOException {
        if (renderer == null) {
            renderer = rendererFactory.get();
        }
        Path snapshots = snapshotDirectory(metadataDirectory, asset.id());
        // Snapshots of an earlier run (other settings) would pass for this run's in the report.
        ReportEntries.deleteSnapshots(snapshots);
        ProgressReporter reporter = new ProgressReporter(asset.id(), log, progressIntervalMillis, nanoTime, snapshots,
                asset.settings().tolerance() > 0);
        UnchangedInputs.require(asset);
        Rendering rendering = renderer.render(asset, reporter);
        UnchangedInputs.require(asset);
        reporter.finished(rendering.losses(), rendering.timings());
        return rendering;
    }

    private void publish(PlannedAsset asset, CacheEntry entry, boolean fromCache) throws OutputException {
        Path target = publisher.resolve(asset.output());
        boolean changed;
        try {
            changed = publisher.publish(asset.output(), entry.image());
        } catch (IOException e) {
            throw OutputException.of(target, e);
        }
        writeMetadata(asset, changed, new AssetMetadata(asset.id(), asset.cacheKey(), asset.output(), fromCache,
                entry.backend(), SettingsJson.of(asset.settings()), entry.losses(), entry.timings()));
    }

    private void publish(PlannedAsset asset, Rendering rendering) throws OutputException {
        Path target = publisher.resolve(asset.output());
        boolean changed;
        try {
            changed = publisher.publish(asset.output(), rendering.encoded());
        } catch (IOException e) {
            throw OutputException.of(target, e);
        }
        writeMetadata(asset, changed, new AssetMetadata(asset.id(), asset.cacheKey(), asset.output(), false,
                rendering.backend(), SettingsJson.of(asset.settings()), rendering.losses(), rendering.timings()));
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
