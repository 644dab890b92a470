package io.github.stylize.engine.weights;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Hdf5RoundTripTest {
    private static final int[] NARROW = {4, 8, 8, 8, 8};

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(NameStyle.class)
    void bothNameStylesRoundTripExactly(NameStyle style) {
        VggWeights written = RandomVggWeights.create(7, NARROW);
        Path file = directory.resolve("vgg-" + style + ".h5");

        Hdf5WeightsWriter.write(written, file, style);
        VggWeights read = Hdf5WeightsReader.read(file);

        assertSameLayers(written, read);
        assertEquals(file.toString(), read.source());
    }

    @Test
    void variableLengthStringAttributesAndFloat64DatasetsAreAccepted() {
        VggWeights written = RandomVggWeights.create(8, NARROW);
        Path file = directory.resolve("vlen-f64.h5");

        Hdf5WeightsWriter.write(written, file, NameStyle.KERAS_2, new Hdf5WeightsWriter.Encoding(true, true));

        assertSameLayers(written, Hdf5WeightsReader.read(file)); // float32 -> float64 -> float32 is exact
    }

    @Test
    void channelCountsComeFromTheShapesAndAPartialFileLoadsWhatItHas() {
        VggWeights full = RandomVggWeights.create(9, new int[]{2, 3, 5, 6, 7});
        VggWeights upToConv5_1 = new VggWeights("partial", full.layers().subList(0, 13));
        Path file = directory.resolve("narrow.h5");

        Hdf5WeightsWriter.write(upToConv5_1, file, NameStyle.KERAS_1);
        VggWeights read = Hdf5WeightsReader.read(file);

        assertEquals(13, read.layers().size());
        assertEquals("conv5_1", read.layers().get(12).name());
        assertEquals(3, read.layer("conv1_1").inChannels());
        assertEquals(2, read.layer("conv1_2").outChannels());
        assertEquals(6, read.layer("conv4_4").outChannels());
        assertEquals(7, read.layer("conv5_1").outChannels());
        read.requireUpTo("conv5_1");
        WeightsException missing = org.junit.jupiter.api.Assertions.assertThrows(WeightsException.class,
                () -> read.requireUpTo("conv5_2"));
        assertTrue(missing.getMessage().contains(file.toString()), missing.getMessage());
    }

    @Test
    void writerLeavesOnlyTheFinishedFileAndNoOpenHandles() throws Exception {
        Path file = directory.resolve("clean.h5");
        Hdf5WeightsWriter.write(RandomVggWeights.create(1, NARROW), file, NameStyle.KERAS_1);
        Hdf5WeightsWriter.write(RandomVggWeights.create(2, NARROW), file, NameStyle.KERAS_1); // replaces

        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of("clean.h5"), files.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
        }
        assertSameLayers(RandomVggWeights.create(2, NARROW), Hdf5WeightsReader.read(file));
        assertEquals(0, Hdf5.openFileCount());
    }

    static void assertSameLayers(VggWeights expected, VggWeights actual) {
        assertEquals(expected.layers().size(), actual.layers().size());
        for (int i = 0; i < expected.layers().size(); i++) {
            VggWeights.ConvLayer e = expected.layers().get(i);
            VggWeights.ConvLayer a = actual.layers().get(i);
            assertEquals(e.name(), a.name());
            assertEquals(e.inChannels(), a.inChannels(), e.name());
            assertEquals(e.outChannels(), a.outChannels(), e.name());
            assertArrayEquals(e.kernel(), a.kernel(), e.name());
            assertArrayEquals(e.bias(), a.bias(), e.name());
        }
    }
}
