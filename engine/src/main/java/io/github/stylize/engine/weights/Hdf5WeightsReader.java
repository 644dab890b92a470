package io.github.stylize.engine.weights;

import io.github.stylize.engine.network.Vgg19Layers;
import io.github.stylize.engine.weights.Hdf5.DatasetInfo;
import io.github.stylize.engine.weights.Hdf5.Handle;
import io.github.stylize.engine.weights.Hdf5.Hdf5Failure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.bytedeco.hdf5.global.hdf5.H5T_FLOAT;

/**
 * Reads VGG19 convolution weights from a Keras-layout HDF5 file, such as the Keras VGG19 "notop" file.
 *
 * <p>The root attribute {@code layer_names} lists the layers; each layer group's attribute {@code weight_names} lists
 * its datasets, named {@code blockB_convI_W_1:0}/{@code _b_1:0} (Keras 1) or {@code blockB_convI/kernel:0}/{@code
 * /bias:0} (newer Keras, nested paths). Names are taken from these attributes and kernel and bias are told apart by
 * rank, so both styles and narrow VGG-shaped files load through the same code. Files saved with {@code model.save}
 * keep the same structure under a {@code model_weights} group, which is also accepted.
 *
 * <p>Convolutions are loaded in network order from conv1_1 for as long as the file lists them; whether enough layers are
 * present is checked later by {@link VggWeights#requireUpTo}.
 */
public final class Hdf5WeightsReader {
    private static final String LAYER_NAMES = "layer_names";
    private static final String WEIGHT_NAMES = "weight_names";
    private static final String FULL_MODEL_GROUP = "model_weights";

    private Hdf5WeightsReader() {
    }

    /**
     * Reads the convolution weights in {@code file}.
     *
     * @throws WeightsException naming the file, what is wrong and the fix, if the file is missing, not HDF5, truncated,
     *                          or not a VGG-shaped Keras weights file
     */
    public static VggWeights read(Path file) {
        checkReadableHdf5(file);
        List<VggWeights.ConvLayer> layers;
        synchronized (Hdf5.LOCK) {
            Hdf5.initialize();
            try (Handle handle = Hdf5.openReadOnly(file)) {
                layers = readLayers(file, handle);
            } catch (Hdf5Failure | IllegalArgumentException e) {
                throw new WeightsException("Cannot read VGG weights file " + file + ": " + e.getMessage()
                        + "; the file is damaged or not a Keras weights file. Delete it and download it again, or point"
                        + " stylize.weights at a Keras VGG19 .h5 file", e);
            }
        }
        try {
            return new VggWeights(file.toString(), layers);
        } catch (IllegalArgumentException e) {
            throw new WeightsException("VGG weights file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Existence, readability and the HDF5 signature, checked in Java for messages that say which one failed. */
    private static void checkReadableHdf5(Path file) {
        if (!Files.exists(file)) {
            throw new WeightsException("VGG weights file " + file + " does not exist; check the path in stylize.weights,"
                    + " or leave it unset to download the default Keras VGG19 weights");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new WeightsException("VGG weights file " + file + " is not a readable file; check the path and its"
                    + " permissions");
        }
        Hdf5Superblock.Summary summary;
        try {
            summary = Hdf5Superblock.inspect(file);
        } catch (IOException e) {
            throw new WeightsException("Cannot read VGG weights file " + file + ": " + e.getMessage(), e);
        }
        if (!summary.isHdf5()) {
            throw new WeightsException("VGG weights file " + file + " is not an HDF5 file (" + summary.actualSize()
                    + " bytes, no HDF5 signature); check the path, or delete the file and download it again"
                    + " (an HTML error page saved under the .h5 name looks like this)");
        }
        if (summary.truncated()) {
            throw new WeightsException("VGG weights file " + file + " is truncated: it has " + summary.actualSize()
                    + " bytes but its HDF5 header says "
                    + (summary.storedEndOfFile() < 0 ? "more" : String.valueOf(summary.storedEndOfFile()))
                    + " (an interrupted download or copy?); delete it and download or copy it again");
        }
    }

    private static List<VggWeights.ConvLayer> readLayers(Path file, Handle handle) {
        long root = handle.id();
        if (!Hdf5.hasAttribute(root, LAYER_NAMES) && !hasChunkedAttribute(root, LAYER_NAMES)
                && Hdf5.exists(root, FULL_MODEL_GROUP)) {
            try (Handle modelWeights = Hdf5.openGroup(root, FULL_MODEL_GROUP)) {
                return readLayersUnder(file, modelWeights.id(), "/" + FULL_MODEL_GROUP);
            }
        }
        return readLayersUnder(file, root, "");
    }

    private static List<VggWeights.ConvLayer> readLayersUnder(Path file, long container, String containerPath) {
        List<String> layerNames = readNameList(file, container, containerPath, LAYER_NAMES);
        if (layerNames == null) {
            throw new WeightsException("VGG weights file " + file + " has no '" + LAYER_NAMES + "' attribute at "
                    + (containerPath.isEmpty() ? "its root" : containerPath) + ", so it is not a Keras weights file"
                    + " (saved with save_weights or model.save); use the Keras VGG19 notop weights or a file in the"
                    + " same layout");
        }
        Set<String> listed = new HashSet<>(layerNames);
        List<VggWeights.ConvLayer> layers = new ArrayList<>();
        for (String layer : Vgg19Layers.ALL) {
            String group = Vgg19Layers.kerasName(layer);
            if (!listed.contains(group)) {
                break; // a narrow or partial file stops here; VggWeights.requireUpTo reports what is missing
            }
            if (!Hdf5.exists(container, group)) {
                throw new WeightsException("VGG weights file " + file + " lists layer '" + group + "' in "
                        + LAYER_NAMES + " but has no group " + containerPath + "/" + group
                        + "; the file is damaged or incompletely written: delete it and download it again");
            }
            try (Handle layerGroup = Hdf5.openGroup(container, group)) {
                layers.add(readConv(file, layerGroup.id(), containerPath + "/" + group, layer));
            }
        }
        if (layers.isEmpty()) {
            throw new WeightsException("VGG weights file " + file + " holds no VGG19 convolution layers: its "
                    + LAYER_NAMES + " are " + abbreviate(layerNames) + " but " + Vgg19Layers.kerasName("conv1_1")
                    + " is not among them; use VGG19 weights (Keras names blockB_convI)");
        }
        return layers;
    }

    private static VggWeights.ConvLayer readConv(Path file, long group, String groupPath, String layer) {
        List<String> weightNames = readNameList(file, group, groupPath, WEIGHT_NAMES);
        if (weightNames == null || weightNames.isEmpty()) {
            throw new WeightsException("VGG weights file " + file + ": layer group " + groupPath + " has no "
                    + WEIGHT_NAMES + "; the file is damaged or not a Keras weights file");
        }
        float[] kernel = null;
        float[] bias = null;
        long[] kernelShape = null;
        for (String weightName : weightNames) {
            String datasetPath = groupPath + "/" + weightName;
            if (!Hdf5.exists(group, weightName)) {
                throw new WeightsException("VGG weights file " + file + ": layer group " + groupPath + " lists weight '"
                        + weightName + "' but there is no dataset " + datasetPath
                        + "; the file is damaged: delete it and download it again");
            }
            try (Handle dataset = Hdf5.openDataset(group, weightName)) {
                DatasetInfo info = Hdf5.describe(dataset, datasetPath);
                if (info.typeClass() != H5T_FLOAT) {
                    throw new WeightsException("VGG weights file " + file + ": dataset " + datasetPath
                            + " does not hold floating-point numbers; not a weights file stylize can use");
                }
                if (info.shape().length == 4 && kernel == null) {
                    kernelShape = info.shape();
                    checkKernelShape(file, datasetPath, kernelShape, layer);
                    kernel = readFloats(file, dataset, info, datasetPath);
                } else if (info.shape().length == 1 && bias == null) {
                    checkBiasShape(file, datasetPath, info.shape()[0], layer);
                    bias = readFloats(file, dataset, info, datasetPath);
                } else {
                    throw new WeightsException("VGG weights file " + file + ": dataset " + datasetPath + " has shape "
                            + Arrays.toString(info.shape()) + "; a convolution layer holds one kernel [3,3,in,out]"
                            + " and one bias [out]");
                }
            }
        }
        if (kernel == null || bias == null) {
            throw new WeightsException("VGG weights file " + file + ": layer group " + groupPath + " lacks its "
                    + (kernel == null ? "kernel (a rank-4 dataset)" : "bias (a rank-1 dataset)") + "; its "
                    + WEIGHT_NAMES + " are " + weightNames);
        }
        int in = (int) kernelShape[2];
        int out = (int) kernelShape[3];
        if (bias.length != out) {
            throw new WeightsException("VGG weights file " + file + ": layer " + groupPath + " has a kernel with " + out
                    + " output channels but a bias of " + bias.length + " values; the file is damaged or not VGG-shaped");
        }
        return new VggWeights.ConvLayer(layer, in, out, kernel, bias);
    }

    /** The shape against VGG19's, before anything is allocated: a small file can declare a huge dataset. */
    private static void checkKernelShape(Path file, String datasetPath, long[] shape, String layer) {
        if (shape[0] != 3 || shape[1] != 3) {
            throw new WeightsException("VGG weights file " + file + ": kernel " + datasetPath + " has shape "
                    + Arrays.toString(shape) + " but VGG19 uses 3x3 convolutions stored [3,3,in,out] (TensorFlow"
                    + " ordering); a Theano-ordered or non-VGG file cannot be used: take the *_tf_kernels_* weights");
        }
        if (shape[2] <= 0 || shape[3] <= 0) {
            throw new WeightsException("VGG weights file " + file + ": kernel " + datasetPath + " has shape "
                    + Arrays.toString(shape) + ", which has no usable channel counts");
        }
        if (shape[2] > Vgg19Layers.inputChannels(layer) || shape[3] > Vgg19Layers.channels(layer)) {
            throw new WeightsException("VGG weights file " + file + ": kernel " + datasetPath + " declares shape "
                    + Arrays.toString(shape) + " but " + layer + " of VGG19 has [3, 3, " + Vgg19Layers.inputChannels(layer)
                    + ", " + Vgg19Layers.channels(layer) + "] (a narrower network has fewer channels, never more); the"
                    + " file is damaged or not VGG19 weights: delete it and download it again. Nothing was allocated");
        }
    }

    private static void checkBiasShape(Path file, String datasetPath, long length, String layer) {
        if (length > Vgg19Layers.channels(layer)) {
            throw new WeightsException("VGG weights file " + file + ": bias " + datasetPath + " declares " + length
                    + " values but " + layer + " of VGG19 has " + Vgg19Layers.channels(layer) + " output channels (a"
                    + " narrower network has fewer, never more); the file is damaged or not VGG19 weights: delete it"
                    + " and download it again. Nothing was allocated");
        }
    }

    /**
     * Reads a dataset whose shape has been checked, after checking that the file can hold the values it declares, and
     * that they are finite: a NaN weight would make every loss NaN, which would be blamed on the learning rate.
     */
    private static float[] readFloats(Path file, Handle dataset, DatasetInfo info, String datasetPath) {
        long declaredBytes = info.elementCount() * info.elementBytes();
        long fileBytes = file.toFile().length();
        if (!info.filtered() && declaredBytes > fileBytes) {
            throw new WeightsException("VGG weights file " + file + ": dataset " + datasetPath + " declares "
                    + Arrays.toString(info.shape()) + " values of " + info.elementBytes() + " bytes (" + declaredBytes
                    + " bytes, uncompressed) but the whole file has " + fileBytes + " bytes; the file is damaged or"
                    + " truncated: delete it and download it again");
        }
        float[] values = Hdf5.readFloats(dataset, info.elementCount(), datasetPath);
        int nonFinite = 0;
        int first = -1;
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                nonFinite++;
                first = first < 0 ? i : first;
            }
        }
        if (nonFinite > 0) {
            throw new WeightsException("VGG weights file " + file + ": dataset " + datasetPath + " holds " + nonFinite
                    + " NaN or infinite value" + (nonFinite == 1 ? "" : "s") + " (the first, at index " + first + ", is "
                    + values[first] + "); weights must be finite numbers: the file is damaged, delete it and"
                    + " download it again");
        }
        return values;
    }

    /**
     * A string-list attribute, or null if absent. Keras splits one over 64 KiB into {@code <name>0},
     * {@code <name>1}, ...; those are joined.
     */
    private static List<String> readNameList(Path file, long object, String objectPath, String name) {
        try {
            if (Hdf5.hasAttribute(object, name)) {
                return Hdf5.readStrings(object, name);
            }
            if (!hasChunkedAttribute(object, name)) {
                return null;
            }
            List<String> joined = new ArrayList<>();
            for (int chunk = 0; Hdf5.hasAttribute(object, name + chunk); chunk++) {
                joined.addAll(Hdf5.readStrings(object, name + chunk));
            }
            return joined;
        } catch (IllegalArgumentException e) {
            throw new WeightsException("VGG weights file " + file + ": " + (objectPath.isEmpty() ? "root" : objectPath)
                    + " " + e.getMessage() + "; not a Keras weights file", e);
        }
    }

    private static boolean hasChunkedAttribute(long object, String name) {
        return Hdf5.hasAttribute(object, name + "0");
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 8 ? names.toString() : names.subList(0, 8) + " (and " + (names.size() - 8) + " more)";
    }
}
