package io.github.stylize.engine;

import io.github.stylize.engine.weights.Hdf5WeightsReader;
import io.github.stylize.engine.weights.Hdf5WeightsWriter;
import io.github.stylize.engine.weights.NameStyle;
import io.github.stylize.engine.weights.RandomVggWeights;
import io.github.stylize.engine.weights.VggWeights;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The engine tests' network: VGG19's layout with 8, 12, 16, 16 and 16 channels per block and random weights (seed 3),
 * small enough to optimize in a test, written to a real Keras HDF5 file and read back as a user's file would be.
 */
final class TinyVgg {
    private TinyVgg() {
    }

    /** The weights, as read back from {@code tiny-vgg.h5} written in {@code dir}. */
    static VggWeights writeAndRead(Path dir) throws IOException {
        Path file = dir.resolve("tiny-vgg.h5");
        Hdf5WeightsWriter.write(RandomVggWeights.create(3, new int[]{8, 12, 16, 16, 16}), file, NameStyle.KERAS_1);
        return Hdf5WeightsReader.read(file);
    }
}
