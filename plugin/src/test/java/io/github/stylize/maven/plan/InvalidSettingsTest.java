package io.github.stylize.maven.plan;

import io.github.stylize.engine.StyleSettings;
import io.github.stylize.maven.testing.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every setting, given an invalid value in a stylization, a batch or the defaults: exactly one problem, naming the
 * asset (or {@code <defaults>}) and the setting, and saying what is allowed.
 */
class InvalidSettingsTest {
    @TempDir
    Path dir;
    Path content;
    Path style;

    @BeforeEach
    void images() {
        content = TestImages.png(dir.resolve("content/harbor.png"), 12, 8, 10);
        style = TestImages.png(dir.resolve("styles/mosaic.png"), 8, 8, 90);
    }

    /**
     * setting, how to make it invalid, what the message must say: the messages of today's settings, pinned, then every
     * setting of the engine's table given a text that is no value of it, so a setting added there is covered here.
     */
    static Stream<Arguments> invalidValues() {
        return Stream.concat(pinnedMessages(), StyleSettings.settings().stream().map(setting ->
                Arguments.of(setting.name(), Overrides.builder().set(setting.name(), "?").build(), "'?' is not")));
    }

    private static Stream<Arguments> pinnedMessages() {
        return Stream.of(
                invalid("size", b -> b.set("size", "8"), "8 is not allowed; use an integer from 16 to 8192"),
                invalid("size", b -> b.set("size", "large"), "'large' is not a whole number; use digits, e.g. <size>512</size>"),
                invalid("iterations", b -> b.set("iterations", "0"), "0 is not allowed; use an integer from 1 to 100000"),
                invalid("iterations", b -> b.set("iterations", "lots"), "'lots' is not a whole number; use digits, e.g. <iterations>100</iterations>"),
                invalid("optimizer", b -> b.set("optimizer", "sgd"), "'sgd' is not allowed; use one of adam, lbfgs"),
                invalid("learningRate", b -> b.set("learningRate", "0.0"), "0.0 is not allowed; use a finite number > 0"),
                invalid("learningRate", b -> b.set("learningRate", "fast"), "'fast' is not a number; use a decimal number, e.g. <learningRate>10</learningRate>"),
                invalid("adamBeta1", b -> b.set("adamBeta1", "1"), "1.0 is not allowed; use a number between 0 and 1, exclusive"),
                invalid("adamBeta1", b -> b.set("adamBeta1", "high"), "'high' is not a number; use a decimal number, e.g. <adamBeta1>0.9</adamBeta1> (the default)"),
                invalid("adamBeta2", b -> b.set("adamBeta2", "0"), "0.0 is not allowed; use a number between 0 and 1, exclusive"),
                invalid("contentWeight", b -> b.set("contentWeight", "-1.0"), "-1.0 is not allowed; use a finite number >= 0"),
                invalid("contentWeight", b -> b.set("contentWeight", "1,5"), "'1,5' is not a number; use a decimal number"),
                invalid("styleWeight", b -> b.set("styleWeight", "Infinity"), "Infinity is not allowed; use a finite number >= 0"),
                invalid("styleWeight", b -> b.set("styleWeight", "0.0").set("contentWeight", "0.0"), "both 0, so there is nothing to optimize; make at least one positive"),
                invalid("styleWeight", b -> b.set("styleWeight", "1e3x"), "'1e3x' is not a number"),
                invalid("tvWeight", b -> b.set("tvWeight", "NaN"), "NaN is not allowed; use a finite number >= 0"),
                invalid("tvWeight", b -> b.set("tvWeight", "none"), "'none' is not a number"),
                invalid("contentLayer", b -> b.set("contentLayer", "conv9_9"), "'conv9_9' is not a VGG19 layer; allowed layers are conv1_1, conv1_2"),
                invalid("styleLayers", b -> b.set("styleLayers", List.of("conv1_1", "fc7")), "'fc7' is not a VGG19 layer; allowed layers are conv1_1"),
                invalid("styleLayers", b -> b.set("styleLayers", List.of()), "at least one style layer is needed; allowed layers are conv1_1"),
                invalid("styleLayerWeights", b -> b.set("styleLayerWeights", List.of("1.0")), "has 1 weights but styleLayers has 5 layers"),
                invalid("styleLayerWeights", b -> b.set("styleLayerWeights", List.of("1.0", "1.0", "-1.0", "1.0", "1.0")), "weight -1.0 is not allowed; each weight must be a finite number >= 0"),
                invalid("styleLayerWeights", b -> b.set("styleLayerWeights", "half"), "'half' is not a number; use a decimal number, e.g. <styleLayerWeight>0.2</styleLayerWeight>"),
                invalid("styleLayerWeights", b -> b.set("contentWeight", "0").set("styleLayerWeights", List.of("0", "0", "0", "0", "0")), "is 0 and contentWeight is 0, so there is nothing to optimize; make a style layer weight or contentWeight positive"),
                invalid("init", b -> b.set("init", "random"), "'random' is not allowed; use one of noise, content, blend"),
                invalid("noiseRatio", b -> b.set("noiseRatio", "1.5"), "1.5 is not allowed; use a number from 0 to 1"),
                invalid("noiseRatio", b -> b.set("noiseRatio", "60%"), "'60%' is not a number; use a decimal number, e.g. <noiseRatio>0.6</noiseRatio>"),
                invalid("styleScale", b -> b.set("styleScale", "0.0"), "0.0 is not allowed; use a number from 0.05 to 8"),
                invalid("styleScale", b -> b.set("styleScale", "x2"), "'x2' is not a number"),
                invalid("pooling", b -> b.set("pooling", "median"), "'median' is not allowed; use one of avg, max"),
                invalid("seed", b -> b.set("seed", "0x2A"), "'0x2A' is not a whole number; use digits, e.g. <seed>42</seed>"),
                invalid("format", b -> b.set("format", "gif"), "'gif' is not allowed; use one of png, jpg"),
                invalid("jpegQuality", b -> b.set("jpegQuality", "1.5"), "1.5 is not allowed; use a number in (0, 1]"),
                invalid("jpegQuality", b -> b.set("jpegQuality", "high"), "'high' is not a number; use a decimal number, e.g. <jpegQuality>0.92</jpegQuality>"),
                invalid("snapshotEvery", b -> b.set("snapshotEvery", "-1"), "-1 is not allowed; use 0 (no snapshots) or a positive number of iterations"),
                invalid("snapshotEvery", b -> b.set("snapshotEvery", "often"), "'often' is not a whole number; use digits, e.g. <snapshotEvery>0</snapshotEvery>"),
                invalid("scales", b -> b.set("scales", "7"), "7 is not allowed; use an integer from 1 (full size only) to 6"),
                invalid("scales", b -> b.set("scales", "three"), "'three' is not a whole number"),
                invalid("tolerance", b -> b.set("tolerance", "1.0"), "1.0 is not allowed; use 0 (run every iteration) or a fraction such as 0.001"),
                invalid("tolerance", b -> b.set("tolerance", "small"), "'small' is not a number; use a decimal number, e.g. <tolerance>0.01</tolerance>"),
                invalid("preserveColors", b -> b.set("preserveColors", "chroma"), "'chroma' is not allowed; use one of none, luminance, histogram"),
                invalid("tileable", b -> b.set("tileable", "yes"), "'yes' is not allowed; use true or false"),
                invalid("alphaMask", b -> b.set("alphaMask", "on"), "'on' is not allowed; use true or false"));
    }

    private static Arguments invalid(String setting, UnaryOperator<Overrides.Builder> change, String allowed) {
        return Arguments.of(setting, change.apply(Overrides.builder()).build(), allowed);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("invalidValues")
    void inAStylizationTheProblemNamesTheAssetTheSettingAndWhatIsAllowed(String setting, Overrides invalid,
                                                                          String allowed) {
        PlanProblem problem = onlyProblem(List.of(new StylizationDeclaration("harbor", content, style, null, invalid)),
                List.of(), Overrides.NONE);
        assertProblem(problem, "stylization 'harbor'", setting, allowed);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("invalidValues")
    void inABatchTheProblemNamesTheBatch(String setting, Overrides invalid, String allowed) {
        PlanProblem problem = onlyProblem(List.of(), List.of(new BatchDeclaration("sprites", dir.resolve("content"),
                null, null, style, null, invalid)), Overrides.NONE);
        assertProblem(problem, "batch 'sprites'", setting, allowed);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("invalidValues")
    void inTheDefaultsTheProblemIsReportedOnceAgainstTheDefaults(String setting, Overrides invalid, String allowed) {
        PlanProblem problem = onlyProblem(List.of(new StylizationDeclaration("a", content, style, null, Overrides.NONE),
                new StylizationDeclaration("b", content, style, null, Overrides.NONE)), List.of(), invalid);
        assertProblem(problem, "<defaults>", setting, allowed);
    }

    @Test
    void anAssetsOwnValidValueWinsOverAnUnparsableDefault() throws Exception {
        Overrides defaults = Overrides.builder().set("iterations", "lots").build();
        Overrides own = Overrides.builder().set("iterations", "20").build();
        assertEquals(20, defaults.overriddenBy(own).toSettings().iterations());
    }

    @Test
    void aMisspelledSettingIsReportedWithTheAssetAndTheNameItResembles() {
        Overrides own = Overrides.builder().unknown("stylWeight", "is not a setting or a parameter of <stylization>;"
                + " did you mean styleWeight?").build();
        PlanProblem problem = onlyProblem(List.of(new StylizationDeclaration("harbor", content, style, null, own)),
                List.of(), Overrides.NONE);
        assertProblem(problem, "stylization 'harbor'", "stylWeight", "did you mean styleWeight?");
    }

    private PlanProblem onlyProblem(List<StylizationDeclaration> s, List<BatchDeclaration> b, Overrides defaults) {
        PlanException e = assertThrows(PlanException.class,
                () -> Planner.plan(PlanRequest.builder().stylizations(s).batches(b).defaults(defaults)
                        .weightsIdentity(() -> "weights").build()));
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.problems().get(0);
    }

    private static void assertProblem(PlanProblem problem, String asset, String setting, String allowed) {
        assertEquals(asset, problem.asset());
        assertEquals(setting, problem.parameter());
        assertTrue(problem.message().startsWith("Invalid setting '" + setting + "': "), problem.message());
        assertTrue(problem.message().contains(allowed), problem.message());
    }
}
