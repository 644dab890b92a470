package io.github.stylize.maven.it;

import io.github.stylize.engine.image.ImageException;
import io.github.stylize.engine.image.ImageHeaders;
import io.github.stylize.engine.image.ImageReader;
import io.github.stylize.engine.weights.VggWeights;
import io.github.stylize.engine.weights.WeightsOptions;
import io.github.stylize.engine.weights.WeightsSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The integration tests' fixtures do what their scripts rely on. */
class ItFixturesTest {
    @TempDir
    Path dir;

    @Test
    void tinyWeightsFileIsReadBackByTheEngineAsAFullVgg19Layout() {
        Path file = ItFixtures.writeTinyWeights(dir.resolve("tiny-vgg.h5"));
        VggWeights weights = WeightsSource.parse(file.toString())
                .load(WeightsOptions.defaults().withCacheDirectory(dir.resolve("cache")));
        assertEquals(16, weights.layers().size());
        assertEquals(4, weights.layer("conv1_1").outChannels());
        assertEquals(8, weights.layer("conv5_4").outChannels());
    }

    @Test
    void theMetadataBombIsASmallValidPngThatTheReaderRefusesForItsProfile() throws Exception {
        Path file = ItFixtures.writeMetadataBombPng(dir.resolve("bomb.png"));
        assertTrue(Files.size(file) < 100_000, "small: " + Files.size(file));
        assertArrayEquals(new int[]{48, 32}, ImageHeaders.declaredSize(file), "its header passes planning");
        ImageException e = assertThrows(ImageException.class, () -> ImageReader.read(file));
        assertTrue(e.getMessage().contains("has a compressed iCCP metadata chunk that inflates to more than 16 MiB"),
                e.getMessage());
    }

    @Test
    void invocationsSplitAMultiStepBuildLog() throws Exception {
        Path log = Files.writeString(dir.resolve("build.log"), "x\n[INFO] Scanning for projects...\nfirst\n"
                + "[INFO] Scanning for projects...\nsecond\n");
        List<String> parts = ItFixtures.invocations(log);
        assertEquals(2, parts.size());
        assertEquals("Scanning for projects...\nsecond\n", parts.get(1));
    }

    @Test
    void loadedClassesReadsTheJvmClassLoadLog() throws Exception {
        Path log = Files.writeString(dir.resolve("classes.txt"),
                "[0.014s][info][class,load] java.lang.Object source: shared objects file\n"
                        + "[2.100s][info][class,load] org.nd4j.linalg.factory.Nd4j source: file:/x/nd4j-api.jar\n");
        assertEquals(List.of("org.nd4j.linalg.factory.Nd4j"), ItFixtures.loadedClasses(log, "org.nd4j."));
    }
}
