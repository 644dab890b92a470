package io.github.stylize.maven.plan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Output paths are relative to the output directory and written with '/': pure string logic, so the rules are the
 * same on every operating system and a path can never escape the directory.
 */
final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * The normalized form of a relative path ('.' and empty segments dropped, '..' applied, '\' read as '/').
     *
     * @throws IllegalArgumentException with the reason, if the path is absolute or leaves the directory
     */
    static String normalize(String path) {
        String p = path.trim().replace('\\', '/');
        if (p.startsWith("/") || p.matches("^[A-Za-z]:.*")) {
            throw new IllegalArgumentException("'" + path + "' is absolute; give a path relative to the output directory");
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : p.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw new IllegalArgumentException("'" + path
                            + "' escapes the output directory; give a path inside it, without leading '..'");
                }
                segments.removeLast();
            } else {
                segments.addLast(segment);
            }
        }
        return String.join("/", segments);
    }

    /**
     * Longest name (one path segment) of an output or id, in UTF-8 bytes: 200. File systems allow 255, and beside
     * each file the plugin writes a temporary sibling {@code .<name>.<uuid>.tmp} (42 more), and beside the metadata
     * {@code <id>.json} one of 47 more.
     */
    static final int MAX_NAME_BYTES = 200;

    /**
     * Longest output path or id, in UTF-8 bytes: 1024, leaving the directories above it 3,000 bytes before the
     * 4,096-byte path limit of Linux and macOS.
     */
    static final int MAX_PATH_BYTES = 1024;

    /**
     * Null if the normalized {@code path} (an output path or an id, '/'-separated) can be written as it is named on
     * every platform; else what is wrong with it.
     */
    static String nameProblem(String path) {
        int pathBytes = path.getBytes(StandardCharsets.UTF_8).length;
        if (pathBytes > MAX_PATH_BYTES) {
            return "'" + printable(path.substring(0, 40)) + "...' is " + pathBytes + " bytes long, more than the "
                    + MAX_PATH_BYTES + " an output path or id may have (with the directories above it, it would pass "
                    + "the operating system's path limit); shorten it";
        }
        for (String name : path.split("/", -1)) {
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c < 0x20 || c == 0x7F) {
                    return "'" + printable(path) + "' holds a control character (" + printable(String.valueOf(c))
                            + "), which a file name must not; remove it";
                }
            }
            if (name.isEmpty() || name.equals(".") || name.equals("..")) {
                return "'" + path + "' has " + (name.isEmpty() ? "an empty name" : "the name '" + name + "'")
                        + ", which is no file of its own (an image file named '.png' or '..png'?); rename it";
            }
            if (name.endsWith(".") || name.endsWith(" ")) {
                return "'" + path + "' has a name ending in " + (name.endsWith(".") ? "'.'" : "a space")
                        + ", which Windows drops from file names; remove it";
            }
            int nameBytes = name.getBytes(StandardCharsets.UTF_8).length;
            if (nameBytes > MAX_NAME_BYTES) {
                return "'" + path + "' has a name of " + nameBytes + " bytes, more than the " + MAX_NAME_BYTES
                        + " a name may have (file systems allow 255, and the temporary file written beside it adds up "
                        + "to 47); shorten it";
            }
        }
        return null;
    }

    /** {@code s} with control characters written as escapes, so a message shows them instead of breaking a line. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c < 0x20 || c == 0x7F ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }

    static String join(String directory, String file) {
        return directory.isEmpty() ? file : directory + "/" + file;
    }

    /** The extension of the last segment, lower case, or "" if none. */
    static String extension(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static String withoutExtension(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash + 1 ? path.substring(0, dot) : path;
    }
}
