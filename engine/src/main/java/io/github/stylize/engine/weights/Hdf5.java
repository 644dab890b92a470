package io.github.stylize.engine.weights;

import org.bytedeco.hdf5.H5L_info2_t;
import org.bytedeco.hdf5.global.hdf5;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToIntFunction;

import static org.bytedeco.hdf5.global.hdf5.*;

/**
 * The few HDF5 C-API operations the weights reader, writer and tests need, over the bytedeco bindings.
 *
 * <p>Every call must hold {@link #LOCK}: the bundled HDF5 library is not built thread-safe. Identifiers are wrapped in
 * {@link Handle}s so try-with-resources closes them; a leaked identifier would keep the file open inside the library.
 *
 * <p>Type identifiers come from the {@code *_g()} accessors: the bindings' {@code int} constants such as
 * {@code H5T_NATIVE_FLOAT} truncate the 64-bit {@code hid_t} values of HDF5 1.12 and are unusable.
 */
final class Hdf5 {
    /** Serializes all use of the HDF5 library within this JVM. */
    static final Object LOCK = new Object();

    private static boolean initialized;

    private Hdf5() {
    }

    /**
     * Loads the library and stops it printing error stacks to stderr: callers turn failures into messages. Also turns
     * off dynamically loaded filter plugins, so a dataset naming an unknown filter can never make the library load
     * and run a shared library: nothing in a weights file is ever executed.
     */
    static void initialize() {
        synchronized (LOCK) {
            if (!initialized) {
                H5open();
                H5Eset_auto2(H5E_DEFAULT, null, null);
                check(H5PLset_loading_state(0), "disabling HDF5 filter plugins");
                initialized = true;
            }
        }
    }

    /** An HDF5 identifier closed by its matching close function. */
    static final class Handle implements AutoCloseable {
        private final long id;
        private final LongToIntFunction closer;

        private Handle(long id, LongToIntFunction closer) {
            this.id = id;
            this.closer = closer;
        }

        long id() {
            return id;
        }

        @Override
        public void close() {
            // A failed close of a written file means its data may not be complete: that is an error like any other.
            check(closer.applyAsInt(id), "closing HDF5 object " + id);
        }
    }

    /** Wraps {@code id}, or throws {@link Hdf5Failure} describing {@code what} if the call that produced it failed. */
    static Handle check(long id, LongToIntFunction closer, String what) {
        if (id < 0) {
            throw new Hdf5Failure(what);
        }
        return new Handle(id, closer);
    }

    static void check(int status, String what) {
        if (status < 0) {
            throw new Hdf5Failure(what);
        }
    }

    /** An HDF5 call failed; callers add the file name and the fix. */
    static final class Hdf5Failure extends RuntimeException {
        Hdf5Failure(String what) {
            super(what + " failed");
        }
    }

    // ---------------------------------------------------------------- files, groups, links

    static Handle openReadOnly(Path file) {
        return check(H5Fopen(nativePath(file), H5F_ACC_RDONLY, H5P_DEFAULT), hdf5::H5Fclose, "opening " + file);
    }

    static Handle createTruncating(Path file) {
        return check(H5Fcreate(nativePath(file), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), hdf5::H5Fclose,
                "creating " + file);
    }

    static Handle openGroup(long location, String path) {
        requireHardLinks(location, path);
        return check(H5Gopen2(location, path, H5P_DEFAULT), hdf5::H5Gclose, "opening group " + path);
    }

    static Handle createGroup(long location, String name) {
        return check(H5Gcreate2(location, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), hdf5::H5Gclose,
                "creating group " + name);
    }

    /**
     * Opens a dataset whose values are stored in this file.
     *
     * @throws IllegalArgumentException if the path goes through a link to another place, or the dataset keeps its values
     *                                  in other files (external or virtual storage): names of files are never taken from
     *                                  a weights file
     */
    static Handle openDataset(long location, String path) {
        requireHardLinks(location, path);
        Handle dataset = check(H5Dopen2(location, path, H5P_DEFAULT), hdf5::H5Dclose, "opening dataset " + path);
        try (Handle creation = check(H5Dget_create_plist(dataset.id()), hdf5::H5Pclose,
                "reading how dataset " + path + " is stored")) {
            if (H5Pget_external_count(creation.id()) != 0 || H5Pget_layout(creation.id()) == H5D_VIRTUAL) {
                throw new IllegalArgumentException("dataset " + path + " keeps its values in other files (external or"
                        + " virtual storage), which Keras never writes; such a file is not read");
            }
        } catch (RuntimeException e) {
            dataset.close();
            throw e;
        }
        return dataset;
    }

    /**
     * Checks that every component of {@code path} is an ordinary (hard) link, one by one from the top, so that no
     * external link (a file name stored in the file) is ever followed.
     */
    private static void requireHardLinks(long location, String path) {
        for (String prefix : prefixes(path)) {
            requireHardLink(location, prefix);
        }
    }

    /** The paths from the top down to {@code path}: {@code a/b/c} gives {@code a}, {@code a/b}, {@code a/b/c}. */
    private static java.util.List<String> prefixes(String path) {
        java.util.List<String> prefixes = new java.util.ArrayList<>();
        StringBuilder prefix = new StringBuilder();
        for (String component : path.split("/")) {
            if (component.isEmpty()) {
                continue;
            }
            if (prefix.length() > 0) {
                prefix.append('/');
            }
            prefix.append(component);
            prefixes.add(prefix.toString());
        }
        return prefixes;
    }

    private static void requireHardLink(long location, String path) {
        try (H5L_info2_t info = new H5L_info2_t()) {
            check(H5Lget_info2(location, path, info, H5P_DEFAULT), "reading link " + path);
            if (info.type() != H5L_TYPE_HARD) {
                throw new IllegalArgumentException(path + " is " + (info.type() == H5L_TYPE_EXTERNAL
                        ? "an external link to another file" : "a soft or user-defined link")
                        + ", which Keras never writes; it is not followed");
            }
        }
    }

    /**
     * Whether every component of a relative {@code path} such as {@code block1_conv1/kernel:0} exists below
     * {@code location}; checked link by link because {@code H5Lexists} fails on a missing intermediate group.
     *
     * @throws IllegalArgumentException if a component is not an ordinary (hard) link, e.g. an external link
     */
    static boolean exists(long location, String path) {
        java.util.List<String> prefixes = prefixes(path);
        for (String prefix : prefixes) {
            if (H5Lexists(location, prefix, H5P_DEFAULT) <= 0) {
                return false;
            }
            requireHardLink(location, prefix); // before the next component traverses it
        }
        return !prefixes.isEmpty();
    }

    // ---------------------------------------------------------------- attributes

    static boolean hasAttribute(long object, String name) {
        return H5Aexists(object, name) > 0;
    }

    /**
     * Reads a one-dimensional (or scalar) string attribute, fixed-length as h5py writes numpy bytes arrays or
     * variable-length as h5py writes Python strings. An attribute with no elements reads as an empty list whatever its
     * type: Keras stores an empty {@code weight_names} as an empty float64 array.
     *
     * @throws IllegalArgumentException if the attribute holds something other than strings
     */
    static List<String> readStrings(long object, String name) {
        try (Handle attribute = check(H5Aopen(object, name, H5P_DEFAULT), hdf5::H5Aclose, "opening attribute " + name);
             Handle space = check(H5Aget_space(attribute.id()), hdf5::H5Sclose, "reading the shape of attribute " + name);
             Handle type = check(H5Aget_type(attribute.id()), hdf5::H5Tclose, "reading the type of attribute " + name)) {
            long count = H5Sget_simple_extent_npoints(space.id());
            if (count <= 0) {
                return List.of();
            }
            if (H5Tget_class(type.id()) != H5T_STRING) {
                throw new IllegalArgumentException("attribute " + name + " holds " + typeClassName(H5Tget_class(type.id()))
                        + " values, not strings");
            }
            return H5Tis_variable_str(type.id()) > 0
                    ? readVariableLengthStrings(attribute, type, space, name, (int) count)
                    : readFixedLengthStrings(attribute, type, name, (int) count);
        }
    }

    private static List<String> readFixedLengthStrings(Handle attribute, Handle fileType, String name, int count) {
        long width = H5Tget_size(fileType.id());
        try (Handle memoryType = check(H5Tcopy(H5T_C_S1_g()), hdf5::H5Tclose, "copying the string type");
             BytePointer buffer = new BytePointer(width * count)) {
            check(H5Tset_size(memoryType.id(), width), "sizing the string type");
            check(H5Tset_strpad(memoryType.id(), H5T_STR_NULLPAD), "setting string padding");
            check(H5Tset_cset(memoryType.id(), H5Tget_cset(fileType.id())), "setting the string character set");
            check(H5Aread(attribute.id(), memoryType.id(), buffer), "reading attribute " + name);
            byte[] bytes = new byte[(int) (width * count)];
            buffer.get(bytes);
            List<String> strings = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int start = (int) (i * width);
                int end = start;
                while (end < start + width && bytes[end] != 0) { // NUL-padded, or NUL-terminated when shorter
                    end++;
                }
                strings.add(new String(bytes, start, end - start, StandardCharsets.UTF_8));
            }
            return strings;
        }
    }

    private static List<String> readVariableLengthStrings(Handle attribute, Handle fileType, Handle space, String name,
                                                          int count) {
        try (Handle memoryType = check(H5Tcopy(H5T_C_S1_g()), hdf5::H5Tclose, "copying the string type");
             PointerPointer<BytePointer> pointers = new PointerPointer<>(count)) {
            check(H5Tset_size(memoryType.id(), H5T_VARIABLE), "sizing the string type");
            // HDF5 converts no strings between ASCII and UTF-8: read in the file's character set
            check(H5Tset_cset(memoryType.id(), H5Tget_cset(fileType.id())), "setting the string character set");
            check(H5Aread(attribute.id(), memoryType.id(), pointers), "reading attribute " + name);
            try {
                List<String> strings = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    BytePointer string = pointers.get(BytePointer.class, i);
                    strings.add(string == null || string.isNull() ? "" : string.getString(StandardCharsets.UTF_8));
                }
                return strings;
            } finally {
                H5Treclaim(memoryType.id(), space.id(), H5P_DEFAULT, pointers); // frees the library's strings
            }
        }
    }

    /** Writes a one-dimensional fixed-length string attribute, NUL-padded, as h5py writes a numpy bytes array. */
    static void writeFixedLengthStrings(long object, String name, List<String> strings) {
        if (strings.isEmpty()) {
            writeEmptyArray(object, name);
            return;
        }
        List<byte[]> encoded = strings.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        int width = Math.max(1, encoded.stream().mapToInt(b -> b.length).max().orElse(1));
        byte[] bytes = new byte[width * encoded.size()];
        for (int i = 0; i < encoded.size(); i++) {
            System.arraycopy(encoded.get(i), 0, bytes, i * width, encoded.get(i).length);
        }
        try (Handle type = check(H5Tcopy(H5T_C_S1_g()), hdf5::H5Tclose, "copying the string type");
             Handle space = check(H5Screate_simple(1, new long[]{encoded.size()}, null), hdf5::H5Sclose, "creating a dataspace");
             BytePointer buffer = new BytePointer(bytes)) {
            check(H5Tset_size(type.id(), width), "sizing the string type");
            check(H5Tset_strpad(type.id(), H5T_STR_NULLPAD), "setting string padding");
            try (Handle attribute = check(H5Acreate2(object, name, type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT),
                    hdf5::H5Aclose, "creating attribute " + name)) {
                check(H5Awrite(attribute.id(), type.id(), buffer), "writing attribute " + name);
            }
        }
    }

    /** Writes a one-dimensional variable-length UTF-8 string attribute, as h5py writes a list of Python strings. */
    static void writeVariableLengthStrings(long object, String name, List<String> strings) {
        List<BytePointer> cStrings = new ArrayList<>();
        try (Handle type = check(H5Tcopy(H5T_C_S1_g()), hdf5::H5Tclose, "copying the string type");
             Handle space = check(H5Screate_simple(1, new long[]{strings.size()}, null), hdf5::H5Sclose, "creating a dataspace");
             PointerPointer<BytePointer> pointers = new PointerPointer<>(Math.max(1, strings.size()))) {
            check(H5Tset_size(type.id(), H5T_VARIABLE), "sizing the string type");
            check(H5Tset_cset(type.id(), H5T_CSET_UTF8), "setting the string character set");
            for (int i = 0; i < strings.size(); i++) {
                BytePointer cString = new BytePointer(strings.get(i), StandardCharsets.UTF_8);
                cStrings.add(cString);
                pointers.put(i, cString);
            }
            try (Handle attribute = check(H5Acreate2(object, name, type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT),
                    hdf5::H5Aclose, "creating attribute " + name)) {
                check(H5Awrite(attribute.id(), type.id(), pointers), "writing attribute " + name);
            }
        } finally {
            cStrings.forEach(BytePointer::close);
        }
    }

    /** Writes an attribute holding an empty float64 array: what h5py makes of Keras' empty {@code weight_names}. */
    static void writeEmptyArray(long object, String name) {
        try (Handle space = check(H5Screate_simple(1, new long[]{0}, null), hdf5::H5Sclose, "creating a dataspace");
             Handle attribute = check(H5Acreate2(object, name, H5T_IEEE_F64LE_g(), space.id(), H5P_DEFAULT,
                     H5P_DEFAULT), hdf5::H5Aclose, "creating attribute " + name)) {
            // nothing to write: zero elements
        }
    }

    // ---------------------------------------------------------------- datasets

    /**
     * Shape, element class and stored size of a dataset.
     *
     * @param elementBytes the size of one element as stored in the file
     * @param filtered     whether the values pass through filters (compression), so may take fewer bytes than declared
     */
    record DatasetInfo(long[] shape, int typeClass, long elementBytes, boolean filtered) {
        /** The product of the dimensions; call only after checking them, the product of arbitrary ones can overflow. */
        long elementCount() {
            long count = 1;
            for (long dimension : shape) {
                count *= dimension;
            }
            return count;
        }
    }

    static DatasetInfo describe(Handle dataset, String name) {
        try (Handle space = check(H5Dget_space(dataset.id()), hdf5::H5Sclose, "reading the shape of " + name);
             Handle type = check(H5Dget_type(dataset.id()), hdf5::H5Tclose, "reading the type of " + name);
             Handle creation = check(H5Dget_create_plist(dataset.id()), hdf5::H5Pclose,
                     "reading how dataset " + name + " is stored")) {
            int rank = H5Sget_simple_extent_ndims(space.id());
            check(rank, "reading the rank of " + name);
            long[] shape = new long[rank];
            if (rank > 0) {
                check(H5Sget_simple_extent_dims(space.id(), shape, null), "reading the shape of " + name);
            }
            int filters = H5Pget_nfilters(creation.id());
            check(filters, "reading the filters of " + name);
            return new DatasetInfo(shape, H5Tget_class(type.id()), H5Tget_size(type.id()), filters > 0);
        }
    }

    /** Reads all elements as float32; HDF5 converts other floating-point types (float64, float16) on the way. */
    static float[] readFloats(Handle dataset, long count, String name) {
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("dataset " + name + " has " + count + " elements, too many for one array");
        }
        try (FloatPointer buffer = new FloatPointer(count)) {
            check(H5Dread(dataset.id(), H5T_NATIVE_FLOAT_g(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer), "reading " + name);
            float[] values = new float[(int) count];
            buffer.get(values);
            return values;
        }
    }

    /** Writes a dataset stored as little-endian float32, or float64 when {@code asFloat64}. */
    static void writeFloats(long location, String name, long[] shape, float[] values, boolean asFloat64) {
        try (Handle space = check(H5Screate_simple(shape.length, shape, null), hdf5::H5Sclose, "creating a dataspace");
             Handle dataset = check(H5Dcreate2(location, name, asFloat64 ? H5T_IEEE_F64LE_g() : H5T_IEEE_F32LE_g(),
                     space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), hdf5::H5Dclose, "creating dataset " + name)) {
            if (asFloat64) {
                double[] doubles = new double[values.length];
                for (int i = 0; i < values.length; i++) {
                    doubles[i] = values[i];
                }
                try (DoublePointer buffer = new DoublePointer(doubles)) {
                    check(H5Dwrite(dataset.id(), H5T_NATIVE_DOUBLE_g(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer),
                            "writing dataset " + name);
                }
            } else {
                try (FloatPointer buffer = new FloatPointer(values)) {
                    check(H5Dwrite(dataset.id(), H5T_NATIVE_FLOAT_g(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer),
                            "writing dataset " + name);
                }
            }
        }
    }

    /** Number of HDF5 files this JVM holds open; tests use it to prove nothing leaks. */
    static long openFileCount() {
        synchronized (LOCK) {
            initialize();
            return H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_FILE);
        }
    }

    // ---------------------------------------------------------------- small helpers

    private static String typeClassName(int typeClass) {
        if (typeClass == H5T_INTEGER) {
            return "integer";
        } else if (typeClass == H5T_FLOAT) {
            return "floating-point";
        } else if (typeClass == H5T_STRING) {
            return "string";
        }
        return "type-class-" + typeClass;
    }

    private static String nativePath(Path file) {
        return file.toAbsolutePath().toString();
    }
}
