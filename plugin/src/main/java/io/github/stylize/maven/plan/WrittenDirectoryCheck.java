package io.github.stylize.maven.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Keeps what a build writes apart from what it reads. An output directory that holds an input, or lies inside a batch
 * directory, would overwrite source art with its stylized version and stylize the result again on every later build,
 * so the overlap is a plan problem, found before any work. Paths are compared after resolving symbolic links, so a
 * link cannot hide an overlap.
 */
final class WrittenDirectoryCheck {
    private record Written(String parameter, Path directory) {
    }

    private final List<Written> written = new ArrayList<>();

    WrittenDirectoryCheck(PlanRequest.WrittenDirectories directories) {
        if (directories.outputDirectory() != null) {
            written.add(new Written("outputDirectory", canonical(directories.outputDirectory())));
        }
        if (directories.metadataDirectory() != null) {
            written.add(new Written("metadataDirectory", canonical(directories.metadataDirectory())));
        }
    }

    /** Null, or what is wrong with reading the input file {@code file} while writing the build's directories. */
    String problemWithFile(Path file) {
        Path input = canonical(file);
        for (Written w : written) {
            if (input.startsWith(w.directory())) {
                return file + " is inside the " + w.parameter() + " " + w.directory() + ", which this build writes"
                        + " into, so a build could overwrite it. " + fix(w);
            }
        }
        return null;
    }

    /** Null, or what is wrong with reading the batch directory {@code directory} while writing the build's. */
    String problemWithDirectory(Path directory) {
        Path input = canonical(directory);
        for (Written w : written) {
            if (w.directory().startsWith(input)) {
                return "the " + w.parameter() + " " + w.directory() + (w.directory().equals(input) ? " is "
                        : " is inside ") + directory + ", which the batch reads: every build would add its own images to the batch's inputs and stylize them again. "
                        + fix(w);
            }
            if (input.startsWith(w.directory())) {
                return directory + " is inside the " + w.parameter() + " " + w.directory() + ", which this build"
                        + " writes into, so a build could overwrite its images. " + fix(w);
            }
        }
        return null;
    }

    private static String fix(Written w) {
        return "Give <" + w.parameter() + "> (stylize." + w.parameter() + ") a folder of its own under target/, such"
                + " as the default, or move the inputs out of it";
    }

    /** The absolute path with links resolved as far as it exists (an output directory may not exist yet). */
    static Path canonical(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Deque<Path> missing = new ArrayDeque<>();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            missing.push(existing.getFileName());
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        Path resolved;
        try {
            resolved = existing.toRealPath();
        } catch (IOException e) {
            return absolute;
        }
        while (!missing.isEmpty()) {
            resolved = resolved.resolve(missing.pop());
        }
        return resolved;
    }
}
