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
}
