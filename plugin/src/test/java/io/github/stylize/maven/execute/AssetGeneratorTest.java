package io.github.stylize.maven.execute;

import io.github.stylize.maven.testing.LineLog;
import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.ProgressListener;
import io.github.stylize.engine.RunSummary;
import io.github.stylize.engine.RunTimings;
import io.github.stylize.engine.StopReason;
import io.github.stylize.engine.StylizeException;
import io.github.stylize.engine.image.ImageException;
import io.github.stylize.maven.cache.ImageCache;
import io.github.stylize.maven.json.Json;
import io.github.stylize.maven.plan.Overrides;
import io.github.stylize.maven.plan.Plan;
import io.github.stylize.maven.plan.PlanRequest;
import io.github.stylize.maven.plan.PlannedAsset;
import io.github.stylize.maven.plan.Planner;
import io.github.stylize.maven.plan.StyleDeclaration;
import io.github.stylize.maven.plan.StylizationDeclaration;
import io.github.stylize.maven.publish.OutputManifest;
import io.github.stylize.maven.publish.OutputPublisher;
import io.github.stylize.maven.report.AssetStatus;
import io.github.stylize.maven.testing.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The orchestration around the engine, with a stand-in renderer: hits, misses, failures, staleness. */
class AssetGeneratorTest {
    @TempDir
    Path dir;
    Path harbor;
    Path mosaic;
    Path waves;
    Path out;
    Path meta;
    FakeRenderer fake;
    int renderersCreated;
    List<String> logged;
    LongSupplier clock = System::nanoTime;

    @BeforeEach
    void setUp() {
        harbor = TestImages.png(dir.resolve("harbor.png"), 12, 8, 10);
        mosaic = TestImages.png(dir.resolve("mosaic.png"), 8, 8, 90);
        waves = TestImages.png(dir.resolve("waves.png"), 8, 8, 170);
        out = dir.resolve("target/generated-resources/stylize");
        meta = dir.resolve("target/stylize");
        fake = new FakeRenderer();
        logged = new ArrayList<>();
    }

    Plan plan(StylizationDeclaration... s) throws Exception {
        return Planner.plan(PlanRequest.builder().stylizations(List.of(s))
                .defaults(Overrides.builder().set("iterations", "4").build()).weightsIdentity(() -> "w").build());
    }

    StylizationDeclaration decl(String id, Path style, Overrides o) {
        return new StylizationDeclaration(id, harbor, style, null, o);
    }

    ExecutionResult run(Plan plan, boolean force) throws IOException {
        return run(plan, force, new ImageCache(dir.resolve("cache")), new OutputPublisher(out));
    }

    ExecutionResult run(Plan plan, boolean force, ImageCache cache, OutputPublisher publisher) throws IOException {
        AssetGenerator generator = AssetGenerator.builder().cache(cache).publisher(publisher).metadataDirectory(meta)
                .manifestFile(OutputManifest.fileFor(meta, "default", publisher.outputDirectory())).renderer(() -> {
                    renderersCreated++;
                    return fake;
                }).log(LineLog.into(logged)).progressIntervalMillis(5000)
                .options(new AssetGenerator.Options(force, false, null)).nanoTime(clock).build();
        return generator.execute(plan);
    }

    @Test
    void secondRunServesEverythingFromTheCacheWithoutCreatingARenderer() throws Exception {
        Plan plan = plan(decl("a", mosaic, Overrides.NONE), decl("b", waves, Overrides.NONE));
        ExecutionResult first = run(plan, false);
        assertEquals(List.of(AssetStatus.GENERATED, AssetStatus.GENERATED), results(first));
        assertTrue(first.engineLoaded());
        assertEquals(List.of("a", "b"), fake.rendered);

        Files.delete(out.resolve("a.png")); // like mvn clean: outputs gone, cache kept
        renderersCreated = 0;
        ExecutionResult second = run(plan, false);
        assertEquals(List.of(AssetStatus.CACHED, AssetStatus.CACHED), results(second));
        assertFalse(second.engineLoaded());
        assertEquals(0, renderersCreated);
        assertArrayEquals(FakeRenderer.bytesOf(plan.selected().get(0)), Files.readAllBytes(out.resolve("a.png")));
    }

    @Test
    void metadataOfAHitHasTheGeneratedRunsLossesBackendAndTime() throws Exception {
        Plan plan = plan(decl("a", mosaic, Overrides.NONE));
        run(plan, false);
        Map<?, ?> generated = Json.parse(Files.readString(meta.resolve("a.json")), Map.class);
        run(plan, false);
        Map<?, ?> cached = Json.parse(Files.readString(meta.resolve("a.json")), Map.class);

        assertEquals(false, generated.get("fromCache"));
        assertEquals(true, cached.get("fromCache"));
        for (String field : List.of("id", "cacheKey", "output", "backend", "settings", "losses", "millis", "timings")) {
            assertEquals(generated.get(field), cached.get(field), field);
        }
        assertEquals(42L, cached.get("millis"));
        assertEquals(Map.of("prepareMillis", 2L, "optimizeMillis", 40L, "iterations", 4L, "evaluations", 5L,
                "millisPerEvaluation", 8.0), cached.get("timings"), "the timings of the run that generated it");
        assertEquals(plan.selected().get(0).cacheKey(), cached.get("cacheKey"));
        assertEquals("a.png", cached.get("output"));
        assertEquals("fake backend", cached.get("backend"));
        assertEquals(5, ((List<?>) cached.get("losses")).size(), "entry 0 plus one per iteration");
        assertEquals(0L, ((Map<?, ?>) ((List<?>) cached.get("losses")).get(0)).get("iteration"));
        assertEquals(4L, ((Map<?, ?>) cached.get("settings")).get("iterations"));
    }

    @Test
    void changingOneAssetsSettingRegeneratesOnlyThatAsset() throws Exception {
        run(plan(decl("a", mosaic, Overrides.NONE), decl("b", waves, Overrides.NONE)), false);
        fake.rendered.clear();
        ExecutionResult r = run(plan(decl("a", mosaic, Overrides.NONE),
                decl("b", waves, Overrides.builder().set("seed", "7").build())), false);
        assertEquals(List.of(AssetStatus.CACHED, AssetStatus.GENERATED), results(r));
        assertEquals(List.of("b"), fake.rendered);
    }

    @Test
    void aFailingAssetDoesNotStopTheOthersWhoseOutputsAndCacheEntriesAreWritten() throws Exception {
        fake.failFor = "b";
        Plan plan = plan(decl("a", mosaic, Overrides.NONE), decl("b", waves, Overrides.NONE),
                decl("c", waves, Overrides.builder().set("seed", "3").build()));
        ExecutionResult r = run(plan, false);
        assertEquals(List.of(AssetStatus.GENERATED, AssetStatus.FAILED, AssetStatus.GENERATED),
                results(r));
        assertEquals("Image " + waves + " is broken; fix it", r.failures().get(0).failure());
        assertTrue(Files.exists(out.resolve("a.png")));
        assertTrue(Files.exists(out.resolve("c.png")));
        assertFalse(Files.exists(out.resolve("b.png")));
        assertTrue(logged.contains("ERROR [b] failed: Image " + waves + " is broken; fix it"), logged.toString());

        fake.failFor = null;
        fake.rendered.clear();
        ExecutionResult retry = run(plan, false);
        assertEquals(List.of("b"), fake.rendered, "a and c were cached despite b's failure");
        assertTrue(retry.failures().isEmpty());
    }

    @Test
    void outputsNoLongerDeclaredAreRemovedWithTheirMetadata() throws Exception {
        run(plan(decl("a", mosaic, Overrides.NONE), decl("b", waves, Overrides.NONE)), false);
        assertTrue(Files.exists(out.resolve("b.png")));
        ExecutionResult r = run(plan(decl("a", mosaic, Overrides.NONE)), false);
        assertEquals(List.of("b.png"), r.removedOutputs());
        assertFalse(Files.exists(out.resolve("b.png")));
        assertFalse(Files.exists(meta.resolve("b.json")));
        assertTrue(Files.exists(out.resolve("a.png")));
    }

    @Test
    void aBuildIntoAnotherOutputDirectoryNeverRemovesTheOutputsOfThisOne() throws Exception {
        Path export = dir.resolve("export");
        Plan plan = plan(decl("a", mosaic, Overrides.NONE));
        run(plan, false, new ImageCache(dir.resolve("cache")), new OutputPublisher(export));
        ExecutionResult normal = run(plan, false);

        assertEquals(List.of(), normal.removedOutputs());
        assertTrue(Files.exists(export.resolve("a.png")), "a is still declared; its copy in export/ stays");
        assertTrue(Files.exists(out.resolve("a.png")));
        assertTrue(logged.stream().noneMatch(l -> l.contains("Removed")), logged.toString());
    }

    @Test
    void anOutputNoLongerDeclaredLeavesThePackagedCopiesToo() throws Exception {
        Path classes = dir.resolve("target/classes");
        OutputPublisher publisher = new OutputPublisher(out, classes, io.github.stylize.engine.files.AtomicFiles.Filler.DIRECT);
        ImageCache cache = new ImageCache(dir.resolve("cache"));
        run(plan(decl("a", mosaic, Overrides.NONE), decl("b", waves, Overrides.NONE)), false, cache, publisher);
        // what the resources step does before packaging
        Files.createDirectories(classes);
        Files.copy(out.resolve("a.png"), classes.resolve("a.png"));
        Files.copy(out.resolve("b.png"), classes.resolve("b.png"));
        Files.write(classes.resolve("own.png"), new byte[] {7});

        ExecutionResult r = run(plan(decl("a", mosaic, Overrides.NONE)), false, cache,
                new OutputPublisher(out, classes, io.github.stylize.engine.files.AtomicFiles.Filler.DIRECT));

        assertEquals(List.of("b.png"), r.removedOutputs());
        assertFalse(Files.exists(classes.resolve("b.png")), "the stale image would otherwise stay in the jar");
        assertTrue(Files.exists(classes.resolve("a.png")));
        assertTrue(Files.exists(classes.resolve("own.png")), "files stylize did not write are not touched");
    }

    @Test
    void modulesSharingTheMetadataDirectoryNeverRemoveEachOthersOutputs() throws Exception {
        Path moduleA = dir.resolve("a/target/generated-resources/stylize");
        Path moduleB = dir.resolve("b/target/generated-resources/stylize");
        ImageCache cache = new ImageCache(dir.resolve("cache"));
        run(plan(decl("a", mosaic, Overrides.NONE)), false, cache, new OutputPublisher(moduleA));
        run(plan(decl("b", waves, Overrides.NONE)), false, cache, new OutputPublisher(moduleB));
        ExecutionResult againA = run(plan(decl("a", mosaic, Overrides.NONE)), false, cache,
                new OutputPublisher(moduleA));

        assertEquals(List.of(), againA.removedOutputs());
        assertTrue(Files.exists(moduleB.resolve("b.png")), "module b's output belongs to b's manifest");
        assertTrue(Files.exists(moduleA.resolve("a.png")));
    }

    @Test
    void anUndeclaredOutputThatChangedSinceItWasWrittenIsKeptWithAWarning() throws Exception {
        run(plan(decl("a", mosaic, Overrides.NONE), decl("b", waves, Overrides.NONE)), false);
        Files.write(out.resolve("b.png"), new byte[] {1, 2, 3}); // the user's own file now
        ExecutionResult r = run(plan(decl("a", mosaic, Overrides.NONE)), false);

        assertEquals(List.of(), r.removedOutputs());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(out.resolve("b.png")));
        assertTrue(logged.stream().anyMatch(l -> l.startsWith("WARN Kept b.png: it is no longer declared, but it was"
                + " changed since stylize wrote it")), logged.toString());
        assertFalse(Files.exists(meta.resolve("b.json")), "its metadata was unchanged, so it goes");
    }

    @Test
    void anOutputDeclaredButNotSelectedStaysInTheManifestAndIsRemovedOnceUndeclared() throws Exception {
        run(plan(decl("a", mosaic, Overrides.NONE), decl("b", waves, Overrides.NONE)), false);
        Plan onlyA = Planner.plan(PlanRequest.builder().stylizations(List.of(decl("a", mosaic, Overrides.NONE),
                decl("b", waves, Overrides.NONE))).defaults(Overrides.builder().set("iterations", "4").build())
                .only(Set.of("a")).weightsIdentity(() -> "w").build());
        run(onlyA, false);
        ExecutionResult r = run(plan(decl("a", mosaic, Overrides.NONE)), false);

        assertEquals(List.of("b.png"), r.removedOutputs());
        assertFalse(Files.exists(out.resolve("b.png")));
    }

    @Test
    void aContentImageReplacedWhileItRendersIsNeitherCachedNorPublishedUnderTheOldKey() throws Exception {
        Plan plan = plan(decl("a", mosaic, Overrides.NONE), decl("b", waves, Overrides.NONE));
        fake.duringRender = () -> TestImages.png(harbor, 12, 8, 200);
        ExecutionResult r = run(plan, false);

        assertEquals(List.of(AssetStatus.FAILED, AssetStatus.FAILED), results(r));
        assertTrue(r.failures().get(0).failure().startsWith("the content image " + harbor + " changed while this"
                + " build ran (SHA-256 "), r.failures().get(0).failure());
        assertFalse(Files.exists(out.resolve("a.png")));
        assertFalse(Files.exists(new ImageCache(dir.resolve("cache")).entryDirectory(plan.selected().get(0).cacheKey())),
                "no entry under a key that does not describe its image");
    }

    @Test
    void aStyleImageReplacedAfterPlanningFailsItsAssetsBeforeRendering() throws Exception {
        Plan plan = plan(decl("a", mosaic, Overrides.NONE), decl("b", waves, Overrides.NONE));
        TestImages.png(waves, 8, 8, 3);
        ExecutionResult r = run(plan, false);

        assertEquals(List.of(AssetStatus.GENERATED, AssetStatus.FAILED), results(r));
        assertEquals(List.of("a"), fake.rendered, "b never reached the engine");
        assertTrue(r.failures().get(0).failure().startsWith("the style image " + waves + " changed while this build"
                + " ran"), r.failures().get(0).failure());
    }

    @Test
    void aContentMaskReplacedAfterPlanningFailsItsAssetBeforeRendering() throws Exception {
        Path mask = TestImages.png(dir.resolve("mask.png"), 12, 8, 255);
        Plan plan = plan(new StylizationDeclaration("masked", harbor, mask, mosaic, null, null, Overrides.NONE));
        TestImages.png(mask, 12, 8, 0);
        ExecutionResult r = run(plan, false);

        assertEquals(List.of(AssetStatus.FAILED), results(r));
        assertEquals(List.of(), fake.rendered, "it never reached the engine");
        assertTrue(r.failures().get(0).failure().startsWith("the content mask " + mask + " changed while this build"
                + " ran"), r.failures().get(0).failure());
    }

    @Test
    void theSecondStyleOfABlendReplacedAfterPlanningFailsItsAssetBeforeRendering() throws Exception {
        Plan plan = plan(new StylizationDeclaration("blend", harbor, null, null, List.of(new StyleDeclaration(mosaic, "0.7"),
                new StyleDeclaration(waves, "0.3")), null, Overrides.NONE));
        TestImages.png(waves, 8, 8, 3);
        ExecutionResult r = run(plan, false);

        assertEquals(List.of(AssetStatus.FAILED), results(r));
        assertEquals(List.of(), fake.rendered, "it never reached the engine");
        assertTrue(r.failures().get(0).failure().startsWith("the style image " + waves + " changed while this build"
                + " ran"), r.failures().get(0).failure());
    }

    @Test
    void forceRendersAgainAndReplacesTheCacheEntry() throws Exception {
        Plan plan = plan(decl("a", mosaic, Overrides.NONE));
        run(plan, false);
        fake.rendered.clear();
        fake.salt = "second";
        ExecutionResult r = run(plan, true);
        assertEquals(List.of(AssetStatus.GENERATED), results(r));
        assertEquals(List.of("a"), fake.rendered);
        fake.rendered.clear();
        run(plan, false);
        assertEquals(List.of(), fake.rendered);
        assertEquals("second:" + plan.selected().get(0).cacheKey(),
                new String(Files.readAllBytes(out.resolve("a.png")), StandardCharsets.UTF_8));
    }

    @Test
    void aDamagedCacheEntryIsRegenerated() throws Exception {
        Plan plan = plan(decl("a", mosaic, Overrides.NONE));
        run(plan, false);
        Path cached = new ImageCache(dir.resolve("cache")).entryDirectory(plan.selected().get(0).cacheKey())
                .resolve("image.png");
        Files.write(cached, new byte[] {0});
        fake.rendered.clear();
        ExecutionResult r = run(plan, false);
        assertEquals(List.of(AssetStatus.GENERATED), results(r));
        assertTrue(logged.stream().anyMatch(l -> l.startsWith("WARN Cache entry ") && l.contains("is damaged")));
    }

    @Test
    void aLossThatBecomesNanFailsTheAssetWithNoOutputNoMetadataAndNoCacheEntry() throws Exception {
        fake.divergeFor = "b";
        Plan plan = plan(decl("a", mosaic, Overrides.NONE), decl("b", waves, Overrides.NONE));
        ExecutionResult r = run(plan, false);

        assertEquals(List.of(AssetStatus.GENERATED, AssetStatus.FAILED), results(r));
        String failure = r.failures().get(0).failure();
        assertTrue(failure.startsWith("The loss became NaN at iteration 2") && failure.contains("Lower learningRate"),
                failure);
        assertTrue(logged.contains("ERROR [b] failed: " + failure), logged.toString());
        assertFalse(Files.exists(out.resolve("b.png")));
        assertFalse(Files.exists(meta.resolve("b.json")));
        assertFalse(Files.exists(new ImageCache(dir.resolve("cache")).entryDirectory(plan.selected().get(1).cacheKey())));
        assertTrue(Files.exists(out.resolve("a.png")));
        assertEquals(List.of(), leftovers(dir));
    }

    @Test
    void oneCauseFailingEveryAssetIsExplainedOnceInTheLog() throws Exception {
        String cause = "Cannot download VGG weights from https://example.invalid/vgg19.h5 (3 attempts): timed out."
                + " Check the network";
        fake.failAllWith = cause;
        ExecutionResult r = run(plan(decl("a", mosaic, Overrides.NONE), decl("b", waves, Overrides.NONE),
                decl("c", waves, Overrides.builder().set("seed", "3").build())), false);

        assertEquals(3, r.failures().size());
        assertEquals(List.of("ERROR [a] failed: " + cause, "ERROR [b] failed: the same error as [a] above",
                "ERROR [c] failed: the same error as [a] above"),
                logged.stream().filter(l -> l.startsWith("ERROR")).toList());
    }

    @Test
    void everyFailingAssetIsReportedNotOnlyTheFirst() throws Exception {
        fake.failFor = "b";
        fake.divergeFor = "c";
        ExecutionResult r = run(plan(decl("a", mosaic, Overrides.NONE), decl("b", waves, Overrides.NONE),
                decl("c", waves, Overrides.builder().set("seed", "3").build()), decl("d", mosaic, Overrides.builder().set("seed", "4").build())),
                false);

        assertEquals(List.of("b", "c"), r.failures().stream().map(f -> f.asset().id()).toList());
        assertEquals(List.of("a", "b", "c", "d"), fake.rendered, "the assets after the first failure still ran");
        assertTrue(Files.exists(out.resolve("d.png")));
    }

    @Test
    void anUnusableCacheDirectoryStillProducesEveryOutputAndWarnsOnce() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("cache-is-a-file"), "a file where the cache should be");
        Plan plan = plan(decl("a", mosaic, Overrides.NONE), decl("b", waves, Overrides.NONE));

        ExecutionResult r = run(plan, false, new ImageCache(notADirectory), new OutputPublisher(out));

        assertEquals(List.of(AssetStatus.GENERATED, AssetStatus.GENERATED), results(r));
        assertArrayEquals(FakeRenderer.bytesOf(plan.selected().get(0)), Files.readAllBytes(out.resolve("a.png")));
        assertTrue(Files.exists(out.resolve("b.png")));
        assertEquals(false, Json.parse(Files.readString(meta.resolve("a.json")), Map.class).get("fromCache"));
        List<String> warnings = logged.stream().filter(l -> l.startsWith("WARN ")).toList();
        assertEquals(1, warnings.size(), "one warning per build, not per asset: " + logged);
        assertTrue(warnings.get(0).startsWith("WARN [a] the cache directory " + notADirectory + " cannot be used (")
                && warnings.get(0).contains("set stylize.cacheDirectory"), warnings.get(0));
        assertEquals("a file where the cache should be", Files.readString(notADirectory), "left as it was");

        fake.rendered.clear();
        run(plan, false, new ImageCache(notADirectory), new OutputPublisher(out));
        assertEquals(List.of("a", "b"), fake.rendered, "nothing could be cached, so the next build renders again");
    }

    @Test
    void aFullDiskUnderTheCacheLeavesNoHalfEntryAndTheOutputIsStillWritten() throws Exception {
        Plan plan = plan(decl("a", mosaic, Overrides.NONE));
        ImageCache fullDisk = new ImageCache(dir.resolve("cache"), (file, bytes) -> {
            Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
            throw new FileSystemException(file.toString(), null, "No space left on device");
        });

        ExecutionResult r = run(plan, false, fullDisk, new OutputPublisher(out));

        assertEquals(List.of(AssetStatus.GENERATED), results(r));
        assertArrayEquals(FakeRenderer.bytesOf(plan.selected().get(0)), Files.readAllBytes(out.resolve("a.png")));
        assertTrue(logged.stream().anyMatch(l -> l.startsWith("WARN [a] the cache directory ")
                && l.contains("No space left on device")), logged.toString());
        assertFalse(Files.exists(fullDisk.entryDirectory(plan.selected().get(0).cacheKey())));
        assertEquals(List.of(), leftovers(dir));
    }

    @Test
    void aFullDiskUnderTheOutputFailsClearlyAndKeepsThePreviousFile() throws Exception {
        Plan plan = plan(decl("a", mosaic, Overrides.NONE));
        run(plan, false);
        byte[] previous = Files.readAllBytes(out.resolve("a.png"));
        OutputPublisher fullDisk = new OutputPublisher(out, null, (source, temporary) -> {
            Files.write(temporary, Arrays.copyOf(source.readAllBytes(), 3));
            throw new FileSystemException(temporary.toString(), null, "No space left on device");
        });
        fake.salt = "second";

        ExecutionResult r = run(plan, true, new ImageCache(dir.resolve("cache")), fullDisk);

        assertEquals(List.of(AssetStatus.FAILED), results(r));
        String failure = r.failures().get(0).failure();
        assertTrue(failure.startsWith("Cannot write " + out.resolve("a.png") + ": No space left on device: ")
                && failure.contains("the disk is not full; nothing was half-written"), failure);
        assertArrayEquals(previous, Files.readAllBytes(out.resolve("a.png")), "the previous output is untouched");
        assertEquals(List.of(), leftovers(dir));
    }

    @Test
    void namesWithSpacesAndNonAsciiCharactersArePublishedAndCached() throws Exception {
        Path content = TestImages.png(dir.resolve("Inhalt mit Leerzeichen/häfen ☀ 1.png"), 12, 8, 10);
        Plan plan = plan(new StylizationDeclaration("hafen", content, mosaic, "bilder/häfen ☀ 1.png", Overrides.NONE));

        run(plan, false);
        fake.rendered.clear();
        ExecutionResult second = run(plan, false);

        assertArrayEquals(FakeRenderer.bytesOf(plan.selected().get(0)),
                Files.readAllBytes(out.resolve("bilder/häfen ☀ 1.png")));
        assertEquals(List.of(AssetStatus.CACHED), results(second));
        assertEquals(List.of(), fake.rendered);
    }

    /** Temporary files and directories of atomic writes anywhere under {@code root}. */
    static List<Path> leftovers(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".tmp") || name.startsWith(".tmp-") || name.startsWith(".old-");
            }).toList();
        }
    }

    @Test
    void progressIsLoggedWithStartLineAndLastIteration() throws Exception {
        run(plan(decl("a", mosaic, Overrides.NONE)), false);
        assertTrue(logged.contains("INFO [a] generating 12x8, 4 iterations, on fake backend"), logged.toString());
        assertTrue(logged.contains("INFO [a] iteration 4/4 loss 1.00e+00 done in 0.0 s (5 evaluations, 8.0 ms each)"),
                logged.toString());
    }

    @Test
    void theClosingLineWithTheTimingsIsLoggedOnlyForAFreshlyGeneratedAsset() throws Exception {
        Plan plan = plan(decl("a", mosaic, Overrides.NONE));
        run(plan, false);
        assertEquals(1, logged.stream().filter(l -> l.contains(" done in ")).count(), logged.toString());
        logged.clear();
        run(plan, false);
        assertTrue(logged.stream().noneMatch(l -> l.contains("evaluations")), "a hit ran nothing: " + logged);
    }

    @Test
    void earlyStoppingGetsAClosingLine() {
        List<String> lines = new ArrayList<>();
        long[] now = {0};
        ProgressReporter p = new ProgressReporter("x", LineLog.into(lines), 5000, () -> now[0], dir, false);
        p.started(48, 32, 100, "CPU");
        now[0] = 2_000_000_000L;
        p.iteration(new IterationLoss(57, 1, 1, 0, 2));
        p.finished(List.of(new IterationLoss(0, 5, 5, 0, 10), new IterationLoss(57, 1, 1, 0, 2)),
                new RunTimings(300, 41_900, 57, 312));
        assertEquals("INFO [x] stopped early at iteration 57/100 loss 2.00e+00 (converged within tolerance) in 42.2 s"
                + " (312 evaluations, 0.13 s each)", lines.get(1));
        assertEquals(2, lines.size());
    }

    @Test
    void aStalledOrConvergedRunSaysSoInItsClosingLine() {
        List<String> lines = new ArrayList<>();
        ProgressReporter p = new ProgressReporter("x", LineLog.into(lines), 5000, () -> 0, dir, true);
        p.started(48, 32, 100, "CPU");
        List<IterationLoss> losses = List.of(new IterationLoss(0, 5, 5, 0, 10), new IterationLoss(12, 1, 1, 0, 2));
        p.finished(losses, new RunTimings(300, 41_900, 12, 60, StopReason.STALLED));
        p.finished(losses, new RunTimings(300, 41_900, 12, 60, StopReason.CONVERGED));
        assertTrue(lines.get(1).contains("stopped early at iteration 12/100 loss 2.00e+00 (converged or stalled: no step"
                + " along the steepest descent lowers the loss)"), lines.get(1));
        assertTrue(lines.get(2).contains("(converged: the gradient is zero)"), lines.get(2));
    }

    @Test
    void theLastIterationIsLoggedOnceTheRunReturnedWithItsTimings() {
        List<String> lines = new ArrayList<>();
        long[] now = {0};
        ProgressReporter p = new ProgressReporter("x", LineLog.into(lines), 5000, () -> now[0], dir, false);
        p.started(48, 32, 100, "CPU");
        now[0] = 60_000_000_000L;
        p.iteration(new IterationLoss(100, 1, 1, 0, 98765));
        assertEquals(1, lines.size(), "not yet: the timings are not known");
        p.finished(List.of(new IterationLoss(0, 5, 5, 0, 10), new IterationLoss(100, 1, 1, 0, 98765)),
                new RunTimings(1200, 40_000, 100, 101));
        assertEquals(List.of("INFO [x] generating 48x32, 100 iterations, on CPU",
                "INFO [x] iteration 100/100 loss 9.88e+04 done in 41.2 s (101 evaluations, 0.40 s each)"), lines);
    }

    @Test
    void aBuildGeneratingSeveralAssetsLogsAssetKOfNAndAnEtaFromTheCostLeftIgnoringCacheHits() throws Exception {
        long[] now = {0};
        clock = () -> now[0];
        fake.duringRender = () -> now[0] += 10_000_000_000L; // every run takes 10 s
        run(plan(decl("hit", mosaic, Overrides.NONE)), false);
        assertTrue(logged.stream().noneMatch(l -> l.contains("to generate")), "one asset: no build line " + logged);
        logged.clear();

        // b costs 12x8 pixels x 4 iterations; c and its twin (the same key, generated once) twice that.
        ExecutionResult r = run(plan(decl("hit", mosaic, Overrides.NONE), decl("b", waves, Overrides.NONE),
                decl("c", waves, Overrides.builder().set("iterations", "8").build()),
                decl("c-twin", waves, Overrides.builder().set("iterations", "8").build())), false);

        assertEquals(List.of(AssetStatus.CACHED, AssetStatus.GENERATED, AssetStatus.GENERATED,
                AssetStatus.CACHED), results(r));
        List<String> build = logged.stream().filter(l -> l.contains("to generate")).toList();
        assertEquals(List.of("INFO [b] asset 1 of 2 to generate; a build ETA follows once one is done",
                "INFO [c] asset 2 of 2 to generate; build ETA about 0:20"), build);
        assertTrue(logged.indexOf(build.get(1)) < logged.indexOf("INFO [c] generating 12x8, 8 iterations, on fake backend"),
                "the overall line comes before the asset's own: " + logged);
    }

    @Test
    void aFailedRunDoesNotSetTheBuildPace() throws Exception {
        List<String> lines = new ArrayList<>();
        long[] now = {0};
        Plan plan = plan(decl("a", mosaic, Overrides.NONE), decl("b", waves, Overrides.NONE),
                decl("c", waves, Overrides.builder().set("seed", "3").build()));
        BuildProgress progress = new BuildProgress(plan.selected(), a -> 100, LineLog.into(lines), () -> now[0]);
        progress.starting(plan.selected().get(0));
        now[0] = 1_000_000_000L; // failed fast
        progress.finished(plan.selected().get(0), false);
        progress.starting(plan.selected().get(1));
        now[0] = 31_000_000_000L;
        progress.finished(plan.selected().get(1), true);
        progress.starting(plan.selected().get(2));
        assertEquals(List.of("INFO [a] asset 1 of 3 to generate; a build ETA follows once one is done",
                "INFO [b] asset 2 of 3 to generate; a build ETA follows once one is done",
                "INFO [c] asset 3 of 3 to generate; build ETA about 0:30"), lines);
    }

    private static List<AssetStatus> results(ExecutionResult r) {
        return r.outcomes().stream().map(AssetOutcome::status).toList();
    }

    /** Encodes the asset's cache key as its "image"; fails on request like the engine does for a bad input. */
    static final class FakeRenderer implements Renderer {
        final List<String> rendered = new ArrayList<>();
        String failFor;
        String divergeFor;
        /** Every asset fails with this message, as all do when the weights cannot be downloaded. */
        String failAllWith;
        String salt = "first";
        /** Runs while an asset renders, as another process changing files would. */
        Runnable duringRender = () -> { };

        static byte[] bytesOf(PlannedAsset asset) {
            return ("first:" + asset.cacheKey()).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Rendering render(PlannedAsset asset, ProgressListener listener) {
            rendered.add(asset.id());
            duringRender.run();
            if (failAllWith != null) {
                throw new StylizeException(failAllWith);
            }
            if (asset.id().equals(failFor)) {
                throw new ImageException("Image " + asset.styles().get(0).image() + " is broken; fix it");
            }
            int n = asset.settings().iterations();
            listener.started(12, 8, n, "fake backend");
            List<IterationLoss> losses = new ArrayList<>();
            for (int i = 0; i <= n; i++) {
                if (asset.id().equals(divergeFor) && i == 2) {
                    // what the engine throws when the loss stops being finite
                    throw new StylizeException("The loss became NaN at iteration 2 (content NaN, style NaN, tv 0.0):"
                            + " the optimization diverged and nothing was written. Lower learningRate (now 10.0),"
                            + " e.g. to 1.0, or lower contentWeight/styleWeight/tvWeight.");
                }
                IterationLoss loss = new IterationLoss(i, n - i, 1, 0, n - i + 1.0);
                losses.add(loss);
                listener.iteration(loss);
            }
            return new Rendering((salt + ":" + asset.cacheKey()).getBytes(StandardCharsets.UTF_8),
                    new RunSummary("fake backend", losses, new RunTimings(2, 40, n, n + 1)));
        }
    }

    @Test
    void progressLinesAreThrottledAndCarryAnEta() {
        List<String> lines = new ArrayList<>();
        long[] now = {0};
        ProgressReporter p = new ProgressReporter("x", LineLog.into(lines), 5000, () -> now[0], dir, false);
        p.started(48, 32, 100, "CPU");
        now[0] = 1_000_000_000L;
        p.iteration(new IterationLoss(10, 1, 1, 0, 123456));
        assertEquals(1, lines.size(), "within the interval: no line");
        now[0] = 6_000_000_000L;
        p.iteration(new IterationLoss(40, 1, 1, 0, 123456));
        assertEquals("INFO [x] iteration 40/100 loss 1.23e+05 ETA 0:09", lines.get(1));
    }

    @Test
    void whenToleranceMayStopTheRunEarlyTheEtaIsAnUpperBound() {
        List<String> lines = new ArrayList<>();
        long[] now = {0};
        ProgressReporter p = new ProgressReporter("x", LineLog.into(lines), 5000, () -> now[0], dir, true);
        p.started(48, 32, 100, "CPU");
        now[0] = 6_000_000_000L;
        p.iteration(new IterationLoss(40, 1, 1, 0, 123456));
        assertEquals("INFO [x] iteration 40/100 loss 1.23e+05 ETA at most 0:09", lines.get(1));
    }
}
