package io.github.stylize.maven.publish;

import io.github.stylize.engine.files.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The files one execution produced last time: its output directory, outputs and metadata files (relative paths).
 * A text file, one entry a line: {@code outputDirectory <absolute path>}, {@code output <relative>},
 * {@code metadata <relative>}.
 *
 * @param outputDirectory the output directory of that execution
 * @param outputs         image paths relative to it
 * @param metadata        metadata file paths relative to the metadata directory
 */
public record OutputManifest(Path outputDirectory, Set<String> outputs, Set<String> metadata) {

    public OutputManifest {
        outputs = Set.copyOf(outputs);
        metadata = Set.copyOf(metadata);
    }

    /** The manifest in {@code file}, or null if there is none (first build, or after {@code mvn clean}). */
    public static OutputManifest read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Path directory = null;
        Set<String> outputs = new TreeSet<>();
        Set<String> metadata = new TreeSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int space = line.indexOf(' ');
            if (space < 0) {
                continue;
            }
            String value = line.substring(space + 1);
            switch (line.substring(0, space)) {
                case "outputDirectory" -> directory = Path.of(value);
                case "output" -> outputs.add(value);
                case "metadata" -> metadata.add(value);
                default -> { /* written by a newer version: ignore */ }
            }
        }
        return directory == null ? null : new OutputManifest(directory, outputs, metadata);
    }

    public void write(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# Files written by stylize:generate; stale ones are deleted on the next build. Do not edit.");
        lines.add("outputDirectory " + outputDirectory.toAbsolutePath().normalize());
        new TreeSet<>(outputs).forEach(o -> lines.add("output " + o));
        new TreeSet<>(metadata).forEach(m -> lines.add("metadata " + m));
        AtomicFiles.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
