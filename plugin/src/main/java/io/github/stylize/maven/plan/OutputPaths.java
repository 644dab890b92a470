package io.github.stylize.maven.plan;

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
