package io.github.stylize.engine.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads just enough of an HDF5 file's superblock to tell "not HDF5 at all" and "HDF5 but cut short" apart before the
 * library is asked to open it: the library reports both as a bare open failure, and the fixes differ.
 *
 * <p>Layout (HDF5 file format specification, section II.A): an 8-byte signature at offset 0, 512, 1024, 2048, ...;
 * then the superblock version. Versions 0 and 1 store the end-of-file address after 16 (v0) or 20 (v1) bytes of
 * fields plus base and free-space addresses; versions 2 and 3 after 4 bytes plus base and extension addresses. The
 * end-of-file address is relative to the base address.
 */
final class Hdf5Superblock {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    /** What the first bytes say. {@code storedEndOfFile} is -1 when the file is too short to hold it. */
    record Summary(boolean isHdf5, long storedEndOfFile, long actualSize) {
        boolean truncated() {
            return isHdf5 && (storedEndOfFile < 0 || actualSize < storedEndOfFile);
        }
    }

    private Hdf5Superblock() {
    }

    static Summary inspect(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            for (long offset = 0; offset + SIGNATURE.length <= size; offset = offset == 0 ? 512 : offset * 2) {
                ByteBuffer signature = read(channel, offset, SIGNATURE.length);
                if (signature != null && matches(signature)) {
                    return new Summary(true, storedEndOfFile(channel, offset), size);
                }
            }
            return new Summary(false, -1, size);
        }
    }

    private static boolean matches(ByteBuffer bytes) {
        for (byte expected : SIGNATURE) {
            if (bytes.get() != expected) {
                return false;
            }
        }
        return true;
    }

    /** Absolute end-of-file position the superblock records, or -1 if the superblock is cut off or unknown. */
    private static long storedEndOfFile(FileChannel channel, long superblockOffset) throws IOException {
        ByteBuffer header = read(channel, superblockOffset + SIGNATURE.length, 16);
        if (header == null) {
            return -1;
        }
        int version = header.get(0) & 0xff;
        int offsetSize;
        long endOfFileField;
        switch (version) {
            case 0, 1 -> {
                offsetSize = header.get(5) & 0xff;
                int fixedFields = version == 0 ? 16 : 20; // v1 adds the indexed-storage K and two reserved bytes
                endOfFileField = superblockOffset + SIGNATURE.length + fixedFields + 2L * offsetSize;
            }
            case 2, 3 -> {
                offsetSize = header.get(1) & 0xff;
                endOfFileField = superblockOffset + SIGNATURE.length + 4 + 2L * offsetSize;
            }
            default -> {
                return 0; // a newer format: let the library judge it
            }
        }
        if (offsetSize != 2 && offsetSize != 4 && offsetSize != 8) {
            return -1;
        }
        long baseAddressField = superblockOffset + SIGNATURE.length + (version <= 1 ? (version == 0 ? 16 : 20) : 4);
        Long base = readAddress(channel, baseAddressField, offsetSize);
        Long endOfFile = readAddress(channel, endOfFileField, offsetSize);
        if (base == null || endOfFile == null) {
            return -1;
        }
        return base + endOfFile;
    }

    private static Long readAddress(FileChannel channel, long position, int size) throws IOException {
        ByteBuffer bytes = read(channel, position, size);
        if (bytes == null) {
            return null;
        }
        return switch (size) {
            case 2 -> (long) (bytes.getShort() & 0xffff);
            case 4 -> bytes.getInt() & 0xffffffffL;
            default -> bytes.getLong();
        };
    }

    /** {@code length} bytes at {@code position}, little-endian, or null if the file ends first. */
    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) {
                return null;
            }
        }
        return buffer.flip();
    }
}
