package io.github.stylize.maven.plan;

import io.github.stylize.maven.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

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
        Overrides scaled = Overrides.builder().size(64).styleScale(8.0).build();
        List<StylizationDeclaration> s = List.of(new StylizationDeclaration("big", content, style, null, scaled));
        List<BatchDeclaration> b = List.of(new BatchDeclaration("b", sprites, null, null, style, null, scaled));

        assertEquals(List.of("stylization 'big' <styleScale>: styleScale 8.0 scales the style image " + style
                        + " to 512x512 (262144 pixels) for the content's 64x32 as used, more than maxPixels (100000),"
                        + " which would exhaust memory; use styleScale 4.93 or less, or raise maxPixels",
                "batch 'b' file 'large.png' <styleScale>: styleScale 8.0 scales the style image " + style + " to 320x320"
                        + " (102400 pixels) for the content's 40x40 as used, more than maxPixels (100000), which would "
                        + "exhaust memory; use styleScale 7.90 or less, or raise maxPixels"),
                problems(new PlanRequest(s, b, Overrides.NONE, Set.of(), () -> "w", 100_000)));

        assertEquals(3, Planner.plan(new PlanRequest(s, b, Overrides.NONE, Set.of(), () -> "w", 262_144))
                .selected().size(), "exactly at the limit fits");
    }
}
