package io.github.stylize.maven.build;

import io.github.stylize.engine.StyleSettings;
import io.github.stylize.engine.WeightedStyle;
import io.github.stylize.maven.execute.AssetOutcome;
import io.github.stylize.maven.execute.ExecutionResult;
import io.github.stylize.maven.plan.PlannedAsset;
import io.github.stylize.maven.report.AssetStatus;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The message that fails the build after assets failed: every asset named, each cause once, no false comfort. */
class FailureSummaryTest {
    static AssetOutcome outcome(String id, String failure) {
        PlannedAsset asset = new PlannedAsset(id, "stylization '" + id + "'", Path.of("c.png"),
                List.of(WeightedStyle.of(Path.of("s.png"))), id + ".png", StyleSettings.defaults());
        return new AssetOutcome(asset, failure == null ? AssetStatus.GENERATED : AssetStatus.FAILED,
                1, failure, null, null);
    }

    static String message(AssetOutcome... outcomes) {
        return assertThrows(BuildFailure.class, () -> BuildOrchestrator.failOnFailures(
                new ExecutionResult(List.of(outcomes), List.of(), true, 1))).getMessage();
    }

    @Test
    void whenEveryAssetFailsForOneCauseTheCauseIsListedOnceAndNoOthersAreClaimed() {
        String cause = "Cannot download VGG weights from https://example.invalid/vgg19.h5";
        assertEquals("stylize: all 3 assets failed:\n  - stylization 'a', stylization 'b', stylization 'c': " + cause,
                message(outcome("a", cause), outcome("b", cause), outcome("c", cause)));
        assertEquals("stylize: the asset failed:\n  - stylization 'a': " + cause, message(outcome("a", cause)));
    }

    @Test
    void whenSomeAssetsFailTheOthersAreCountedAndEachCauseListed() {
        assertEquals("stylize: 2 of 3 assets failed (the other one was written and cached):\n"
                        + "  - stylization 'b': broken\n  - stylization 'c': diverged",
                message(outcome("a", null), outcome("b", "broken"), outcome("c", "diverged")));
        assertEquals("stylize: 1 of 3 assets failed (the other 2 were written and cached):\n"
                        + "  - stylization 'c': diverged",
                message(outcome("a", null), outcome("b", null), outcome("c", "diverged")));
    }
}
