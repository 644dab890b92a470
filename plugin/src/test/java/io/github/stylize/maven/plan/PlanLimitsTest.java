package io.github.stylize.maven.plan;

import io.github.stylize.maven.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Limits checked at planning time, from declarations and file headers, before any work. */
class PlanLimitsTest {
    @TempDir
    Path dir;

    static List<String> problems(PlanRequest request) {
        PlanException e = assertThrows(PlanException.class, () -> Planner.plan(request));
        return e.problems().stream().map(PlanProblem::describe).toList();
    }

    @Test
    void aStyleScaleThatTakesTheStylePastMaxPixelsIsAPlanProblemNamingTheLargestThatFits() throws Exception {
        Path content = TestImages.png(dir.resolve("content.png"), 200, 100, 10); // shrunk to 64x32 by size
        Path style = TestImages.png(dir.resolve("style.png"), 30, 30, 90);
        Path sprites = dir.resolve("sprites");
        TestImages.png(sprites.resolve("small.png"), 8, 8, 30);
        TestImages.png(sprites.resolve("large.png"), 40, 40, 30);
        Overrides scaled = Overrides.builder().set("size", "64").set("styleScale", "8.0").build();
        List<StylizationDeclaration> s = List.of(new StylizationDeclaration("big", content, style, null, scaled));
        List<BatchDeclaration> b = List.of(new BatchDeclaration("b", sprites, null, null, style, null, scaled));

        assertEquals(List.of("stylization 'big' <styleScale>: styleScale 8.0 scales the style image " + style
                        + " to 512x512 (262144 pixels) for the content's 64x32 as used, more than maxPixels (100000),"
                        + " which would exhaust memory; use styleScale 4.93 or less, or raise maxPixels",
                "batch 'b' file 'large.png' <styleScale>: styleScale 8.0 scales the style image " + style + " to 320x320"
                        + " (102400 pixels) for the content's 40x40 as used, more than maxPixels (100000), which would "
                        + "exhaust memory; use styleScale 7.90 or less, or raise maxPixels"),
                problems(PlanRequest.builder().stylizations(s).batches(b).weightsIdentity(() -> "w").maxPixels(100_000)
                        .build()));

        assertEquals(3, Planner.plan(PlanRequest.builder().stylizations(s).batches(b).weightsIdentity(() -> "w")
                .maxPixels(262_144).build()).selected().size(), "exactly at the limit fits");
    }

    StylizationDeclaration stylization(String id, String output) {
        Path content = TestImages.png(dir.resolve("content.png"), 12, 8, 10);
        Path style = TestImages.png(dir.resolve("style.png"), 8, 8, 90);
        return new StylizationDeclaration(id, content, style, output, Overrides.NONE);
    }

    @Test
    void outputsThatCannotBeWrittenAsNamedAreProblemsBeforeAnyWork() {
        String longName = "n".repeat(201) + ".png";
        String deep = ("d".repeat(99) + "/").repeat(11) + "x.png";
        assertEquals(List.of(
                        "stylization 'tab' <output>: 'a\\tb.png' holds a control character (\\t), which a file name must "
                                + "not; remove it",
                        "stylization 'newline' <output>: 'a\\nb.png' holds a control character (\\n), which a file name "
                                + "must not; remove it",
                        "stylization 'dot' <output>: 'y.png.' has a name ending in '.', which Windows drops from file "
                                + "names; remove it",
                        "stylization 'long' <output>: '" + longName + "' has a name of 205 bytes, more than the 200 a "
                                + "name may have (file systems allow 255, and the temporary file written beside it adds up "
                                + "to 47); shorten it",
                        "stylization 'deep' <output>: '" + deep.substring(0, 40) + "...' is 1105 bytes long, more than "
                                + "the 1024 an output path or id may have (with the directories above it, it would pass "
                                + "the operating system's path limit); shorten it",
                        "stylization 'x.' <id>: the id 'x.' has a name ending in '.', which Windows drops from file "
                                + "names; remove it"),
                problems(PlanRequest.builder().stylizations(List.of(stylization("tab", "a\tb.png"),
                        stylization("newline", "a\nb.png"), stylization("dot", "y.png."), stylization("long", longName),
                        stylization("deep", deep), stylization("x.", null))).weightsIdentity(() -> "w").build()));
    }

    @Test
    void batchFilesWhoseNamesMakeNoIdOfTheirOwnAreProblemsNotLostSnapshots() throws Exception {
        Path style = TestImages.png(dir.resolve("style.png"), 8, 8, 90);
        Path files = dir.resolve("files");
        for (String name : List.of("..png", "...png", "ok.png", "t\tab.png", "l".repeat(201) + ".png")) {
            TestImages.png(files.resolve(name), 6, 6, 30);
        }
        BatchDeclaration b = new BatchDeclaration("b", files, null, null, style, null, Overrides.NONE);
        String fix = " (the id comes from the file's name: rename the file, or leave it out with an <exclude>)";
        assertEquals(List.of(
                        "batch 'b' file '...png' <includes>: the id 'b/..' has the name '..', which is no file of its "
                                + "own (an image file named '.png' or '..png'?); rename it" + fix,
                        "batch 'b' file '..png' <includes>: the id 'b/.' has the name '.', which is no file of its own "
                                + "(an image file named '.png' or '..png'?); rename it" + fix,
                        "batch 'b' file '" + "l".repeat(201) + ".png' <includes>: the id 'b/" + "l".repeat(201)
                                + "' has a name of 201 bytes, more than the 200 a name may have (file systems allow 255, "
                                + "and the temporary file written beside it adds up to 47); shorten it" + fix,
                        "batch 'b' file 't\tab.png' <includes>: the id 'b/t\\tab' holds a control character (\\t), "
                                + "which a file name must not; remove it" + fix),
                problems(PlanRequest.builder().batches(List.of(b)).weightsIdentity(() -> "w").build()));
        BatchDeclaration fine = new BatchDeclaration("b", files, List.of("ok.png"), null, style, null, Overrides.NONE);
        assertEquals(List.of("b/ok"), Planner.plan(PlanRequest.builder().batches(List.of(fine))
                .weightsIdentity(() -> "w").build()).selected().stream().map(PlannedAsset::id).toList());
    }
}
