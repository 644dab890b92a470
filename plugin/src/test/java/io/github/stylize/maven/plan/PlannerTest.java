package io.github.stylize.maven.plan;

import io.github.stylize.engine.StyleSettings;
import io.github.stylize.engine.files.Digests;
import io.github.stylize.engine.weights.WeightsException;
import io.github.stylize.maven.testing.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlannerTest {
    @TempDir
    Path dir;
    Path harbor;
    Path mosaic;
    Path waves;

    @BeforeEach
    void images() {
        harbor = TestImages.png(dir.resolve("content/harbor.png"), 12, 8, 10);
        mosaic = TestImages.png(dir.resolve("styles/mosaic.png"), 8, 8, 90);
        waves = TestImages.png(dir.resolve("styles/waves.png"), 8, 8, 170);
        TestImages.png(dir.resolve("content/sprites/tree.png"), 6, 6, 30);
        TestImages.png(dir.resolve("content/sprites/crate.png"), 6, 6, 50);
        TestImages.png(dir.resolve("content/sprites/ui/button.png"), 6, 6, 70);
    }

    static PlanRequest request(List<StylizationDeclaration> s, List<BatchDeclaration> b, Overrides defaults) {
        return PlanRequest.builder().stylizations(s).batches(b).defaults(defaults)
                .weightsIdentity(() -> "weights-digest").build();
    }

    StylizationDeclaration stylization(String id, Path style, Overrides overrides) {
        return new StylizationDeclaration(id, harbor, style, null, overrides);
    }

    @Test
    void assetSettingsOverrideDefaultsWhichOverrideTheEngine() throws Exception {
        Overrides defaults = Overrides.builder().set("size", "256").set("iterations", "100").set("optimizer", "LBFGS").build();
        Overrides own = Overrides.builder().set("iterations", "20").set("styleLayers", List.of("conv1_1", " conv2_1")).build();
        Plan plan = Planner.plan(request(List.of(stylization("harbor-mosaic", mosaic, own)), List.of(), defaults));

        StyleSettings s = plan.selected().get(0).settings();
        assertEquals(256, s.size());
        assertEquals(20, s.iterations());
        assertEquals(StyleSettings.Optimizer.LBFGS, s.optimizer());
        assertEquals(List.of("conv1_1", "conv2_1"), s.styleLayers());
        assertEquals(StyleSettings.defaults().styleWeight(), s.styleWeight());
        assertEquals("harbor-mosaic.png", plan.selected().get(0).output());
    }

    @Test
    void batchMakesOneAssetPerMatchingFileKeepingItsRelativePath() throws Exception {
        BatchDeclaration batch = new BatchDeclaration("sprites", dir.resolve("content/sprites"), List.of("**/*.png"),
                List.of("ui/**"), waves, "sprites-out", Overrides.builder().set("format", "jpg").build());
        Plan plan = Planner.plan(request(List.of(), List.of(batch), Overrides.NONE));

        assertEquals(List.of("sprites/crate", "sprites/tree"), plan.selected().stream().map(PlannedAsset::id).toList());
        assertEquals(List.of("sprites-out/crate.jpg", "sprites-out/tree.jpg"),
                plan.selected().stream().map(PlannedAsset::output).toList());
        assertEquals(dir.resolve("content/sprites/tree.png"), plan.selected().get(1).content());
    }

    @Test
    void batchWithoutIncludesTakesImagesInSubdirectoriesToo() throws Exception {
        BatchDeclaration batch = new BatchDeclaration("sprites", dir.resolve("content/sprites"), null, null, waves,
                null, Overrides.NONE);
        Plan plan = Planner.plan(request(List.of(), List.of(batch), Overrides.NONE));
        assertEquals(List.of("crate.png", "tree.png", "ui/button.png"),
                plan.selected().stream().map(PlannedAsset::output).toList());
    }

    @Test
    void everyProblemIsReportedAtOnceNamingAssetAndParameter() throws IOException {
        Path notAnImage = Files.writeString(dir.resolve("notes.png"), "just text");
        List<StylizationDeclaration> s = List.of(
                new StylizationDeclaration("a", harbor, dir.resolve("missing.png"), null, Overrides.NONE),
                new StylizationDeclaration("a", harbor, mosaic, "other.png", Overrides.NONE),
                new StylizationDeclaration("b", notAnImage, mosaic, "../escape.png", Overrides.NONE),
                new StylizationDeclaration("c", harbor, mosaic, "a.png", Overrides.builder().set("iterations", "0").build()),
                new StylizationDeclaration("d", harbor, mosaic, "a.png", Overrides.builder().set("pooling", "median").build()),
                new StylizationDeclaration("e", harbor, mosaic, "e.jpg", Overrides.NONE),
                new StylizationDeclaration("f", harbor, mosaic, "A.PNG", Overrides.NONE),
                new StylizationDeclaration("g", harbor, mosaic, "a.png", Overrides.NONE));
        PlanException e = assertThrows(PlanException.class,
                () -> Planner.plan(request(s, List.of(), Overrides.NONE)));

        List<String> lines = e.problems().stream().map(PlanProblem::describe).toList();
        assertContains(lines, "stylization 'a' <style>: file " + dir.resolve("missing.png") + " does not exist");
        assertContains(lines, "stylization 'a' <id>: 'a' is already the id of stylization 'a'");
        assertContains(lines, "stylization 'b' <content>: file " + notAnImage + " is not a PNG");
        assertContains(lines, "stylization 'b' <output>: '../escape.png' escapes the output directory");
        assertContains(lines, "stylization 'c' <iterations>: Invalid setting 'iterations': 0 is not allowed");
        assertContains(lines, "stylization 'd' <pooling>: Invalid setting 'pooling': 'median' is not allowed; use one of avg, max");
        assertContains(lines, "stylization 'e' <output>: 'e.jpg' does not end in .png but the format is png; name it 'e.png' or set <format>jpg</format>");
        assertContains(lines, "stylization 'g' <output>: 'a.png' is also written by stylization 'f'");
        assertEquals(8, lines.size(), String.join("\n", lines));
        assertTrue(e.getMessage().contains("8 problems"), e.getMessage());
    }

    @Test
    void aSymlinkedInputIsFollowedAndKeyedByTheContentItPointsTo() throws Exception {
        Path linked = Files.createSymbolicLink(dir.resolve("content/linked.png"), harbor);
        Path linkedDirectory = Files.createSymbolicLink(dir.resolve("styles-link"), mosaic.getParent());
        Plan direct = Planner.plan(request(List.of(stylization("a", mosaic, Overrides.NONE)), List.of(), Overrides.NONE));
        Plan viaLinks = Planner.plan(request(List.of(new StylizationDeclaration("a", linked,
                linkedDirectory.resolve("mosaic.png"), null, Overrides.NONE)), List.of(), Overrides.NONE));

        assertEquals(direct.selected().get(0).cacheKey(), viaLinks.selected().get(0).cacheKey(),
                "the same bytes behind a link: the same key, so the cached image is reused");

        TestImages.png(dir.resolve("content/other.png"), 12, 8, 200);
        Files.delete(linked);
        Files.createSymbolicLink(linked, dir.resolve("content/other.png"));
        Plan retargeted = Planner.plan(request(List.of(new StylizationDeclaration("a", linked, mosaic, null,
                Overrides.NONE)), List.of(), Overrides.NONE));
        assertNotEquals(direct.selected().get(0).cacheKey(), retargeted.selected().get(0).cacheKey(),
                "a link pointed elsewhere is a new input");
    }

    @Test
    void aDanglingSymlinkIsAMissingFile() throws Exception {
        Path dangling = Files.createSymbolicLink(dir.resolve("content/gone.png"), dir.resolve("content/deleted.png"));
        PlanException e = assertThrows(PlanException.class, () -> Planner.plan(request(List.of(
                new StylizationDeclaration("a", dangling, mosaic, null, Overrides.NONE)), List.of(), Overrides.NONE)));
        assertEquals("stylization 'a' <content>: file " + dangling + " does not exist; fix the path (relative paths are"
                + " resolved against the project directory)", e.problems().get(0).describe());
    }

    @Test
    void namesWithSpacesAndNonAsciiCharactersWork() throws Exception {
        Path content = TestImages.png(dir.resolve("Inhalt mit Leerzeichen/häfen ☀ 1.png"), 12, 8, 10);
        BatchDeclaration batch = new BatchDeclaration("skizzen", content.getParent(), null, null, mosaic,
                "ausgabe ü", Overrides.NONE);
        Plan plan = Planner.plan(request(List.of(new StylizationDeclaration("hafen", content, mosaic,
                "bilder/häfen ☀ 1.png", Overrides.NONE)), List.of(batch), Overrides.NONE));

        assertEquals(List.of("hafen", "skizzen/häfen ☀ 1"), plan.selected().stream().map(PlannedAsset::id).toList());
        assertEquals(List.of("bilder/häfen ☀ 1.png", "ausgabe ü/häfen ☀ 1.png"),
                plan.selected().stream().map(PlannedAsset::output).toList());
    }

    @Test
    void invalidDefaultsAreReportedOnceAgainstDefaults() {
        Overrides defaults = Overrides.builder().set("optimizer", "sgd").build();
        List<StylizationDeclaration> s = List.of(stylization("a", mosaic, Overrides.NONE),
                stylization("b", waves, Overrides.NONE));
        PlanException e = assertThrows(PlanException.class, () -> Planner.plan(request(s, List.of(), defaults)));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("<defaults>", e.problems().get(0).asset());
        assertEquals("optimizer", e.problems().get(0).parameter());
    }

    @Test
    void batchProblemsNameTheBatch() {
        List<BatchDeclaration> b = List.of(
                new BatchDeclaration("none", dir.resolve("content/sprites"), List.of("*.gif"), null, waves, null, Overrides.NONE),
                new BatchDeclaration("gone", dir.resolve("nowhere"), null, null, waves, null, Overrides.NONE),
                new BatchDeclaration("up", dir.resolve("content/sprites"), null, null, waves, "../x", Overrides.NONE));
        PlanException e = assertThrows(PlanException.class, () -> Planner.plan(request(List.of(), b, Overrides.NONE)));
        List<String> lines = e.problems().stream().map(PlanProblem::describe).toList();
        assertContains(lines, "batch 'none' <includes>: no file in " + dir.resolve("content/sprites") + " matches includes [*.gif]");
        assertContains(lines, "batch 'gone' <directory>: " + dir.resolve("nowhere") + " is not an existing directory");
        assertContains(lines, "batch 'up' <outputDirectory>: '../x' escapes the output directory");
        assertEquals(3, lines.size(), String.join("\n", lines));
    }

    @Test
    void weightsThatCannotBeIdentifiedAreAProblemOfTheWeightsParameter() {
        PlanRequest r = PlanRequest.builder().stylizations(List.of(stylization("a", mosaic, Overrides.NONE)))
                .weightsIdentity(() -> {
                    throw new WeightsException("Weights file /x/vgg.h5 does not exist; fix <weights>");
                }).build();
        PlanException e = assertThrows(PlanException.class, () -> Planner.plan(r));
        assertEquals("<weights>: Weights file /x/vgg.h5 does not exist; fix <weights>", e.problems().get(0).describe());
    }

    @Test
    void onlySelectsAssetsAndWholeBatchesButKeepsEveryDeclaredAsset() throws Exception {
        BatchDeclaration batch = new BatchDeclaration("sprites", dir.resolve("content/sprites"), List.of("*.png"),
                null, waves, null, Overrides.NONE);
        List<StylizationDeclaration> s = List.of(stylization("harbor-mosaic", mosaic, Overrides.NONE),
                stylization("harbor-waves", waves, Overrides.NONE));
        Plan plan = Planner.plan(PlanRequest.builder().stylizations(s).batches(List.of(batch))
                .only(Set.of("harbor-waves", "sprites")).weightsIdentity(() -> "w").build());
        assertEquals(List.of("harbor-waves", "sprites/crate", "sprites/tree"),
                plan.selected().stream().map(PlannedAsset::id).toList());
        assertEquals(4, plan.declared().size());

        Plan one = Planner.plan(PlanRequest.builder().stylizations(s).batches(List.of(batch))
                .only(Set.of("sprites/tree")).weightsIdentity(() -> "w").build());
        assertEquals(List.of("sprites/tree"), one.selected().stream().map(PlannedAsset::id).toList());

        PlanException e = assertThrows(PlanException.class, () -> Planner.plan(
                PlanRequest.builder().stylizations(s).batches(List.of(batch)).only(Set.of("harbour"))
                        .weightsIdentity(() -> "w").build()));
        assertTrue(e.getMessage().contains("<only>: 'harbour' (in stylize.only) is no asset or batch id; known ids: [harbor-mosaic, harbor-waves, sprites, sprites/crate, sprites/tree]"),
                e.getMessage());
    }

    @Test
    void cacheKeyDependsOnBytesAndOutputAffectingSettingsOnly() throws Exception {
        String base = key(stylization("a", mosaic, Overrides.NONE), "w1");

        assertEquals(base, key(new StylizationDeclaration("renamed", harbor, mosaic, "x/y.png", Overrides.NONE), "w1"),
                "id and output path do not change the pixels");
        assertEquals(base, key(stylization("a", mosaic, Overrides.builder().set("snapshotEvery", "5").build()), "w1"),
                "snapshots do not change the pixels");
        Path copy = Files.copy(mosaic, dir.resolve("copy-of-mosaic.png"));
        assertEquals(base, key(stylization("a", copy, Overrides.NONE), "w1"), "same bytes under another name");

        assertNotEquals(base, key(stylization("a", mosaic, Overrides.builder().set("iterations", "301").build()), "w1"));
        assertNotEquals(base, key(stylization("a", mosaic, Overrides.builder().set("seed", "7").build()), "w1"));
        assertNotEquals(base, key(stylization("a", waves, Overrides.NONE), "w1"));
        assertNotEquals(base, key(stylization("a", mosaic, Overrides.NONE), "w2"), "other weights");
        TestImages.png(mosaic, 8, 8, 91);
        assertNotEquals(base, key(stylization("a", mosaic, Overrides.NONE), "w1"), "edited style file");
    }

    @Test
    void aPreviewCapsEverySelectedAssetsLongestSideKeepsItsOtherSettingsAndHasItsOwnKey() throws Exception {
        Path wide = TestImages.png(dir.resolve("content/wide.png"), 300, 200, 40);
        List<StylizationDeclaration> s = List.of(
                new StylizationDeclaration("big", wide, mosaic, null, Overrides.builder().set("size", "1024")
                        .set("iterations", "7").build()),
                new StylizationDeclaration("small", wide, mosaic, null, Overrides.builder().set("size", "64").build()),
                stylization("tiny", mosaic, Overrides.builder().set("size", "1024").build()));
        List<PlannedAsset> full = Planner.plan(request(s, List.of(), Overrides.NONE)).selected();
        List<PlannedAsset> previews = Planner.plan(PlanRequest.builder().stylizations(s)
                .weightsIdentity(() -> "weights-digest").preview(128).build()).selected();

        assertEquals(List.of(128, 64, 1024), previews.stream().map(a -> a.settings().size()).toList());
        assertEquals(7, previews.get(0).settings().iterations(), "its own settings otherwise");
        assertEquals(List.of(true, false, false), previews.stream().map(PlannedAsset::preview).toList(),
                "only the shrunk one is marked for the report");
        assertTrue(full.stream().noneMatch(PlannedAsset::preview));
        assertEquals(full.get(0).output(), previews.get(0).output(), "the usual output");
        assertNotEquals(full.get(0).cacheKey(), previews.get(0).cacheKey(), "a preview never stands in for the render");
        assertEquals(full.get(1).cacheKey(), previews.get(1).cacheKey(), "size already within the cap: the same pixels");
        assertEquals(full.get(2).cacheKey(), previews.get(2).cacheKey(),
                "a 12x8 content is within the cap whatever its size setting: the same pixels, the same key");

        PlanException e = assertThrows(PlanException.class, () -> Planner.plan(PlanRequest.builder().stylizations(s)
                .weightsIdentity(() -> "w").preview(8).build()));
        assertTrue(e.getMessage().contains("<preview>: 8 is not allowed"), e.getMessage());
    }

    @Test
    void cacheKeyInputIsTheDocumentedCanonicalText() throws Exception {
        PlannedAsset asset = Planner.plan(PlanRequest.builder().stylizations(List.of(stylization("a", mosaic,
                Overrides.NONE))).weightsIdentity(() -> "sha256:abc").build()).selected().get(0);
        String input = asset.cacheKeyInput();
        assertTrue(input.startsWith("stylize-cache-key/1\ncontent.sha256=" + Digests.sha256Hex(harbor)
                + "\nstyle.sha256=" + Digests.sha256Hex(mosaic) + "\nweights=sha256:abc\nalgorithmVersion="
                + StyleSettings.ALGORITHM_VERSION + "\n"), input);
        assertEquals(Digests.sha256Hex(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)), asset.cacheKey());
        assertEquals(new InputDigests(Digests.sha256Hex(harbor), List.of(new CacheKeys.StyleDigest(
                Digests.sha256Hex(mosaic), 1)), "sha256:abc"), asset.digests(), "the digests the key is made of");
    }

    StylizationDeclaration masked(String id, Path mask) {
        return new StylizationDeclaration(id, harbor, mask, mosaic, null, null, Overrides.NONE);
    }

    /** The mask's bytes are in the key, on their own line after the content's, and the asset carries the file. */
    @Test
    void aContentMasksBytesAreInTheKeyAndTheAssetCarriesIt() throws Exception {
        Path mask = TestImages.png(dir.resolve("masks/harbor.png"), 12, 8, 255);
        Path otherMask = TestImages.png(dir.resolve("masks/other.png"), 12, 8, 128);
        PlannedAsset asset = Planner.plan(request(List.of(masked("a", mask)), List.of(), Overrides.NONE))
                .selected().get(0);
        assertEquals(mask, asset.contentMask());
        assertTrue(asset.cacheKeyInput().contains("\ncontentMask.sha256=" + Digests.sha256Hex(mask) + "\nstyle.sha256="),
                asset.cacheKeyInput());
        String unmasked = key(stylization("a", mosaic, Overrides.NONE), "weights-digest");
        assertNotEquals(unmasked, asset.cacheKey());
        assertNotEquals(asset.cacheKey(), key(masked("a", otherMask), "weights-digest"));
    }

    @Test
    void aContentMaskOfAnotherSizeOrNoImageIsAPlanProblemNamingBothFilesAndTheFix() {
        Path small = TestImages.png(dir.resolve("masks/small.png"), 6, 4, 255);
        PlanException e = assertThrows(PlanException.class, () -> Planner.plan(request(List.of(masked("a", small),
                masked("b", dir.resolve("masks/missing.png"))), List.of(), Overrides.NONE)));
        assertEquals(2, e.problems().size(), e.getMessage());
        PlanProblem size = e.problems().get(0);
        assertEquals("contentMask", size.parameter());
        assertTrue(size.message().contains(small + " is 6x4 but the content image " + harbor + " is 12x8")
                && size.message().contains("export the mask at the content's size"), size.message());
        assertEquals("contentMask", e.problems().get(1).parameter());
        assertTrue(e.problems().get(1).message().contains("missing.png"), e.problems().get(1).message());
    }

    StylizationDeclaration blend(String id, Path style, List<StyleDeclaration> styles) {
        return new StylizationDeclaration(id, harbor, null, style, styles, null, Overrides.NONE);
    }

    @Test
    void aBlendsKeyHoldsEveryStylesBytesAndWeightAndALoneStyleKeepsTheSingleStyleKey() throws Exception {
        String single = key(stylization("a", mosaic, Overrides.NONE), "w1");
        assertEquals(single, key(blend("a", null, List.of(new StyleDeclaration(mosaic, "0.4"))), "w1"),
                "one style, whatever its weight, renders as <style> does");
        String base = key(blend("a", null, List.of(new StyleDeclaration(waves, "0.7"),
                new StyleDeclaration(mosaic, "0.3"))), "w1");
        assertNotEquals(single, base);
        assertNotEquals(base, key(blend("a", null, List.of(new StyleDeclaration(waves, "0.6"),
                new StyleDeclaration(mosaic, "0.3"))), "w1"), "a weight");
        assertNotEquals(base, key(blend("a", null, List.of(new StyleDeclaration(mosaic, "0.3"),
                new StyleDeclaration(waves, "0.7"))), "w1"), "the order, which pairs weights with images");
        TestImages.png(mosaic, 8, 8, 91);
        assertNotEquals(base, key(blend("a", null, List.of(new StyleDeclaration(waves, "0.7"),
                new StyleDeclaration(mosaic, "0.3"))), "w1"), "the second style's bytes");
    }

    @Test
    void badStylesDeclarationsAreProblemsNamingTheAssetTheStyleAndTheFix() {
        List<String> problems = problems(request(List.of(
                blend("both", mosaic, List.of(new StyleDeclaration(waves, "1"))),
                blend("empty", null, List.of()),
                blend("weights", null, List.of(new StyleDeclaration(waves, "0"), new StyleDeclaration(mosaic, "NaN"),
                        new StyleDeclaration(mosaic, "heavy"), new StyleDeclaration(mosaic, null))),
                blend("files", null, List.of(new StyleDeclaration(dir.resolve("styles/nope.png"), "1"),
                        new StyleDeclaration(null, "1")))), List.of(), Overrides.NONE));

        assertEquals(List.of(
                "stylization 'both' <styles>: is set together with <style>; keep one: <style> for a single image, or"
                        + " <styles> with a <style><image>...</image><weight>...</weight></style> per image to blend"
                        + " several",
                "stylization 'empty' <styles>: holds no <style>; add one <style><image>src/main/stylize/styles/"
                        + "waves.png</image><weight>1</weight></style> per image, or use <style> for a single image"),
                problems.subList(0, 2));
        String fix = "; give each style a <weight> that is a finite number > 0, e.g. <weight>0.5</weight> (weights"
                + " are relative: 0.7 and 0.3 blend as 7 and 3 do)";
        assertEquals(List.of(
                "stylization 'weights' <styles>: <style> #1 of <styles> (waves.png): weight '0' is not allowed" + fix,
                "stylization 'weights' <styles>: <style> #2 of <styles> (mosaic.png): weight 'NaN' is not allowed" + fix,
                "stylization 'weights' <styles>: <style> #3 of <styles> (mosaic.png): weight 'heavy' is not allowed"
                        + fix,
                "stylization 'weights' <styles>: <style> #4 of <styles> (mosaic.png) has no <weight>" + fix),
                problems.subList(2, 6));
        assertEquals("stylization 'files' <styles>: <style> #1 of <styles>: file " + dir.resolve("styles/nope.png")
                + " does not exist; fix the path (relative paths are resolved against the project directory)",
                problems.get(6));
        assertEquals("stylization 'files' <styles>: <style> #2 of <styles> has no <image>; set it to the style image"
                + " file, e.g. <image>src/main/stylize/styles/waves.png</image>", problems.get(7));
        assertEquals(8, problems.size(), problems.toString());
    }

    @Test
    void everyStyleOfABlendIsCheckedAgainstTheDirectoriesTheBuildWrites() {
        Path styles = dir.resolve("styles");
        BatchDeclaration batch = new BatchDeclaration("sprites", dir.resolve("content/sprites"), null, null, null,
                List.of(new StyleDeclaration(harbor, "1"), new StyleDeclaration(waves, "1")), null, Overrides.NONE);
        List<String> problems = problems(writing(List.of(), List.of(batch), styles, null));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("batch 'sprites' <styles>: <style> #2 of <styles>: " + waves
                + " is inside the outputDirectory"), problems.get(0));
    }

    private String key(StylizationDeclaration s, String weights) throws PlanException {
        return Planner.plan(PlanRequest.builder().stylizations(List.of(s)).weightsIdentity(() -> weights).build())
                .selected().get(0).cacheKey();
    }

    private static void assertContains(List<String> lines, String expectedStart) {
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(expectedStart)),
                "expected a line starting with:\n  " + expectedStart + "\nin:\n  " + String.join("\n  ", lines));
    }

    static PlanRequest writing(List<StylizationDeclaration> s, List<BatchDeclaration> b, Path outputDirectory,
                               Path weightsFile) {
        return PlanRequest.builder().stylizations(s).batches(b).weightsIdentity(() -> "weights-digest")
                .written(new PlanRequest.WrittenDirectories(outputDirectory, null)).weightsFile(weightsFile).build();
    }

    List<String> problems(PlanRequest request) {
        PlanException e = assertThrows(PlanException.class, () -> Planner.plan(request));
        return e.problems().stream().map(PlanProblem::describe).toList();
    }

    @Test
    void anOutputDirectoryThatABatchReadsIsAProblemBeforeAnyWork() {
        Path sprites = dir.resolve("content/sprites");
        BatchDeclaration batch = new BatchDeclaration("sprites", sprites, null, null, waves, null, Overrides.NONE);
        List<String> problems = problems(writing(List.of(), List.of(batch), sprites, null));

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("batch 'sprites' <directory>: the outputDirectory " + realPath(sprites)
                + " is " + sprites + ", which the batch reads"), problems.get(0));
        assertTrue(problems.get(0).endsWith("Give <outputDirectory> (stylize.outputDirectory) a folder of its own under"
                + " target/, such as the default, or move the inputs out of it"), problems.get(0));
    }

    @Test
    void anOutputDirectoryInsideABatchsInputFolderIsAProblem() {
        Path sprites = dir.resolve("content/sprites");
        BatchDeclaration batch = new BatchDeclaration("sprites", sprites, null, null, waves, null, Overrides.NONE);
        List<String> problems = problems(writing(List.of(), List.of(batch), sprites.resolve("styled"), null));
        assertTrue(problems.get(0).contains("is inside " + sprites + ", which the batch reads"), problems.toString());
    }

    @Test
    void aBatchDirectoryInsideTheOutputDirectoryIsAProblem() {
        Path sprites = dir.resolve("content/sprites");
        BatchDeclaration batch = new BatchDeclaration("sprites", sprites, null, null, waves, null, Overrides.NONE);
        List<String> problems = problems(writing(List.of(), List.of(batch), dir.resolve("content"), null));
        assertTrue(problems.get(0).startsWith("batch 'sprites' <directory>: " + sprites + " is inside the"
                + " outputDirectory"), problems.toString());
    }

    @Test
    void contentStyleAndWeightsInsideTheOutputDirectoryAreProblemsEvenThroughASymlink() throws IOException {
        Path resources = dir.resolve("content");
        Path link = Files.createSymbolicLink(dir.resolve("link-to-content"), resources);
        Path weights = Files.write(resources.resolve("vgg19.h5"), new byte[] {1});
        StylizationDeclaration s = new StylizationDeclaration("logo", harbor, mosaic, null, Overrides.NONE);
        StylizationDeclaration t = new StylizationDeclaration("other", waves, harbor, null, Overrides.NONE);

        List<String> problems = problems(writing(List.of(s, t), List.of(), link, weights));

        assertEquals(List.of("stylization 'logo' <content>", "stylization 'other' <style>", "<weights>"),
                problems.stream().map(p -> p.substring(0, p.indexOf(':'))).toList(), problems.toString());
        assertTrue(problems.get(0).contains(harbor + " is inside the outputDirectory " + realPath(resources)
                + ", which this build writes into, so a build could overwrite it"), problems.get(0));
    }

    @Test
    void separateOutputAndInputFoldersPassTheOverlapCheck() throws Exception {
        BatchDeclaration batch = new BatchDeclaration("sprites", dir.resolve("content/sprites"), null, null, waves,
                null, Overrides.NONE);
        Plan plan = Planner.plan(writing(List.of(stylization("a", mosaic, Overrides.NONE)), List.of(batch),
                dir.resolve("target/generated-resources/stylize"), null));
        assertEquals(4, plan.selected().size());
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
