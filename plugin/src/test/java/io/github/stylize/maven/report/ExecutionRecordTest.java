package io.github.stylize.maven.report;

import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.RunSummary;
import io.github.stylize.engine.RunTimings;
import io.github.stylize.maven.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExecutionRecordTest {
    @TempDir
    Path dir;

    @Test
    void aRecordNestedTooDeepIsDamagedSoTheBuildStartsAFreshOneAndTheReportSaysWhatToDelete() throws IOException {
        new ExecutionRecord("default", "t", "now", List.of()).write(dir);
        Path file = ExecutionRecord.file(dir, "default");
        assertEquals("t", ExecutionRecord.read(dir, "default").title());
        Files.writeString(file, Files.readString(file).replace("\"entries\": []",
                "\"entries\": " + "[".repeat(100_000) + "]".repeat(100_000)));

        assertNull(ExecutionRecord.read(dir, "default"), "the generate goal starts a fresh record");
        IOException e = assertThrows(IOException.class, () -> ExecutionRecord.readAll(dir));
        assertTrue(e.getMessage().startsWith("unreadable stylize report record " + file + " (malformed JSON"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(": nested more than " + Json.MAX_DEPTH
                + " deep); delete it (or run mvn clean) and build again"), e.getMessage());
    }

    @Test
    void anEntryWrittenBeforeSeveralStylesReadsAsItsOneStyleSoAnUpgradeKeepsTheReport() throws IOException {
        ReportEntry written = ReportEntry.builder("a", AssetStatus.GENERATED).inputs(new ReportEntry.Inputs(
                Path.of("/p/harbor.png"), "a".repeat(64), List.of(new ReportEntry.StyleImage(Path.of("/p/mosaic.png"), 1,
                "b".repeat(64))))).output(Path.of("/p/out/a.png")).cacheKey("c".repeat(64))
                .run(new RunSummary("cpu", List.of(new IterationLoss(0, 1, 2, 0, 3)), new RunTimings(1, 2, 0, 1)))
                .build();
        new ExecutionRecord("default", "t", "now", List.of(written)).write(dir);
        Path file = ExecutionRecord.file(dir, "default");
        String text = Files.readString(file);
        String styles = text.substring(text.indexOf("\"styles\""), text.indexOf("\"contentSha256\""));
        // the single-style form earlier versions of the plugin wrote
        Files.writeString(file, text.replace(styles, "\"style\": \"/p/mosaic.png\", \"styleSha256\": \""
                + "b".repeat(64) + "\", "));

        assertTrue(Files.readString(file).contains("\"styleSha256\""), Files.readString(file));
        assertEquals(written, ExecutionRecord.read(dir, "default").entries().get(0));
    }

    /** An entry exactly as the plugin wrote it before {@code <styles>} and before timings were kept. */
    @Test
    void anEntryWrittenBeforeStylesAndTimingsReadsWithItsOneStyleAndNoRunRatherThanInventedTimings()
            throws IOException {
        Files.writeString(ExecutionRecord.file(dir, "default"), """
                {"layout": "stylize-report/1", "execution": "default", "title": "t", "writtenAt": "now", "entries": [
                  {"id": "a", "result": "cached", "failure": null, "earlierBuild": false, "content": "/p/harbor.png",
                   "style": "/p/mosaic.png", "styleSha256": "%s", "contentSha256": "%s", "output": "/p/out/a.png",
                   "settings": {"iterations": 4}, "cacheKey": "%s", "backend": "CPU", "losses": [
                     {"iteration": 0, "content": 1.0, "style": 2.0, "tv": 0.0, "total": 3.0}],
                   "engineMillis": 3400, "buildMillis": 12, "snapshots": []}]}
                """.formatted("b".repeat(64), "a".repeat(64), "c".repeat(64)));

        ReportEntry read = ExecutionRecord.readAll(dir).get(0).entries().get(0);

        assertEquals(AssetStatus.CACHED, read.status());
        assertEquals(new ReportEntry.Inputs(Path.of("/p/harbor.png"), "a".repeat(64),
                List.of(new ReportEntry.StyleImage(Path.of("/p/mosaic.png"), 1, "b".repeat(64)))), read.inputs());
        assertEquals(Path.of("/p/out/a.png"), read.output());
        assertEquals("c".repeat(64), read.cacheKey());
        assertEquals(12, read.buildMillis());
        assertNull(read.run(), "no timings recorded: no run, not one with made-up timings");
        assertEquals(List.of(), read.losses());
        assertNull(read.weights());
    }

    @Test
    void everyStatusIsWrittenAsItsLowerCaseNameAndReadBack() throws IOException {
        List<ReportEntry> entries = new java.util.ArrayList<>();
        for (AssetStatus status : AssetStatus.values()) {
            entries.add(ReportEntry.builder(status.label(), status).inputs(new ReportEntry.Inputs(Path.of("/p/c.png"),
                    null, List.of(new ReportEntry.StyleImage(Path.of("/p/s.png"), 1, null))))
                    .output(Path.of("/p/out.png")).build());
        }
        new ExecutionRecord("default", "t", "now", entries).write(dir);

        assertEquals(entries, ExecutionRecord.read(dir, "default").entries());
        String text = Files.readString(ExecutionRecord.file(dir, "default"));
        for (String label : List.of("generated", "cached", "remote", "failed", "skipped")) {
            assertTrue(text.contains("\"result\": \"" + label + "\""), text);
        }
    }

    @Test
    void anUnknownResultMakesTheRecordUnreadableWithTheWordsItKnows() throws IOException {
        Path file = ExecutionRecord.file(dir, "default");
        new ExecutionRecord("default", "t", "now", List.of(ReportEntry.builder("a", AssetStatus.CACHED)
                .inputs(new ReportEntry.Inputs(Path.of("/p/c.png"), null, List.of(new ReportEntry.StyleImage(
                        Path.of("/p/s.png"), 1, null)))).output(Path.of("/p/out.png")).build())).write(dir);
        Files.writeString(file, Files.readString(file).replace("\"result\": \"cached\"", "\"result\": \"copied\""));

        IOException e = assertThrows(IOException.class, () -> ExecutionRecord.readAll(dir));
        assertTrue(e.getMessage().contains("result is copied, not one of [generated, cached, remote, failed, skipped]"),
                e.getMessage());
    }

    @Test
    void aRecordOfAnotherLayoutOrAnEntryWithoutStylesIsUnreadableSayingWhy() throws IOException {
        Path file = ExecutionRecord.file(dir, "default");
        ReportEntry entry = ReportEntry.builder("a", AssetStatus.CACHED).inputs(new ReportEntry.Inputs(
                Path.of("/p/c.png"), null, List.of(new ReportEntry.StyleImage(Path.of("/p/s.png"), 1, null))))
                .output(Path.of("/p/out.png")).build();
        new ExecutionRecord("default", "t", "now", List.of(entry)).write(dir);
        String written = Files.readString(file);

        Files.writeString(file, written.replace("stylize-report/1", "stylize-report/2"));
        IOException layout = assertThrows(IOException.class, () -> ExecutionRecord.readAll(dir));
        assertTrue(layout.getMessage().contains("(layout stylize-report/2, expected stylize-report/1)"),
                layout.getMessage());

        String styles = written.substring(written.indexOf("\"styles\""), written.indexOf("\"contentSha256\""));
        Files.writeString(file, written.replace(styles, ""));
        IOException noStyles = assertThrows(IOException.class, () -> ExecutionRecord.readAll(dir));
        assertTrue(noStyles.getMessage().contains("(no styles recorded)"), noStyles.getMessage());
        assertNull(ExecutionRecord.read(dir, "default"), "the generate goal starts a fresh record");
    }
}
