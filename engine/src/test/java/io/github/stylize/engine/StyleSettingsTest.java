package io.github.stylize.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings are validated up front, each error naming the setting and what it allows; the canonical form is stable. */
class StyleSettingsTest {

    @Test
    void defaultsFollowThePaperWithTheMeasuredFastPath() {
        StyleSettings s = StyleSettings.defaults();
        assertEquals("conv4_2", s.contentLayer());
        assertEquals(List.of("conv1_1", "conv2_1", "conv3_1", "conv4_1", "conv5_1"), s.styleLayers());
        assertEquals(List.of(0.2, 0.2, 0.2, 0.2, 0.2), s.styleLayerWeights());
        assertEquals(StyleSettings.Pooling.AVG, s.pooling());
        // L-BFGS stopped by the tolerance: the fast path measured in site/markdown/performance.md, "Time to quality"
        assertEquals(StyleSettings.Optimizer.LBFGS, s.optimizer());
        assertEquals(0.01, s.tolerance());
        assertEquals(1, s.scales());
        assertEquals(100, s.iterations());
        assertEquals(StyleSettings.Init.BLEND, s.init());
        assertEquals(0.6, s.noiseRatio());
        assertEquals("conv5_1", s.deepestLayer());
    }

    @Test
    void unknownLayerIsRejectedListingTheAllowedNames() {
        InvalidSettingException e = rejected(b -> b.contentLayer("conv6_1"));
        assertEquals("contentLayer", e.setting());
        assertTrue(e.getMessage().contains("conv6_1") && e.getMessage().contains("conv5_4"), e.getMessage());
        assertEquals("styleLayers", rejected(b -> b.styleLayers(List.of("conv1_1", "pool1"))).setting());
    }

    @Test
    void negativeWeightsAreRejected() {
        assertEquals("contentWeight", rejected(b -> b.contentWeight(-1)).setting());
        assertEquals("styleWeight", rejected(b -> b.styleWeight(Double.NaN)).setting());
        assertEquals("tvWeight", rejected(b -> b.tvWeight(-0.5)).setting());
        InvalidSettingException e = rejected(b -> b.styleLayerWeights(List.of(1.0, 1.0, -1.0, 1.0, 1.0)));
        assertEquals("styleLayerWeights", e.setting());
        assertTrue(e.getMessage().contains("-1.0"), e.getMessage());
    }

    @Test
    void zeroIterationsAreRejected() {
        InvalidSettingException e = rejected(b -> b.iterations(0));
        assertEquals("iterations", e.setting());
        assertTrue(e.getMessage().contains("1 to 100000"), e.getMessage());
    }

    @Test
    void layerWeightCountMustMatchLayerCount() {
        InvalidSettingException e = rejected(b -> b.styleLayers(List.of("conv1_1", "conv2_1"))
                .styleLayerWeights(List.of(1.0, 2.0, 3.0)));
        assertEquals("styleLayerWeights", e.setting());
        assertTrue(e.getMessage().contains("3 weights") && e.getMessage().contains("2 layers"), e.getMessage());
    }

    @Test
    void otherOutOfRangeValuesNameTheirSetting() {
        assertEquals("size", rejected(b -> b.size(8)).setting());
        assertEquals("learningRate", rejected(b -> b.learningRate(0)).setting());
        assertEquals("adamBeta1", rejected(b -> b.adamBeta1(1)).setting());
        assertEquals("noiseRatio", rejected(b -> b.noiseRatio(1.5)).setting());
        assertEquals("styleScale", rejected(b -> b.styleScale(0)).setting());
        assertEquals("jpegQuality", rejected(b -> b.jpegQuality(0)).setting());
        assertEquals("snapshotEvery", rejected(b -> b.snapshotEvery(-1)).setting());
        assertEquals("optimizer", rejected(b -> b.optimizer(null)).setting());
        assertEquals("scales", rejected(b -> b.scales(0)).setting());
        assertEquals("tolerance", rejected(b -> b.tolerance(1)).setting());
        assertEquals("styleLayers", rejected(b -> b.styleLayers(List.of("conv1_1", "conv1_1"))).setting());
        assertEquals("styleWeight", rejected(b -> b.contentWeight(0).styleWeight(0)).setting());
    }

    @Test
    void canonicalFormChangesWithEveryOutputAffectingSettingOnly() {
        String base = StyleSettings.defaults().canonicalForm();
        assertEquals(base, StyleSettings.builder().snapshotEvery(10).build().canonicalForm(),
                "snapshots do not change the output");
        assertEquals(base, StyleSettings.builder().jpegQuality(0.5).build().canonicalForm(),
                "JPEG quality does not matter for PNG output");
        assertEquals(base, StyleSettings.defaults().toBuilder().build().canonicalForm());
        assertEquals(base, StyleSettings.builder().adamBeta1(0.8).adamBeta2(0.99).build().canonicalForm(),
                "Adam's betas do not matter to L-BFGS");
        String adam = StyleSettings.builder().optimizer(StyleSettings.Optimizer.ADAM).build().canonicalForm();
        assertNotEquals(adam, StyleSettings.builder().optimizer(StyleSettings.Optimizer.ADAM).adamBeta1(0.8).build()
                .canonicalForm());
        assertNotEquals(adam, StyleSettings.builder().optimizer(StyleSettings.Optimizer.ADAM).adamBeta2(0.99).build()
                .canonicalForm());
        List<UnaryOperator<StyleSettings.Builder>> changes = List.of(
                b -> b.size(256), b -> b.iterations(10), b -> b.optimizer(StyleSettings.Optimizer.ADAM),
                b -> b.learningRate(1), b -> b.contentWeight(2),
                b -> b.styleWeight(5), b -> b.tvWeight(1), b -> b.contentLayer("conv3_1"),
                b -> b.styleLayers(List.of("conv1_1")), b -> b.styleLayerWeights(List.of(1.0, 1.0, 1.0, 1.0, 2.0)),
                b -> b.init(StyleSettings.Init.NOISE), b -> b.noiseRatio(0.3), b -> b.styleScale(0.5),
                b -> b.pooling(StyleSettings.Pooling.MAX), b -> b.seed(1), b -> b.format(StyleSettings.Format.JPG),
                b -> b.scales(2), b -> b.tolerance(0.001),
                b -> b.preserveColors(StyleSettings.PreserveColors.LUMINANCE),
                b -> b.preserveColors(StyleSettings.PreserveColors.HISTOGRAM));
        for (UnaryOperator<StyleSettings.Builder> change : changes) {
            assertNotEquals(base, change.apply(StyleSettings.builder()).build().canonicalForm());
        }
        assertTrue(base.startsWith("algorithmVersion=" + StyleSettings.ALGORITHM_VERSION + "\n"));
    }

    /**
     * The canonical form is hashed into every cache key: its text for today's settings must not change, or every
     * user's cache goes cold (bump {@link StyleSettings#ALGORITHM_VERSION} when a change is meant).
     */
    @Test
    void canonicalFormTextIsPinned() {
        String defaults = """
                algorithmVersion=4
                size=512
                iterations=100
                optimizer=lbfgs
                learningRate=10.0
                contentWeight=1.0
                styleWeight=1000.0
                tvWeight=0.0
                contentLayer=conv4_2
                styleLayers=conv1_1,conv2_1,conv3_1,conv4_1,conv5_1
                styleLayerWeights=0.2,0.2,0.2,0.2,0.2
                init=blend
                noiseRatio=0.6
                styleScale=1.0
                pooling=avg
                seed=42
                scales=1
                tolerance=0.01
                format=png
                """;
        assertEquals(defaults, StyleSettings.defaults().canonicalForm());
        assertEquals("""
                algorithmVersion=4
                size=256
                iterations=300
                optimizer=adam
                learningRate=2.5
                adamBeta1=0.8
                adamBeta2=0.99
                contentWeight=5.0
                styleWeight=10000.0
                tvWeight=0.001
                contentLayer=conv3_2
                styleLayers=conv1_1,conv2_1,conv4_1
                styleLayerWeights=0.5,0.25,0.25
                init=blend
                noiseRatio=0.3
                styleScale=0.5
                pooling=max
                seed=-7
                scales=3
                tolerance=1.0E-4
                format=jpg
                jpegQuality=0.8
                """, StyleSettings.builder().size(256).iterations(300).optimizer(StyleSettings.Optimizer.ADAM)
                .learningRate(2.5).adamBeta1(0.8).adamBeta2(0.99).contentWeight(5).styleWeight(1e4).tvWeight(0.001)
                .contentLayer("conv3_2").styleLayers(List.of("conv1_1", "conv2_1", "conv4_1"))
                .styleLayerWeights(List.of(0.5, 0.25, 0.25)).init(StyleSettings.Init.BLEND).noiseRatio(0.3)
                .styleScale(0.5).pooling(StyleSettings.Pooling.MAX).seed(-7).format(StyleSettings.Format.JPG)
                .jpegQuality(0.8).snapshotEvery(5).scales(3).tolerance(1e-4).build().canonicalForm());
        assertEquals(defaults.replace("init=blend\nnoiseRatio=0.6\n", "init=noise\n"),
                StyleSettings.builder().init(StyleSettings.Init.NOISE).noiseRatio(0.3).jpegQuality(0.5).adamBeta1(0.5)
                        .build().canonicalForm(), "settings that do not apply are left out");
    }

    @Test
    void everySettingIsDeclaredOnceWithItsDocAndIsReadableByName() {
        List<String> names = StyleSettings.settings().stream().map(Setting::name).toList();
        assertEquals(names.stream().distinct().toList(), names, "no name twice");
        for (Setting<?> setting : StyleSettings.settings()) {
            assertEquals(setting, StyleSettings.setting(setting.name()).orElseThrow());
            assertFalse(setting.doc().isBlank(), setting.name());
            assertFalse(setting.allowed().isBlank(), setting.name());
            if (setting.defaultValue() != null) {
                assertEquals(textOf(setting, StyleSettings.defaults()), setting.defaultText(), setting.name());
            }
        }
        assertTrue(StyleSettings.setting("stylWeight").isEmpty());
    }

    @Test
    void everyDefaultParsesBackFromItsTextToTheDefault() {
        StyleSettings defaults = StyleSettings.defaults();
        for (Setting<?> setting : StyleSettings.settings()) {
            assertEquals(defaults.get(setting), parsedDefault(setting, defaults), setting.name());
        }
    }

    private static <T> T parsedDefault(Setting<T> setting, StyleSettings defaults) {
        return setting.parse(setting.text(defaults.get(setting)));
    }

    private static <T> String textOf(Setting<T> setting, StyleSettings settings) {
        return setting.text(settings.get(setting));
    }

    /** For every setting of the table, configuration text it rejects: a value outside what it allows, where it has one. */
    static final Map<String, String> INVALID = Map.ofEntries(
            Map.entry("size", "8"), Map.entry("iterations", "0"), Map.entry("optimizer", "sgd"),
            Map.entry("learningRate", "0"), Map.entry("adamBeta1", "1"), Map.entry("adamBeta2", "0"),
            Map.entry("contentWeight", "-1"), Map.entry("styleWeight", "NaN"), Map.entry("tvWeight", "-0.5"),
            Map.entry("contentLayer", "conv6_1"), Map.entry("styleLayers", "conv1_1,pool1"),
            Map.entry("styleLayerWeights", "1,1,-1,1,1"), Map.entry("init", "random"), Map.entry("noiseRatio", "1.5"),
            Map.entry("styleScale", "0"), Map.entry("pooling", "median"), Map.entry("seed", "0x2A"),
            Map.entry("scales", "7"), Map.entry("tolerance", "1"), Map.entry("format", "gif"),
            Map.entry("jpegQuality", "0"), Map.entry("snapshotEvery", "-1"), Map.entry("preserveColors", "chroma"),
            Map.entry("tileable", "yes"), Map.entry("alphaMask", "1"), Map.entry("iterateAveraging", "on"));

    @Test
    void everySettingRejectsAValueNamingItself() {
        assertEquals(new TreeSet<>(StyleSettings.settings().stream().map(Setting::name).toList()),
                new TreeSet<>(INVALID.keySet()), "every setting of the table has a case");
        for (Setting<?> setting : StyleSettings.settings()) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class,
                    () -> withText(setting, INVALID.get(setting.name())));
            assertEquals(setting.name(), e.setting());
        }
    }

    private static <T> StyleSettings withText(Setting<T> setting, String text) {
        return StyleSettings.builder().set(setting, setting.parse(text)).build();
    }

    @Test
    void configurationTextIsParsedByTheSettingsType() {
        assertEquals(256, StyleSettings.SIZE.parse(" 256 "));
        assertEquals(Integer.MAX_VALUE, StyleSettings.SIZE.parse("99999999999"), "clamped, so the range check reports it");
        assertEquals(StyleSettings.Format.JPG, StyleSettings.FORMAT.parse("JPEG"));
        assertEquals(StyleSettings.Optimizer.ADAM, StyleSettings.OPTIMIZER.parse(" Adam"));
        assertEquals(List.of("conv1_1", "conv3_1"), StyleSettings.STYLE_LAYERS.parse("conv1_1, conv3_1"));
        assertEquals(List.of(0.75, 0.25), StyleSettings.STYLE_LAYER_WEIGHTS.parse(List.of("0.75", " 0.25")));
        assertEquals("'lots' is not a whole number; use digits, e.g. <iterations>100</iterations> (the default)",
                messageOf(() -> StyleSettings.ITERATIONS.parse("lots")));
        assertEquals("'fast' is not a number; use a decimal number, e.g. <learningRate>10</learningRate> (the default)",
                messageOf(() -> StyleSettings.LEARNING_RATE.parse("fast")));
        assertEquals("'half' is not a number; use a decimal number, e.g. <styleLayerWeight>0.2</styleLayerWeight>",
                messageOf(() -> StyleSettings.STYLE_LAYER_WEIGHTS.parse(List.of("1", "half"))));
        assertEquals("'sgd' is not allowed; use one of adam, lbfgs", messageOf(() -> StyleSettings.OPTIMIZER.parse("sgd")));
        assertEquals("takes a single value, not a list; write e.g. <size>512</size> (the default)",
                messageOf(() -> StyleSettings.SIZE.parse(List.of("1", "2"))));
        assertEquals(true, StyleSettings.TILEABLE.parse(" True "));
        assertEquals(false, StyleSettings.ALPHA_MASK.parse("false"));
        assertEquals("'yes' is not allowed; use true or false", messageOf(() -> StyleSettings.TILEABLE.parse("yes")));
    }

    @Test
    void tileableAlphaMaskAndIterateAveragingEnterTheCanonicalFormOnlyWhenTrue() {
        String defaults = StyleSettings.defaults().canonicalForm();
        assertFalse(defaults.contains("tileable") || defaults.contains("alphaMask")
                || defaults.contains("iterateAveraging"), defaults);
        String all = StyleSettings.builder().tileable(true).alphaMask(true).iterateAveraging(true).build()
                .canonicalForm();
        String lines = "tileable=true\nalphaMask=true\niterateAveraging=true\n";
        assertTrue(all.endsWith(lines), all);
        assertEquals(defaults, all.replace(lines, ""));
    }

    @Test
    void theKeyRuleSaysWhenASettingIsInTheCanonicalForm() {
        for (Setting<?> setting : StyleSettings.settings()) {
            String line = "\n" + setting.name() + "=";
            boolean inDefaults = StyleSettings.defaults().canonicalForm().contains(line);
            switch (setting.keyRule()) {
                case "yes" -> assertTrue(inDefaults, setting.name());
                case "no" -> assertFalse(inDefaults, setting.name());
                default -> assertTrue(setting.keyRule().startsWith("when "), setting.name());
            }
        }
        assertEquals("when `optimizer` is `adam`", StyleSettings.ADAM_BETA1.keyRule());
    }

    @Test
    void preserveColorsAtItsDefaultLeavesTheCanonicalFormAsBeforeAndOtherwiseEndsUpInIt() {
        assertFalse(StyleSettings.defaults().canonicalForm().contains("preserveColors"),
                "existing cache keys stay valid");
        assertTrue(StyleSettings.builder().preserveColors(StyleSettings.PreserveColors.HISTOGRAM).build()
                .canonicalForm().contains("\npreserveColors=histogram\n"));
        assertEquals("'chroma' is not allowed; use one of none, luminance, histogram",
                messageOf(() -> StyleSettings.PRESERVE_COLORS.parse("chroma")));
    }

    private static String messageOf(org.junit.jupiter.api.function.Executable parse) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, parse);
        return e.getMessage().substring(e.getMessage().indexOf("': ") + 3);
    }

    private static InvalidSettingException rejected(UnaryOperator<StyleSettings.Builder> change) {
        return assertThrows(InvalidSettingException.class, () -> change.apply(StyleSettings.builder()).build());
    }
}
