package io.github.stylize.maven.mojo;

import io.github.stylize.engine.InvalidSettingException;
import io.github.stylize.engine.StyleSettings;
import io.github.stylize.engine.WeightedStyle;
import io.github.stylize.engine.files.Digests;
import io.github.stylize.maven.plan.BatchDeclaration;
import io.github.stylize.maven.plan.Overrides;
import io.github.stylize.maven.plan.Plan;
import io.github.stylize.maven.plan.PlanRequest;
import io.github.stylize.maven.plan.PlannedAsset;
import io.github.stylize.maven.plan.Planner;
import io.github.stylize.maven.plan.StyleDeclaration;
import io.github.stylize.maven.plan.StylizationDeclaration;
import io.github.stylize.maven.testing.TestImages;
import org.codehaus.plexus.configuration.PlexusConfiguration;
import org.codehaus.plexus.configuration.xml.XmlPlexusConfiguration;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The XML of {@code <defaults>}, {@code <stylizations>} and {@code <batches>} as Maven hands it over, read generically. */
class ConfigurationReaderTest {
    static final Path BASEDIR = Path.of("/project");
    /** Stands in for Maven's evaluator: two properties. */
    static final Map<String, String> PROPERTIES = Map.of("${size}", "96", "${layers}", "conv1_1,conv2_1");
    final ConfigurationReader reader = new ConfigurationReader(BASEDIR, text -> PROPERTIES.getOrDefault(text, text));

    @Test
    void everySettingOfTheTableIsReadByItsNameWithExpressionsEvaluated() {
        StylizationDeclaration s = reader.stylizations(xml("""
                <stylizations>
                  <stylization>
                    <id>harbor</id>
                    <content>src/content/../content/harbor.png</content>
                    <style>/abs/mosaic.png</style>
                    <output>images/harbor.jpg</output>
                    <size>${size}</size>
                    <adamBeta1>0.8</adamBeta1>
                    <style-weight>500</style-weight>
                    <styleLayers>${layers}</styleLayers>
                    <styleLayerWeights><styleLayerWeight>0.75</styleLayerWeight><w>0.25</w></styleLayerWeights>
                    <format>JPEG</format>
                  </stylization>
                </stylizations>""")).get(0);

        assertEquals("harbor", s.id());
        assertEquals(BASEDIR.resolve("src/content/harbor.png"), s.content(), "relative to the project, normalized");
        assertEquals(Path.of("/abs/mosaic.png"), s.style());
        assertEquals("images/harbor.jpg", s.output());
        StyleSettings settings = s.overrides().toSettings();
        assertEquals(96, settings.size(), "${size} evaluated");
        assertEquals(0.8, settings.adamBeta1(), "adamBeta1 is a setting like any other");
        assertEquals(500.0, settings.styleWeight(), "Maven's hyphenated spelling");
        assertEquals(List.of("conv1_1", "conv2_1"), settings.styleLayers(), "comma-separated, after evaluation");
        assertEquals(List.of(0.75, 0.25), settings.styleLayerWeights(), "child elements, whatever their names");
        assertEquals(StyleSettings.Format.JPG, settings.format());
    }

    @Test
    void aBatchTakesItsParametersAndSettings() {
        BatchDeclaration b = reader.batches(xml("""
                <batches>
                  <batch>
                    <id>sprites</id>
                    <directory>content/sprites</directory>
                    <includes>*.png, *.jpg</includes>
                    <excludes><exclude>old/**</exclude></excludes>
                    <style>styles/waves.png</style>
                    <outputDirectory>sprites</outputDirectory>
                    <iterations>20</iterations>
                  </batch>
                </batches>""")).get(0);

        assertEquals("sprites", b.id());
        assertEquals(BASEDIR.resolve("content/sprites"), b.directory());
        assertEquals(List.of("*.png", "*.jpg"), b.includes());
        assertEquals(List.of("old/**"), b.excludes());
        assertEquals("sprites", b.outputDirectory());
        assertEquals(Overrides.builder().set("iterations", "20").build(), b.overrides());
    }

    @Test
    void anEmptyListElementIsAnEmptyListButAnEmptyValueIsUnset() {
        Overrides defaults = reader.defaults(xml("<defaults><styleLayers/><size></size></defaults>"));
        assertEquals(Overrides.builder().set("styleLayers", List.of()).build(), defaults);
        assertEquals("styleLayers", assertThrows(InvalidSettingException.class, defaults::toSettings).setting());
        assertEquals(Overrides.NONE, reader.defaults(null));
        assertEquals(List.of(), reader.stylizations(null));
    }

    @Test
    void aMisspelledElementIsKeptWithTheNameItResembles() {
        Overrides own = reader.stylizations(xml("""
                <stylizations><stylization><id>a</id><stylWeight>5</stylWeight></stylization></stylizations>"""))
                .get(0).overrides();
        InvalidSettingException e = assertThrows(InvalidSettingException.class, own::toSettings);
        assertEquals("stylWeight", e.setting());
        assertEquals("Invalid setting 'stylWeight': is not a setting or a parameter of <stylization>; did you mean"
                + " styleWeight?", e.getMessage());

        assertTrue(ConfigurationReader.unknownMessage("contnet", ConfigurationReader.STYLIZATION_PARAMETERS,
                "<stylization>").endsWith("did you mean content?"), "the element's own parameters are names too");
        assertTrue(ConfigurationReader.unknownMessage("contentMask", ConfigurationReader.BATCH_PARAMETERS, "<batch>")
                .endsWith("declare that image as a <stylization> with its <contentMask>"), "a batch has no mask");
        assertTrue(ConfigurationReader.unknownMessage("jpegquality", List.of(), "<defaults>")
                .endsWith("did you mean jpegQuality?"));
        String unlike = ConfigurationReader.unknownMessage("brushSize", List.of(), "<defaults>");
        assertTrue(unlike.startsWith("is not a setting or a parameter of <defaults>; use one of size, iterations,"),
                unlike);
    }

    @Test
    void theParametersOfOneElementAreNoSettingsOfAnother() {
        Overrides own = reader.stylizations(xml("""
                <stylizations><stylization><id>a</id><directory>x</directory></stylization></stylizations>"""))
                .get(0).overrides();
        assertEquals("directory", assertThrows(InvalidSettingException.class, own::toSettings).setting());
        assertNull(reader.stylizations(xml("<s><stylization/></s>")).get(0).id());
    }

    @Test
    void stylesAreReadWithTheirWeightsAndPlannedIntoTheCacheKeyOfABlend(@TempDir Path project) throws Exception {
        Path content = TestImages.png(project.resolve("content/harbor.png"), 12, 8, 10);
        Path waves = TestImages.png(project.resolve("styles/waves.png"), 8, 8, 170);
        Path mosaic = TestImages.png(project.resolve("styles/mosaic.png"), 8, 8, 90);
        ConfigurationReader projectReader = new ConfigurationReader(project, text -> text);
        List<StylizationDeclaration> stylizations = projectReader.stylizations(xml("""
                <stylizations>
                  <stylization>
                    <id>harbor-blend</id>
                    <content>content/harbor.png</content>
                    <styles>
                      <style><image>styles/waves.png</image><weight>0.7</weight></style>
                      <style><image>styles/mosaic.png</image><weight>0.3</weight></style>
                    </styles>
                  </stylization>
                </stylizations>"""));
        List<BatchDeclaration> batches = projectReader.batches(xml("""
                <batches>
                  <batch>
                    <id>sprites</id>
                    <directory>content</directory>
                    <styles><style><image>styles/mosaic.png</image><weight>2</weight></style></styles>
                  </batch>
                </batches>"""));
        assertNull(stylizations.get(0).style());
        assertEquals(List.of(new StyleDeclaration(waves, "0.7"), new StyleDeclaration(mosaic, "0.3")),
                stylizations.get(0).styles());

        Plan plan = Planner.plan(PlanRequest.builder().stylizations(stylizations).batches(batches)
                .weightsIdentity(() -> "w").build());
        PlannedAsset blend = plan.selected().get(0);
        assertEquals(List.of(new WeightedStyle(waves, 0.7), new WeightedStyle(mosaic, 0.3)), blend.styles());
        assertTrue(blend.cacheKeyInput().contains("\nstyle.1.sha256=" + Digests.sha256Hex(waves)
                + "\nstyle.1.weight=0.7\nstyle.2.sha256=" + Digests.sha256Hex(mosaic) + "\nstyle.2.weight=0.3\n"),
                blend.cacheKeyInput());
        PlannedAsset batchItem = plan.selected().get(1);
        assertEquals("sprites/harbor", batchItem.id());
        assertEquals(List.of(new WeightedStyle(mosaic, 2)), batchItem.styles());
        assertTrue(batchItem.cacheKeyInput().contains("\nstyle.sha256=" + Digests.sha256Hex(mosaic) + "\nweights="),
                "a lone style keeps the single-style key: " + batchItem.cacheKeyInput());
        assertTrue(content.toFile().isFile());
    }

    static PlexusConfiguration xml(String text) {
        try {
            return new XmlPlexusConfiguration(Xpp3DomBuilder.build(new StringReader(text)));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
