package io.github.stylize.maven.publish;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.stylize.engine.files.AtomicFiles;
import io.github.stylize.engine.files.Digests;
import io.github.stylize.maven.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The files one execution wrote into one output directory last time, each with the SHA-256 of the bytes it wrote, so
 * the next build can remove what is no longer declared, and only that. JSON, so no file name can inject an entry
 * (file names may hold newlines); one manifest per execution and output directory (see {@link #fileFor}), so a build
 * into another directory, or another module sharing the metadata directory, never removes this one's files.
 *
 * @param outputDirectory the absolute output directory the outputs are relative to
 * @param outputs         image paths relative to it, with the SHA-256 of what was written
 * @param metadata        metadata file paths relative to the metadata directory, with their SHA-256
 */
public record OutputManifest(Path outputDirectory, Map<String, String> outputs, Map<String, String> metadata) {
    static final String FORMAT = "stylize-output-manifest/2";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /**
     * Largest manifest read: 64 MiB, over 200,000 outputs; a larger one is damaged and is not read into the heap.
     */
    private static final long MAX_BYTES = 64 << 20;

    public OutputManifest {
        outputDirectory = outputDirectory.toAbsolutePath().normalize();
        outputs = Map.copyOf(outputs);
        metadata = Map.copyOf(metadata);
    }

    /**
     * Where the manifest of execution {@code executionId} writing into {@code outputDirectory} lives: in the metadata
     * directory, named by both, e.g. {@code outputs-default-3f2a9c81d0e4.json}.
     */
    public static Path fileFor(Path metadataDirectory, String executionId, Path outputDirectory) {
        String directory = Digests.sha256Hex(outputDirectory.toAbsolutePath().normalize().toString()).substring(0, 12);
        return metadataDirectory.resolve("outputs-" + executionId.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + directory + ".json");
    }

    /** The file's form: a format tag, a comment for whoever opens it, then the fields, files sorted by path. */
    @JsonPropertyOrder({"format", "comment", "outputDirectory", "outputs", "metadata"})
    private record File(String format, String comment, Path outputDirectory,
                        @JsonFormat(with = JsonFormat.Feature.WRITE_SORTED_MAP_ENTRIES) Map<String, String> outputs,
                        @JsonFormat(with = JsonFormat.Feature.WRITE_SORTED_MAP_ENTRIES) Map<String, String> metadata) {
        static File of(OutputManifest manifest) {
            return new File(FORMAT, "Files written by stylize:generate; undeclared ones are removed by the next build if"
                    + " unchanged. Do not edit.", manifest.outputDirectory, manifest.outputs, manifest.metadata);
        }

        OutputManifest toManifest() {
            if (!FORMAT.equals(format)) {
                throw new IllegalArgumentException("not a " + FORMAT + " file");
            }
            if (outputDirectory == null || outputs == null || metadata == null) {
                throw new IllegalArgumentException("its outputDirectory, outputs or metadata are missing");
            }
            for (String sha256 : outputs.values()) {
                requireSha256(sha256);
            }
            for (String sha256 : metadata.values()) {
                requireSha256(sha256);
            }
            return new OutputManifest(outputDirectory, outputs, metadata);
        }

        private static void requireSha256(String sha256) {
            if (sha256 == null || !SHA256.matcher(sha256).matches()) {
                throw new IllegalArgumentException("'" + sha256 + "' is not a SHA-256");
            }
        }
    }

    /**
     * The manifest in {@code file} if it was written for {@code outputDirectory}; null if there is none (first build,
     * after {@code mvn clean}) or it cannot be trusted, which {@code warn} is told: then nothing is removed.
     */
    public static OutputManifest read(Path file, Path outputDirectory, Consumer<String> warn) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            File json = Json.read(file, MAX_BYTES, File.class);
            OutputManifest manifest = json.toManifest();
            // as recorded: a relative or unnormalized directory is not this one, whatever it resolves to here
            if (!json.outputDirectory().equals(outputDirectory.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("it was written for " + json.outputDirectory());
            }
            return manifest;
        } catch (IOException | RuntimeException e) {
            warn.accept("The output manifest " + file + " cannot be used (" + e.getMessage() + "); outputs that are no"
                    + " longer declared are not removed this time. Delete it or run mvn clean to start afresh");
            return null;
        }
    }

    public void write(Path file) throws IOException {
        AtomicFiles.write(file, Json.write(File.of(this)).getBytes(StandardCharsets.UTF_8));
    }
}
