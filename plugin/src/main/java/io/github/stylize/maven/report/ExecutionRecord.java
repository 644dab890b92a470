package io.github.stylize.maven.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.stylize.engine.files.AtomicFiles;
import io.github.stylize.maven.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What one execution of {@code stylize:generate} tells the report, kept as {@code report-<execution>.json} in the
 * metadata directory: the page is rendered from these files, so {@code stylize:report} can publish it without the
 * engine, and a project with several executions gets one page for all of them.
 *
 * @param execution the execution id
 * @param title     the project's name
 * @param writtenAt when the execution ended, ISO-8601
 * @param entries   one per declared asset, in declaration order
 */
public record ExecutionRecord(String execution, String title, String writtenAt, List<ReportEntry> entries) {
    static final String LAYOUT = "stylize-report/1";
    private static final String PREFIX = "report-";
    private static final String SUFFIX = ".json";
    /**
     * Largest record read: 1 GiB. A record holds every asset's loss history, about 17 MB per 1,000 assets at the
     * default 100 iterations; a larger file is damaged, and reading it would only exhaust the heap.
     */
    static final long MAX_BYTES = 1L << 30;

    public ExecutionRecord {
        entries = List.copyOf(entries);
    }

    public static Path file(Path metadataDirectory, String execution) {
        return metadataDirectory.resolve(PREFIX + execution + SUFFIX);
    }

    /** The file's form: its layout, then the fields, the entries in their declaration order. */
    @JsonPropertyOrder({"layout", "execution", "title", "writtenAt", "entries"})
    private record File(String layout, String execution, String title, String writtenAt,
                        List<ReportEntry.File> entries) {
        static File of(ExecutionRecord record) {
            return new File(LAYOUT, record.execution, record.title, record.writtenAt,
                    record.entries.stream().map(ReportEntry.File::of).toList());
        }

        ExecutionRecord toRecord() {
            if (!LAYOUT.equals(layout)) {
                throw new IllegalArgumentException("layout " + layout + ", expected " + LAYOUT);
            }
            if (entries == null) {
                throw new IllegalArgumentException("no entries recorded");
            }
            return new ExecutionRecord(execution, title, writtenAt,
                    entries.stream().map(ReportEntry.File::toEntry).toList());
        }
    }

    public void write(Path metadataDirectory) throws IOException {
        AtomicFiles.write(file(metadataDirectory, execution),
                Json.write(File.of(this)).getBytes(StandardCharsets.UTF_8));
    }

    /** The record of {@code execution}, or null if there is none or it cannot be read (then it is rewritten). */
    public static ExecutionRecord read(Path metadataDirectory, String execution) {
        Path file = file(metadataDirectory, execution);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return parse(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Every execution's record in the directory, by execution id. */
    public static List<ExecutionRecord> readAll(Path metadataDirectory) throws IOException {
        if (!Files.isDirectory(metadataDirectory)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(metadataDirectory)) {
            files = s.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(PREFIX) && name.endsWith(SUFFIX) && Files.isRegularFile(p);
            }).sorted().toList();
        }
        List<ExecutionRecord> records = new ArrayList<>();
        for (Path f : files) {
            try {
                records.add(parse(f));
            } catch (RuntimeException e) {
                // Written by another version of the plugin, or damaged: it is derived data, so deleting it is safe.
                throw new IOException("unreadable stylize report record " + f + " (" + e.getMessage()
                        + "); delete it (or run mvn clean) and build again", e);
            }
        }
        return records;
    }

    private static ExecutionRecord parse(Path file) throws IOException {
        return Json.read(file, MAX_BYTES, File.class).toRecord();
    }
}
