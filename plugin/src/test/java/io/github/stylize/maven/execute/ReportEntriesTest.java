package io.github.stylize.maven.execute;

import io.github.stylize.maven.testing.LineLog;
import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.ProgressListener;
import io.github.stylize.engine.RunSummary;
import io.github.stylize.engine.RunTimings;
import io.github.stylize.engine.files.Digests;
import io.github.stylize.engine.image.ImageException;
import io.github.stylize.engine.weights.WeightsOptions;
import io.github.stylize.engine.weights.WeightsSource;
import io.github.stylize.maven.cache.ImageCache;
import io.github.stylize.maven.plan.CacheKeys;
import io.github.stylize.maven.plan.InputDigests;
import io.github.stylize.maven.plan.Overrides;
import io.github.stylize.maven.plan.Plan;
import io.github.stylize.maven.plan.PlanRequest;
import io.github.stylize.maven.plan.PlannedAsset;
import io.github.stylize.maven.plan.Planner;
import io.github.stylize.maven.plan.StyleDeclaration;
import io.github.stylize.maven.plan.StylizationDeclaration;
import io.github.stylize.maven.publish.OutputPublisher;
import io.github.stylize.maven.report.AssetMetadata;
import io.github.stylize.maven.report.AssetStatus;
import io.github.stylize.maven.report.ExecutionRecord;
import io.github.stylize.maven.report.ReportEntry;
import io.github.stylize.maven.report.WeightsProvenance;
import io.github.stylize.maven.testing.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** From plan and outcomes to report entries: what a hit, a miss, a failure and an unselected asset show. */
class ReportEntriesTest {
    @TempDir
    Path dir;
    Path harbor;
    Path mosaic;
    Path out;
    Path meta;
    String failFor;

    @BeforeEach
    void setUp() {
        harbor = TestImages.png(dir.resolve("harbor.png"), 12, 8, 10);
        mosaic = TestImages.png(dir.resolve("mosaic.png"), 8, 8, 90);
        out = dir.resolve("target/generated-resources/stylize");
        meta = dir.resolve("target/stylize");
    }

    /** Renders like the engine with {@code snapshotEvery}: writes the snapshot files the progress listener would. */
    final Renderer renderer = new Renderer() {
        @Override
        public Rendering render(PlannedAsset asset, ProgressListener listener) {
            if (asset.id().equals(failFor)) {
                throw new ImageException("cannot decode " + asset.content());
            }
            int n = asset.settings().iterations();
            int every = asset.settings().snapshotEvery();
            List<IterationLoss> losses = new ArrayList<>();
            for (int i = 0; i <= n; i++) {
                losses.add(new IterationLoss(i, 1, n - i + 1, 0, n - i + 2));
                if (every > 0 && i > 0 && i % every == 0) {
                    TestImages.png(AssetGenerator.snapshotDirectory(meta, asset.id())
                            .resolve(String.format("iteration-%05d.png", i)), 4, 4, i);
                }
            }
            return new Rendering(("image " + asset.cacheKey()).getBytes(StandardCharsets.UTF_8),
                    new RunSummary("fake backend", losses, new RunTimings(2, 40, n, n + 1)));
        }
    };

    Plan plan(int iterationsOfA, Set<String> only) throws Exception {
        Overrides a = Overrides.builder().set("iterations", String.valueOf(iterationsOfA)).set("snapshotEvery", "2").build();
        return Planner.plan(PlanRequest.builder()
                .stylizations(List.of(new StylizationDeclaration("a", harbor, mosaic, null, a),
                        new StylizationDeclaration("b", harbor, mosaic, null,
                                Overrides.builder().set("styleWeight", "50.0").build())))
                .defaults(Overrides.builder().set("iterations", "4").build())
                .only(only)
                .weightsIdentity(() -> "w")
                .build());
    }

    AssetGenerator generator(AssetGenerator.Options options) {
        return AssetGenerator.builder().cache(new ImageCache(dir.resolve("cache"))).publisher(new OutputPublisher(out))
                .metadataDirectory(meta).manifestFile(meta.resolve("outputs-default.txt")).renderer(() -> renderer)
                .log(LineLog.into(new ArrayList<>())).progressIntervalMillis(5000).options(options)
                .build();
    }

    /** One build: runs the plan and records it, as the generate goal does. */
    List<ReportEntry> build(Plan plan) throws IOException {
        ExecutionResult result = generator(new AssetGenerator.Options(false, false, null)).execute(plan);
        List<ReportEntry> entries = ReportEntries.of(plan, result, meta, out, ExecutionRecord.read(meta, "default"));
        new ExecutionRecord("default", "t", "now", entries).write(meta);
        return entries;
    }

    @Test
    void theWeightsThatMadeAnImageAreRecordedInItsMetadataAndEntryOnAMissAndOnAHit() throws Exception {
        Path vgg = Files.write(dir.resolve("vgg19.h5"), new byte[] {1, 2, 3}); // only hashed here
        WeightsSource weights = WeightsSource.parse(vgg.toString());
        String identity = weights.identity(WeightsOptions.defaults());
        Plan plan = Planner.plan(PlanRequest.builder()
                .stylizations(List.of(new StylizationDeclaration("a", harbor, mosaic, null, Overrides.NONE)))
                .defaults(Overrides.builder().set("iterations", "4").build())
                .weightsIdentity(() -> identity)
                .build());
        WeightsProvenance expected = new WeightsProvenance(WeightsProvenance.FILE, vgg.toString(),
                "sha256:" + Digests.sha256Hex(vgg));
        assertEquals(identity, expected.digest());

        for (AssetStatus result : List.of(AssetStatus.GENERATED, AssetStatus.CACHED)) {
            ExecutionResult executed = generator(new AssetGenerator.Options(false, false, null, weights))
                    .execute(plan);
            ReportEntry a = ReportEntries.of(plan, executed, meta, out, null).get(0);
            assertEquals(result, a.status());
            assertEquals(expected, a.weights(), result.label());
            assertFalse(a.randomWeights());
            assertEquals(expected, AssetMetadata.read(meta.resolve("a.json")).weights(), result.label());
        }
    }

    static ReportEntry entry(List<ReportEntry> entries, String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    static List<Integer> iterations(ReportEntry e) {
        return e.snapshots().stream().map(ReportEntry.Snapshot::iteration).toList();
    }

    @Test
    void aMissShowsThisRunsSnapshotsOnlyAndTheInputsDigests() throws Exception {
        // left by an earlier, longer run of the same asset
        Path stale = TestImages.png(AssetGenerator.snapshotDirectory(meta, "a").resolve("iteration-00010.png"), 4, 4, 1);

        ReportEntry a = entry(build(plan(4, Set.of())), "a");

        assertEquals(AssetStatus.GENERATED, a.status());
        assertEquals(List.of(2, 4), iterations(a));
        assertFalse(Files.exists(stale), "stale snapshots are removed before a run");
        assertEquals(Digests.sha256Hex(harbor), a.inputs().contentSha256());
        assertEquals(Digests.sha256Hex(mosaic), a.inputs().styles().get(0).sha256());
        assertEquals(out.resolve("a.png").toAbsolutePath(), a.output());
        assertEquals("fake backend", a.run().backend());
        assertEquals(5, a.losses().size());
        assertEquals(new RunTimings(2, 40, 4, 5), a.run().timings());
        assertEquals(4L, ((Number) a.settings().get("iterations")).longValue());
    }

    @Test
    void aHitKeepsTheSnapshotsOfThePreviousRecordOnlyIfTheyShowTheSameImage() throws Exception {
        build(plan(4, Set.of()));
        ReportEntry hit = entry(build(plan(4, Set.of())), "a");
        assertEquals(AssetStatus.CACHED, hit.status());
        assertEquals(List.of(2, 4), iterations(hit), "same cache key as the run that took them");

        ReportEntry longer = entry(build(plan(6, Set.of())), "a");
        assertEquals(AssetStatus.GENERATED, longer.status());
        assertEquals(List.of(2, 4, 6), iterations(longer));

        ReportEntry back = entry(build(plan(4, Set.of())), "a");
        assertEquals(AssetStatus.CACHED, back.status());
        assertEquals(List.of(), back.snapshots(), "the snapshots on disk belong to the 6-iteration run");
    }

    @Test
    void aBlendsEntryHasEveryStyleImageWithItsWeightAndDigest() throws Exception {
        Path waves = TestImages.png(dir.resolve("waves.png"), 8, 8, 170);
        Plan plan = Planner.plan(PlanRequest.builder()
                .stylizations(List.of(new StylizationDeclaration("blend", harbor, null, null,
                        List.of(new StyleDeclaration(mosaic, "0.7"), new StyleDeclaration(waves, "0.3")), null,
                        Overrides.NONE)))
                .defaults(Overrides.builder().set("iterations", "4").build())
                .weightsIdentity(() -> "w")
                .build());
        ReportEntry blend = entry(build(plan), "blend");
        assertEquals(List.of(new ReportEntry.StyleImage(mosaic.toAbsolutePath(), 0.7, Digests.sha256Hex(mosaic)),
                new ReportEntry.StyleImage(waves.toAbsolutePath(), 0.3, Digests.sha256Hex(waves))), blend.inputs().styles());
    }

    @Test
    void aFailureHasItsMessageAndSettingsButNoLosses() throws Exception {
        failFor = "b";
        ReportEntry b = entry(build(plan(4, Set.of())), "b");
        assertTrue(b.failed());
        assertTrue(b.failure().contains("cannot decode"), b.failure());
        assertEquals(List.of(), b.losses());
        assertNull(b.run());
        assertEquals(50.0, ((Number) b.settings().get("styleWeight")).doubleValue());
        assertEquals(Digests.sha256Hex(harbor), b.inputs().contentSha256(), "failed assets still join their comparison sheet");
    }

    @Test
    void anAssetNotSelectedKeepsItsLastEntryMarkedAsFromAnEarlierBuild() throws Exception {
        build(plan(4, Set.of()));
        List<ReportEntry> entries = build(plan(4, Set.of("b")));
        assertEquals(List.of("a", "b"), entries.stream().map(ReportEntry::id).toList());
        assertTrue(entry(entries, "a").earlierBuild());
        assertEquals(AssetStatus.GENERATED, entry(entries, "a").status());
        assertFalse(entry(entries, "b").earlierBuild());
    }

    @Test
    void anEntrysRunComesFromTheOutcomeEvenWhenTheMetadataFileIsGoneOrSaysOtherwise() throws Exception {
        Plan plan = plan(4, Set.of());
        ExecutionResult executed = generator(new AssetGenerator.Options(false, false, null)).execute(plan);
        // The disk no longer says what the build made: a.json is gone, b.json tells another run.
        Files.delete(meta.resolve("a.json"));
        Files.writeString(meta.resolve("b.json"), "{\"backend\": \"another run\", \"losses\": [], \"millis\": 1,"
                + " \"timings\": {\"prepareMillis\": 0, \"optimizeMillis\": 1, \"iterations\": 0, \"evaluations\": 1}}");

        List<ReportEntry> entries = ReportEntries.of(plan, executed, meta, out, null);

        for (String id : List.of("a", "b")) {
            RunSummary run = entry(entries, id).run();
            assertEquals("fake backend", run.backend(), id);
            assertEquals(5, run.losses().size(), id);
            assertEquals(new RunTimings(2, 40, 4, 5), run.timings(), id);
        }
    }

    @Test
    void aRemoteHitIsRecordedAsRemoteWithTheRunAndWeightsItsOutcomeCarries() throws Exception {
        Plan plan = plan(4, Set.of("a"));
        PlannedAsset a = plan.selected().get(0);
        RunSummary run = new RunSummary("the pushing build's CPU", List.of(new IterationLoss(0, 1, 2, 0, 3)),
                new RunTimings(5, 50, 0, 1));
        WeightsProvenance weights = new WeightsProvenance(WeightsProvenance.RANDOM, "random", "w");
        ExecutionResult result = new ExecutionResult(List.of(AssetOutcome.made(a, AssetStatus.REMOTE, 30, run,
                weights)), List.of(), false, 30);

        ReportEntry entry = ReportEntries.of(plan, result, meta, out, null).get(0);

        assertFalse(Files.exists(meta), "nothing was written, so nothing could be read back");
        assertEquals(AssetStatus.REMOTE, entry.status());
        assertEquals(run, entry.run());
        assertEquals(weights, entry.weights());
        assertEquals(30, entry.buildMillis());
    }

    @Test
    void anEntrysDigestsAreThoseThePlannerComputedNotTheFilesBytesNow() throws Exception {
        PlannedAsset planned = plan(4, Set.of("a")).selected().get(0);
        InputDigests digests = new InputDigests("1".repeat(64), List.of(new CacheKeys.StyleDigest("2".repeat(64), 1)),
                "w");
        PlannedAsset asset = new PlannedAsset(planned.id(), planned.description(), planned.content(), planned.styles(),
                planned.output(), planned.settings(), new PlannedAsset.Key(CacheKeys.hash(CacheKeys.canonicalInput(
                digests, planned.settings())), digests), false);
        ExecutionResult result = new ExecutionResult(List.of(AssetOutcome.failed(asset, 3, "cannot decode")),
                List.of(), false, 3);

        ReportEntry entry = ReportEntries.of(new Plan(List.of(asset), List.of(asset)), result, meta, out, null).get(0);

        assertEquals(new ReportEntry.Inputs(harbor.toAbsolutePath(), "1".repeat(64),
                List.of(new ReportEntry.StyleImage(mosaic.toAbsolutePath(), 1, "2".repeat(64)))), entry.inputs());
    }
}
