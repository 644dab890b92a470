package io.github.stylize.maven.report;

import io.github.stylize.engine.files.AtomicFiles;
import io.github.stylize.engine.files.Digests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the report page links to an image file: the {@code href}/{@code src} value, relative to the page, or null
 * when the file does not exist (the page then says so instead of showing a broken image).
 */
public interface Links {

    String href(Path file);

    /**
     * Links relative to {@code pageDirectory}, for {@code target/stylize/index.html}: images stay where the build
     * put them. A file that has no relative path from there (another drive on Windows) is copied into
     * {@code pageDirectory/inputs/}.
     */
    static Links relativeTo(Path pageDirectory) {
        Path page = pageDirectory.toAbsolutePath().normalize();
        Copier copier = new Copier(page, "inputs");
        return file -> {
            Path target = file.toAbsolutePath().normalize();
            if (!Files.isRegularFile(target)) {
                return null;
            }
            if (page.getRoot() == null || !page.getRoot().equals(target.getRoot())) {
                return copier.copy(target);
            }
            return url(page.relativize(target));
        };
    }

    /**
     * Copies every linked file into {@code pageDirectory/<folder>/}, for a page published away from the build's
     * files (the site): the page and its folder can be moved together.
     */
    static Links copyingInto(Path pageDirectory, String folder) {
        Copier copier = new Copier(pageDirectory.toAbsolutePath().normalize(), folder);
        return file -> {
            Path source = file.toAbsolutePath().normalize();
            return Files.isRegularFile(source) ? copier.copy(source) : null;
        };
    }

    /** A relative path as a URL: '/' separators, each segment percent-encoded. */
    static String url(Path relative) {
        List<String> segments = new ArrayList<>();
        for (Path segment : relative) {
            segments.add(segment.toString());
        }
        return Html.encodePath(segments);
    }

    /** Copies files into one folder under the page, each under a name derived from its absolute path. */
    final class Copier {
        private final Path pageDirectory;
        private final String folder;
        private final Map<Path, String> copied = new HashMap<>();

        Copier(Path pageDirectory, String folder) {
            this.pageDirectory = pageDirectory;
            this.folder = folder;
        }

        synchronized String copy(Path source) {
            return copied.computeIfAbsent(source, s -> {
                // Same file name in different folders (content/a.png, styles/a.png): a digest of the path tells
                // them apart, and keeps the name stable from build to build.
                String prefix = Digests.sha256Hex(s.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 12);
                String name = prefix + "-" + s.getFileName();
                Path target = pageDirectory.resolve(folder).resolve(name);
                try {
                    if (!AtomicFiles.sameBytes(s, target)) {
                        AtomicFiles.copy(s, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("could not copy " + s + " for the report: " + e.getMessage(), e);
                }
                return url(Path.of(folder, name));
            });
        }
    }
}
