package io.github.stylize.engine.weights;

import io.github.stylize.engine.files.AtomicFiles;
import io.github.stylize.engine.network.Vgg19Layers;
import io.github.stylize.engine.weights.Hdf5.Handle;
import io.github.stylize.engine.weights.Hdf5.Hdf5Failure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@link VggWeights} as a Keras weights file that {@link Hdf5WeightsReader} (and Keras) can read: root attribute
 * {@code layer_names} ({@code input_1}, the convolutions, and a {@code blockB_pool} after each complete block), one group
 * per layer with attribute {@code weight_names} (empty for the input and pooling layers), float32 datasets. Tests,
 * integration-test setup and benchmarks use it to make small VGG-shaped files.
 *
 * <p>The file is written next to its destination under a temporary name and moved into place atomically, so readers
 * never see a half-written file.
 */
public final class Hdf5WeightsWriter {
    static final String INPUT_LAYER = "input_1";

    /** Storage choices beyond the name style, for tests of the reader's tolerance. */
    record Encoding(boolean variableLengthStrings, boolean float64) {
        static final Encoding AS_KERAS = new Encoding(false, false);
    }

    private Hdf5WeightsWriter() {
    }

    /**
     * Writes {@code weights} to {@code file}, replacing it.
     *
     * @throws WeightsException naming the file if it cannot be written
     */
    public static void write(VggWeights weights, Path file, NameStyle style) {
        write(weights, file, style, Encoding.AS_KERAS);
    }

    static void write(VggWeights weights, Path file, NameStyle style, Encoding encoding) {
        Path absolute = file.toAbsolutePath();
        Path temporary = null;
        try {
            Files.createDirectories(absolute.getParent());
            temporary = AtomicFiles.createTemporary(absolute.getParent(), "." + absolute.getFileName() + ".", ".tmp");
            synchronized (Hdf5.LOCK) {
                Hdf5.initialize();
                try (Handle handle = Hdf5.createTruncating(temporary)) {
                    writeLayers(weights, handle.id(), style, encoding);
                }
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temporary = null;
        } catch (IOException | Hdf5Failure e) {
            throw new WeightsException("Cannot write VGG weights file " + file + ": " + e.getMessage()
                    + "; check that the directory is writable and the disk has space", e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static void writeLayers(VggWeights weights, long root, NameStyle style, Encoding encoding) {
        List<String> layerNames = new ArrayList<>();
        layerNames.add(INPUT_LAYER);
        try (Handle input = Hdf5.createGroup(root, INPUT_LAYER)) {
            Hdf5.writeEmptyArray(input.id(), "weight_names");
        }
        for (VggWeights.ConvLayer layer : weights.layers()) {
            String group = Vgg19Layers.kerasName(layer.name());
            layerNames.add(group);
            try (Handle layerGroup = Hdf5.createGroup(root, group)) {
                writeConv(layerGroup.id(), group, layer, style, encoding);
            }
            if (Vgg19Layers.endsBlock(layer.name())) {
                String pool = "block" + Vgg19Layers.block(layer.name()) + "_pool";
                layerNames.add(pool);
                try (Handle poolGroup = Hdf5.createGroup(root, pool)) {
                    Hdf5.writeEmptyArray(poolGroup.id(), "weight_names");
                }
            }
        }
        writeStrings(root, "layer_names", layerNames, encoding);
    }

    private static void writeConv(long group, String groupName, VggWeights.ConvLayer layer, NameStyle style,
                                  Encoding encoding) {
        String kernelName = style.kernelName(groupName);
        String biasName = style.biasName(groupName);
        if (style == NameStyle.KERAS_2) {
            try (Handle nested = Hdf5.createGroup(group, groupName)) {
                writeWeights(nested.id(), layer, "kernel:0", "bias:0", encoding);
            }
        } else {
            writeWeights(group, layer, kernelName, biasName, encoding);
        }
        writeStrings(group, "weight_names", List.of(kernelName, biasName), encoding);
    }

    private static void writeWeights(long location, VggWeights.ConvLayer layer, String kernelName, String biasName,
                                     Encoding encoding) {
        Hdf5.writeFloats(location, kernelName, new long[]{3, 3, layer.inChannels(), layer.outChannels()},
                layer.kernel(), encoding.float64());
        Hdf5.writeFloats(location, biasName, new long[]{layer.outChannels()}, layer.bias(), encoding.float64());
    }

    private static void writeStrings(long object, String name, List<String> values, Encoding encoding) {
        if (encoding.variableLengthStrings()) {
            Hdf5.writeVariableLengthStrings(object, name, values);
        } else {
            Hdf5.writeFixedLengthStrings(object, name, values);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // best effort: a leftover temporary file is harmless and carries a .tmp name
            }
        }
    }
}
