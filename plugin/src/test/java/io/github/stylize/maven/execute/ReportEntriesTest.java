package io.github.stylize.maven.execute;

import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.ProgressListener;
import io.github.stylize.engine.RunSummary;
import io.github.stylize.engine.RunTimings;
import io.github.stylize.engine.files.Digests;
import io.github.stylize.engine.image.ImageException;
import io.github.stylize.engine.weights.WeightsOptions;
import io.github.stylize.engine.weights.WeightsSource;
import io.github.stylize.maven.cache.ImageCache;
import io.github.stylize.maven.plan.Overrides;
import io.github.stylize.maven.plan.Plan;
import io.github.stylize.maven.plan.PlanRequest;
import io.github.stylize.maven.plan.PlannedAsset;
import io.github.stylize.maven.plan.Planner;
import io.github.stylize.maven.plan.StyleDeclaration;
import io.github.stylize.maven.plan.StylizationDeclaration;
import io.github.stylize.maven.publish.OutputPublisher;
import io.github.stylize.maven.report.ExecutionRecord;
import io.github.stylize.maven.json.Json;
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
import java.util.Map;
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
        return Planner.plan(new PlanRequest(List.of(new StylizationDeclaration("a", harbor, mosaic, null, a),
                new StylizationDeclaration("b", harbor, mosaic, null, Overrides.builder().set("styleWeight", "50.0").build())),
                List.of(), Overrides.builder().set("iterations", "4").build(), only, () -> "w"));
    }

    AssetGenerator generator(AssetGenerator.Options options) {
        return AssetGenerator.builder().cache(new ImageCache(dir.resolve("cache"))).publisher(new OutputPublisher(out))
                .metadataDirectory(meta).manifestFile(meta.resolve("outputs-default.txt")).renderer(() -> renderer)
                .log(new AssetGeneratorTest.ListLog(new ArrayList<>())).progressIntervalMillis(5000).options(options)
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
        Plan plan = Planner.plan(new PlanRequest(List.of(new StylizationDeclaration("a", harbor, mosaic, null,
                Overrides.NONE)), List.of(), Overrides.builder().set("iterations", "4").build(), Set.of(), () -> identity));
        WeightsProvenance expected = new WeightsProvenance(WeightsProvenance.FILE, vgg.toString(),
                "sha256:" + Digests.sha256Hex(vgg));
        assertEquals(identity, expected.digest());

        for (String result : List.of(ReportEntry.GENERATED, ReportEntry.CACHED)) {
            ExecutionResult executed = generator(new AssetGenerator.Options(false, false, null, weights))
                    .execute(plan);
            ReportEntry a = ReportEntries.of(plan, executed, meta, out, null).get(0);
            assertEquals(result, a.result());
            assertEquals(expected, a.weights(), result);
            assertFalse(a.randomWeights());
            Map<?, ?> metadata = (Map<?, ?>) Json.parse(Files.readString(meta.resolve("a.json")));
            assertEquals(expected.toJson(), metadata.get("weights"), result);
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

        assertEquals(ReportEntry.GENERATED, a.result());
        assertEquals(List.of(2, 4), iterations(a));
        assertFalse(Files.exists(stale), "stale snapshots are removed before a run");
        assertEquals(Digests.sha256Hex(harbor), a.contentSha256());
        assertEquals(Digests.sha256Hex(mosaic), a.styles().get(0).sha256());
        assertEquals(out.resolve("a.png").toAbsolutePath(), a.output());
        assertEquals("fake backend", a.backend());
        assertEquals(5, a.losses().size());
        assertEquals(42, a.engineMillis());
        assertEquals(new RunTimings(2, 40, 4, 5), a.timings());
        assertEquals(4L, ((Number) a.settings().get("iterations")).longValue());
    }

    @Test
    void aHitKeepsTheSnapshotsOfThePreviousRecordOnlyIfTheyShowTheSameImage() throws Exception {
        build(plan(4, Set.of()));
        ReportEntry hit = entry(build(plan(4, Set.of())), "a");
        assertEquals(ReportEntry.CACHED, hit.result());
        assertEquals(List.of(2, 4), iterations(hit), "same cache key as the run that took them");

        ReportEntry longer = entry(build(plan(6, Set.of())), "a");
        assertEquals(ReportEntry.GENERATED, longer.result());
        assertEquals(List.of(2, 4, 6), iterations(longer));

        ReportEntry back = entry(build(plan(4, Set.of())), "a");
        assertEquals(ReportEntry.CACHED, back.result());
        assertEquals(List.of(), back.snapshots(), "the snapshots on disk belong to the 6-iteration run");
    }

    @Test
    void aBlendsEntryHasEveryStyleImageWithItsWeightAndDigest() throws Exception {
        Path waves = TestImages.png(dir.resolve("waves.png"), 8, 8, 170);
        Plan plan = Planner.plan(new PlanRequest(List.of(new StylizationDeclaration("blend", harbor, null,
                List.of(new StyleDeclaration(mosaic, "0.7"), new StyleDeclaration(waves, "0.3")), null, Overrides.NONE)),
                List.of(), Overrides.builder().set("iterations", "4").build(), Set.of(), () -> "w"));
        ReportEntry blend = entry(build(plan), "blend");
        assertEquals(List.of(new ReportEntry.StyleImage(mosaic.toAbsolutePath(), 0.7, Digests.sha256Hex(mosaic)),
                new ReportEntry.StyleImage(waves.toAbsolutePath(), 0.3, Digests.sha256Hex(waves))), blend.styles());
    }

    @Test
    void aFailureHasItsMessageAndSettingsButNoLosses() throws Exception {
        failFor = "b";
        ReportEntry b = entry(build(plan(4, Set.of())), "b");
        assertTrue(b.failed());
        assertTrue(b.failure().contains("cannot decode"), b.failure());
        assertEquals(List.of(), b.losses());
        assertNull(b.backend());
        assertEquals(50.0, ((Number) b.settings().get("styleWeight")).doubleValue());
        assertEquals(Digests.sha256Hex(harbor), b.contentSha256(), "failed assets still join their comparison sheet");
    }

    @Test
    void anAssetNotSelectedKeepsItsLastEntryMarkedAsFromAnEarlierBuild() throws Exception {
        build(plan(4, Set.of()));
        List<ReportEntry> entries = build(plan(4, Set.of("b")));
        assertEquals(List.of("a", "b"), entries.stream().map(ReportEntry::id).toList());
        assertTrue(entry(entries, "a").earlierBuild());
        assertEquals(ReportEntry.GENERATED, entry(entries, "a").result());
        assertFalse(entry(entries, "b").earlierBuild());
    }
}
