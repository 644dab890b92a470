package io.github.stylize.maven.report;

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
        ReportEntry written = new ReportEntry("a", ReportEntry.GENERATED, null, false, Path.of("/p/harbor.png"),
                List.of(new ReportEntry.StyleImage(Path.of("/p/mosaic.png"), 1, "b".repeat(64))), "a".repeat(64),
                Path.of("/p/out/a.png"), java.util.Map.of(), "c".repeat(64), "cpu", null, List.of(), 0, null, 0,
                List.of());
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
}
