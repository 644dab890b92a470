package io.github.stylize.maven.plan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Cheap checks on input images: present, regular, readable, images by their first bytes (nothing is decoded). */
final class ImageFiles {
    static final String KNOWN_FORMATS = "PNG, JPEG, GIF, BMP, TIFF or WebP";

    private ImageFiles() {
    }

    /** Null if {@code file} looks like a readable image; else what is wrong and how to fix it. */
    static String problemWith(Path file) {
        if (!Files.exists(file)) {
            return "file " + file + " does not exist; fix the path (relative paths are resolved against the project directory)";
        }
        if (Files.isDirectory(file)) {
            return file + " is a directory; name an image file";
        }
        if (!Files.isRegularFile(file)) {
            // A FIFO would block the build on opening it, a device could be read without end.
            return file + " is not a regular file (a FIFO, socket or device); name an image file";
        }
        if (!Files.isReadable(file)) {
            return "file " + file + " cannot be read; check its permissions";
        }
        byte[] head = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return "file " + file + " cannot be read (" + e.getMessage() + "); check the file and its permissions";
        }
        if (n == 0) {
            return "file " + file + " is empty; name a " + KNOWN_FORMATS + " image";
        }
        if (!isImage(Arrays.copyOf(head, n))) {
            return "file " + file + " is not a " + KNOWN_FORMATS + " image (judged by its first bytes); convert it or name another file";
        }
        return null;
    }

    static boolean isImage(byte[] h) {
        return starts(h, 0x89, 'P', 'N', 'G')
                || starts(h, 0xFF, 0xD8, 0xFF)
                || starts(h, 'G', 'I', 'F', '8')
                || starts(h, 'B', 'M')
                || starts(h, 'I', 'I', 42, 0) || starts(h, 'M', 'M', 0, 42)
                || (starts(h, 'R', 'I', 'F', 'F') && h.length >= 12
                && new String(h, 8, 4, StandardCharsets.US_ASCII).equals("WEBP"));
    }

    private static boolean starts(byte[] h, int... magic) {
        if (h.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((h[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
