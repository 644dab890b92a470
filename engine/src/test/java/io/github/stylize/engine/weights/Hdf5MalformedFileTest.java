package io.github.stylize.engine.weights;

import io.github.stylize.engine.weights.Hdf5.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.LongConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way a weights file can be wrong gets a message naming the file, the fault and the fix. */
class Hdf5MalformedFileTest {
    @TempDir
    Path directory;

    @AfterEach
    void nothingLeftOpen() {
        assertEquals(0, Hdf5.openFileCount(), "an HDF5 file was left open");
    }

    @Test
    void randomBytesAreNotHdf5() throws Exception {
        Path file = directory.resolve("noise.h5");
        byte[] noise = new byte[4096];
        new Random(1).nextBytes(noise);
        Files.write(file, noise);

        assertMessage(file, "is not an HDF5 file", "download it again");
    }

    @Test
    void anHtmlErrorPageIsNotHdf5() throws Exception {
        Path file = directory.resolve("vgg19.h5");
        Files.writeString(file, "<html><body>404 Not Found</body></html>");

        assertMessage(file, "is not an HDF5 file", "check the path");
    }

    @Test
    void aMissingFileSaysSo() {
        assertMessage(directory.resolve("absent.h5"), "does not exist", "stylize.weights");
    }

    @Test
    void aFileCutInHalfIsTruncated() throws Exception {
        Path file = directory.resolve("whole.h5");
        Hdf5WeightsWriter.write(RandomVggWeights.create(3, new int[]{4, 8, 8, 8, 8}), file, NameStyle.KERAS_1);
        byte[] whole = Files.readAllBytes(file);
        Path half = directory.resolve("half.h5");
        Files.write(half, java.util.Arrays.copyOf(whole, whole.length / 2));

        assertMessage(half, "is truncated", "has " + whole.length / 2 + " bytes", "says " + whole.length,
                "download or copy it again");
    }

    @Test
    void aFileCutInsideItsHeaderIsTruncated() throws Exception {
        Path file = directory.resolve("whole.h5");
        Hdf5WeightsWriter.write(RandomVggWeights.create(3, new int[]{4, 8, 8, 8, 8}), file, NameStyle.KERAS_1);
        Path stub = directory.resolve("stub.h5");
        Files.write(stub, java.util.Arrays.copyOf(Files.readAllBytes(file), 20));

        assertMessage(stub, "is truncated");
    }

    @Test
    void missingLayerNamesIsNotAKerasFile() {
        Path file = build("no-layer-names.h5", root -> conv(root, "block1_conv1", 3, 3, 3, 4, 4));

        assertMessage(file, "no 'layer_names' attribute", "Keras");
    }

    @Test
    void aListedLayerWithoutItsGroupIsDamaged() {
        Path file = build("missing-group.h5", root -> {
            conv(root, "block1_conv1", 3, 3, 3, 4, 4);
            Hdf5.writeFixedLengthStrings(root, "layer_names", List.of("input_1", "block1_conv1", "block1_conv2"));
        });

        assertMessage(file, "lists layer 'block1_conv2'", "no group /block1_conv2", "download it again");
    }

    @Test
    void aListedWeightWithoutItsDatasetIsDamaged() {
        Path file = build("missing-dataset.h5", root -> {
            try (Handle group = Hdf5.createGroup(root, "block1_conv1")) {
                Hdf5.writeFloats(group.id(), "block1_conv1_W_1:0", new long[]{3, 3, 3, 4}, new float[108], false);
                Hdf5.writeFixedLengthStrings(group.id(), "weight_names",
                        List.of("block1_conv1_W_1:0", "block1_conv1_b_1:0"));
            }
            Hdf5.writeFixedLengthStrings(root, "layer_names", List.of("block1_conv1"));
        });

        assertMessage(file, "lists weight 'block1_conv1_b_1:0'", "no dataset /block1_conv1/block1_conv1_b_1:0");
    }

    @Test
    void aKernelThatIsNot3x3IsRejected() {
        Path file = build("five-by-five.h5", root -> {
            conv(root, "block1_conv1", 5, 5, 3, 4, 4);
            Hdf5.writeFixedLengthStrings(root, "layer_names", List.of("input_1", "block1_conv1"));
        });

        assertMessage(file, "/block1_conv1/block1_conv1_W_1:0", "[5, 5, 3, 4]", "3x3");
    }

    @Test
    void channelCountsThatDoNotChainAreRejected() {
        Path file = build("inconsistent.h5", root -> {
            conv(root, "block1_conv1", 3, 3, 3, 4, 4);
            conv(root, "block1_conv2", 3, 3, 5, 4, 4);
            Hdf5.writeFixedLengthStrings(root, "layer_names", List.of("input_1", "block1_conv1", "block1_conv2"));
        });

        assertMessage(file, "conv1_2 takes 5 input channels", "gives 4");
    }

    @Test
    void aFirstLayerWithoutThreeInputChannelsIsRejected() {
        Path file = build("grey.h5", root -> {
            conv(root, "block1_conv1", 3, 3, 1, 4, 4);
            Hdf5.writeFixedLengthStrings(root, "layer_names", List.of("block1_conv1"));
        });

        assertMessage(file, "conv1_1 takes 1 input channels", "gives 3");
    }

    @Test
    void aBiasOfTheWrongLengthIsRejected() {
        Path file = build("short-bias.h5", root -> {
            conv(root, "block1_conv1", 3, 3, 3, 4, 3);
            Hdf5.writeFixedLengthStrings(root, "layer_names", List.of("block1_conv1"));
        });

        assertMessage(file, "4 output channels but a bias of 3 values");
    }

    @Test
    void aFileWithoutVggLayersSaysWhatItHas() {
        Path file = build("resnet.h5", root -> {
            try (Handle group = Hdf5.createGroup(root, "conv1")) {
                Hdf5.writeEmptyArray(group.id(), "weight_names");
            }
            Hdf5.writeFixedLengthStrings(root, "layer_names", List.of("input_1", "conv1"));
        });

        assertMessage(file, "no VGG19 convolution layers", "[input_1, conv1]");
    }

    @Test
    void nonStringLayerNamesAreRejected() {
        Path file = build("numbers.h5", root -> {
            try (Handle ignored = Hdf5.createGroup(root, "block1_conv1")) {
                // empty group
            }
            Hdf5.writeFloats(root, "unused", new long[]{1}, new float[1], false);
            writeFloatAttribute(root, "layer_names");
        });

        assertMessage(file, "layer_names holds floating-point values, not strings");
    }

    @Test
    void filterPluginsNamedByAFileAreNeverLoaded() {
        int[] state = {-1};
        synchronized (Hdf5.LOCK) {
            Hdf5.initialize();
            Hdf5.check(org.bytedeco.hdf5.global.hdf5.H5PLget_loading_state(state), "reading the plugin state");
        }
        assertEquals(0, state[0], "no kind of HDF5 plugin (shared library) may be loaded");
    }

    @Test
    void anExternalLinkToAnotherFileIsNotFollowed() {
        Path elsewhere = directory.resolve("elsewhere.h5");
        Hdf5WeightsWriter.write(RandomVggWeights.create(3, new int[]{4, 8, 8, 8, 8}), elsewhere, NameStyle.KERAS_1);
        Path file = build("external-link.h5", root -> {
            Hdf5.check(org.bytedeco.hdf5.global.hdf5.H5Lcreate_external(elsewhere.toString(), "/block1_conv1", root,
                    "block1_conv1", org.bytedeco.hdf5.global.hdf5.H5P_DEFAULT,
                    org.bytedeco.hdf5.global.hdf5.H5P_DEFAULT), "creating an external link");
            Hdf5.writeFixedLengthStrings(root, "layer_names", List.of("block1_conv1"));
        });

        assertMessage(file, "block1_conv1 is an external link to another file", "not followed");
    }

    @Test
    void aDatasetStoredInAnotherFileIsNotRead() throws Exception {
        Path secret = directory.resolve("secret.bin");
        Files.write(secret, new byte[3 * 3 * 3 * 4 * 4]); // as many bytes as the kernel's float32 values
        Path file = build("external-storage.h5", root -> {
            try (Handle layer = Hdf5.createGroup(root, "block1_conv1")) {
                long[] shape = {3, 3, 3, 4};
                try (Handle creation = Hdf5.check(org.bytedeco.hdf5.global.hdf5.H5Pcreate(
                        org.bytedeco.hdf5.global.hdf5.H5P_CLS_DATASET_CREATE_ID_g()),
                        org.bytedeco.hdf5.global.hdf5::H5Pclose, "dataset creation properties");
                     Handle space = Hdf5.check(org.bytedeco.hdf5.global.hdf5.H5Screate_simple(4, shape, null),
                             org.bytedeco.hdf5.global.hdf5::H5Sclose, "space")) {
                    Hdf5.check(org.bytedeco.hdf5.global.hdf5.H5Pset_external(creation.id(), secret.toString(), 0,
                            3 * 3 * 3 * 4 * 4), "external storage");
                    Hdf5.check(org.bytedeco.hdf5.global.hdf5.H5Dcreate2(layer.id(), "block1_conv1_W_1:0",
                            org.bytedeco.hdf5.global.hdf5.H5T_IEEE_F32LE_g(), space.id(),
                            org.bytedeco.hdf5.global.hdf5.H5P_DEFAULT, creation.id(),
                            org.bytedeco.hdf5.global.hdf5.H5P_DEFAULT), org.bytedeco.hdf5.global.hdf5::H5Dclose,
                            "dataset").close();
                }
                Hdf5.writeFloats(layer.id(), "block1_conv1_b_1:0", new long[]{4}, new float[4], false);
                Hdf5.writeFixedLengthStrings(layer.id(), "weight_names", List.of("block1_conv1_W_1:0", "block1_conv1_b_1:0"));
            }
            Hdf5.writeFixedLengthStrings(root, "layer_names", List.of("block1_conv1"));
        });

        assertMessage(file, "dataset block1_conv1_W_1:0 keeps its values in other files", "not read");
    }

    @Test
    void aKernelDeclaringMoreChannelsThanVgg19IsRefusedBeforeAnythingIsAllocated() throws Exception {
        Path file = hollowFirstLayer("huge-kernel.h5", 79_536_431);
        assertTrue(Files.size(file) < 100_000, "a small file declaring 2^31 floats: " + Files.size(file));

        assertMessage(file, "kernel /block1_conv1/block1_conv1_W_1:0 declares shape [3, 3, 3, 79536431]",
                "conv1_1 of VGG19 has [3, 3, 3, 64]", "Nothing was allocated");
    }

    @Test
    void aBiasDeclaringMoreValuesThanVgg19IsRefusedBeforeItIsRead() {
        Path file = build("huge-bias.h5", root -> {
            try (Handle layer = Hdf5.createGroup(root, "block1_conv1")) {
                declareOnly(layer.id(), "block1_conv1_b_1:0", new long[]{1L << 28});
                Hdf5.writeFloats(layer.id(), "block1_conv1_W_1:0", new long[]{3, 3, 3, 4}, new float[108], false);
                Hdf5.writeFixedLengthStrings(layer.id(), "weight_names", List.of("block1_conv1_b_1:0", "block1_conv1_W_1:0"));
            }
            Hdf5.writeFixedLengthStrings(root, "layer_names", List.of("block1_conv1"));
        });

        assertMessage(file, "bias /block1_conv1/block1_conv1_b_1:0 declares 268435456 values",
                "conv1_1 of VGG19 has 64 output channels", "Nothing was allocated");
    }

    @Test
    void aDatasetDeclaringMoreBytesThanTheFileHoldsIsRefused() throws Exception {
        Path file = hollowFirstLayer("hollow.h5", 64);
        long size = Files.size(file);
        assertTrue(size < 3 * 3 * 3 * 64 * 4, "the file is smaller than the kernel it declares: " + size);

        assertMessage(file, "dataset /block1_conv1/block1_conv1_W_1:0 declares [3, 3, 3, 64] values of 4 bytes (6912 "
                + "bytes, uncompressed) but the whole file has " + size + " bytes", "download it again");
    }

    @Test
    void nanOrInfiniteWeightsAreNamedAsSuchNotBlamedOnTheLearningRate() {
        VggWeights weights = RandomVggWeights.create(3, new int[]{4, 8, 8, 8, 8});
        VggWeights.ConvLayer first = weights.layers().get(0);
        float[] bias = first.bias().clone();
        bias[2] = Float.NaN;
        bias[3] = Float.POSITIVE_INFINITY;
        java.util.List<VggWeights.ConvLayer> layers = new java.util.ArrayList<>(weights.layers());
        layers.set(0, new VggWeights.ConvLayer(first.name(), first.inChannels(), first.outChannels(), first.kernel(),
                bias));
        Path file = directory.resolve("nan.h5");
        Hdf5WeightsWriter.write(new VggWeights("test", layers), file, NameStyle.KERAS_1);

        assertMessage(file, "dataset /block1_conv1/block1_conv1_b_1:0 holds 2 NaN or infinite values (the first, at "
                + "index 2, is NaN); weights must be finite numbers", "download it again");
    }

    /** A file whose conv1_1 declares a kernel [3,3,3,out] and a bias [out] but holds no values for them. */
    private Path hollowFirstLayer(String name, long out) {
        return build(name, root -> {
            try (Handle layer = Hdf5.createGroup(root, "block1_conv1")) {
                declareOnly(layer.id(), "block1_conv1_W_1:0", new long[]{3, 3, 3, out});
                declareOnly(layer.id(), "block1_conv1_b_1:0", new long[]{out});
                Hdf5.writeFixedLengthStrings(layer.id(), "weight_names", List.of("block1_conv1_W_1:0", "block1_conv1_b_1:0"));
            }
            Hdf5.writeFixedLengthStrings(root, "layer_names", List.of("block1_conv1"));
        });
    }

    /** A float32 dataset with its shape declared and no values written: HDF5 allocates nothing in the file. */
    private static void declareOnly(long location, String name, long[] shape) {
        try (Handle space = Hdf5.check(org.bytedeco.hdf5.global.hdf5.H5Screate_simple(shape.length, shape, null),
                org.bytedeco.hdf5.global.hdf5::H5Sclose, "space")) {
            Hdf5.check(org.bytedeco.hdf5.global.hdf5.H5Dcreate2(location, name,
                    org.bytedeco.hdf5.global.hdf5.H5T_IEEE_F32LE_g(), space.id(),
                    org.bytedeco.hdf5.global.hdf5.H5P_DEFAULT, org.bytedeco.hdf5.global.hdf5.H5P_DEFAULT,
                    org.bytedeco.hdf5.global.hdf5.H5P_DEFAULT), org.bytedeco.hdf5.global.hdf5::H5Dclose,
                    "dataset " + name).close();
        }
    }

    private static void writeFloatAttribute(long object, String name) {
        // a non-empty numeric attribute: build it through the string writer's sibling would hide the case, so use the C API
        try (var space = Hdf5.check(org.bytedeco.hdf5.global.hdf5.H5Screate_simple(1, new long[]{2}, null),
                org.bytedeco.hdf5.global.hdf5::H5Sclose, "space");
             var attribute = Hdf5.check(org.bytedeco.hdf5.global.hdf5.H5Acreate2(object, name,
                     org.bytedeco.hdf5.global.hdf5.H5T_IEEE_F32LE_g(), space.id(), 0, 0),
                     org.bytedeco.hdf5.global.hdf5::H5Aclose, "attribute");
             var values = new org.bytedeco.javacpp.FloatPointer(1f, 2f)) {
            Hdf5.check(org.bytedeco.hdf5.global.hdf5.H5Awrite(attribute.id(),
                    org.bytedeco.hdf5.global.hdf5.H5T_NATIVE_FLOAT_g(), values), "write");
        }
    }

    /** A conv group in Keras 1 style with a kernel [kh,kw,in,out] and a bias of {@code biasLength}. */
    private static void conv(long root, String group, int kh, int kw, int in, int out, int biasLength) {
        try (Handle layer = Hdf5.createGroup(root, group)) {
            Hdf5.writeFloats(layer.id(), group + "_W_1:0", new long[]{kh, kw, in, out}, new float[kh * kw * in * out],
                    false);
            Hdf5.writeFloats(layer.id(), group + "_b_1:0", new long[]{biasLength}, new float[biasLength], false);
            Hdf5.writeFixedLengthStrings(layer.id(), "weight_names", List.of(group + "_W_1:0", group + "_b_1:0"));
        }
    }

    private Path build(String name, LongConsumer body) {
        Path file = directory.resolve(name);
        synchronized (Hdf5.LOCK) {
            Hdf5.initialize();
            try (Handle handle = Hdf5.createTruncating(file)) {
                body.accept(handle.id());
            }
        }
        return file;
    }

    private static void assertMessage(Path file, String... parts) {
        WeightsException error = assertThrows(WeightsException.class, () -> Hdf5WeightsReader.read(file));
        String message = error.getMessage();
        assertTrue(message.contains(file.toString()), "message does not name the file: " + message);
        for (String part : parts) {
            assertTrue(message.contains(part), "message lacks '" + part + "': " + message);
        }
    }
}
