package io.github.stylize.engine;

import io.github.stylize.engine.objective.BlendedGrams;
import io.github.stylize.engine.objective.StyleGramCache;
import io.github.stylize.engine.weights.VggWeights;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several weighted style images, on the quickstart's real images with a tiny random VGG written here. */
class StyleBlendTest {
    static final Path HARBOR = PreserveColorsTest.HARBOR;
    static final Path WAVES = PreserveColorsTest.WAVES;
    static final Path MOSAIC = PreserveColorsTest.MOSAIC;

    @TempDir
    static Path dir;
    static VggWeights weights;

    @BeforeAll
    static void writeWeights() throws IOException {
        weights = TinyVgg.writeAndRead(dir);
    }

    private static byte[] run(List<WeightedStyle> styles, StyleGramCache cache) {
        StyleSettings settings = StyleSettings.builder().size(64).iterations(8).seed(3).tolerance(0).build();
        return StyleTransfer.run(StyleTransferRequest.builder().content(HARBOR).styles(styles).settings(settings)
                .weights(weights).styleGrams(cache).build()).encoded();
    }

    @Test
    void theTargetIsTheWeightedMeanOfTheStylesGramMatrices() {
        INDArray a = Nd4j.create(new float[]{1, 2, 3, 4}, new long[]{2, 2}, DataType.FLOAT);
        INDArray b = Nd4j.create(new float[]{5, 6, 7, 8}, new long[]{2, 2}, DataType.FLOAT);
        try (BlendedGrams blended = BlendedGrams.of(List.of(Map.of("conv1_1", a), Map.of("conv1_1", b)),
                List.of(0.7, 0.3))) {
            assertArrayEquals(new float[]{2.2f, 3.2f, 4.2f, 5.2f},
                    blended.grams().get("conv1_1").data().asFloat(), 1e-5f);
        }
        Map<String, INDArray> alone = Map.of("conv1_1", a);
        try (BlendedGrams single = BlendedGrams.of(List.of(alone), List.of(0.3))) {
            assertSame(alone, single.grams(), "a single style's matrices are used as they are");
        }
        assertFalse(a.wasClosed(), "the cache's matrices are not freed with the blend");
    }

    @Test
    void aLoneStylesWeightChangesNothingAndOnlyTheWeightsRatiosMatter() {
        StyleGramCache cache = new StyleGramCache();
        assertArrayEquals(run(List.of(WeightedStyle.of(WAVES)), cache),
                run(List.of(new WeightedStyle(WAVES, 0.25)), cache));
        byte[] blend = run(List.of(new WeightedStyle(WAVES, 0.7), new WeightedStyle(MOSAIC, 0.3)), cache);
        byte[] scaled = run(List.of(new WeightedStyle(WAVES, 7), new WeightedStyle(MOSAIC, 3)), cache);
        assertEquals(new String(blend, java.nio.charset.StandardCharsets.ISO_8859_1),
                new String(scaled, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void aBlendDiffersFromEachOfItsStylesAndFromTheOtherWeighting() throws IOException {
        StyleGramCache cache = new StyleGramCache();
        byte[] waves = run(List.of(WeightedStyle.of(WAVES)), cache);
        byte[] mosaic = run(List.of(WeightedStyle.of(MOSAIC)), cache);
        byte[] mostlyWaves = run(List.of(new WeightedStyle(WAVES, 0.7), new WeightedStyle(MOSAIC, 0.3)), cache);
        byte[] mostlyMosaic = run(List.of(new WeightedStyle(WAVES, 0.3), new WeightedStyle(MOSAIC, 0.7)), cache);
        for (byte[] other : List.of(waves, mosaic, mostlyMosaic)) {
            assertFalse(java.util.Arrays.equals(mostlyWaves, other));
        }
        assertEquals(2, cache.computedCount(), "each style image analysed once, shared by every run and blend");
        Files.write(dir.resolve("blend.png"), mostlyWaves); // decodable: a real PNG
        assertTrue(mostlyWaves.length > 100);
    }

    @Test
    void aWeightThatIsNotAFinitePositiveNumberIsRefusedNamingTheStyle() {
        for (double weight : new double[]{0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new WeightedStyle(WAVES, weight));
            assertTrue(e.getMessage().contains("waves.png") && e.getMessage().contains("finite number > 0"),
                    e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> StyleTransferRequest.builder().content(HARBOR)
                .styles(List.of()).weights(weights).build());
    }
}
