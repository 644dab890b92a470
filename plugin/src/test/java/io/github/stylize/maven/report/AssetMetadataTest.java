package io.github.stylize.maven.report;

import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.RunSummary;
import io.github.stylize.engine.RunTimings;
import io.github.stylize.engine.StopReason;
import io.github.stylize.maven.json.Json;
import io.github.stylize.maven.json.RunJson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssetMetadataTest {
    static final RunTimings TIMINGS = new RunTimings(1_200, 40_000, 300, 312);

    @Test
    void theJsonHasTheTotalMillisAndTheTimingsWhichReadBack() {
        AssetMetadata metadata = new AssetMetadata("harbor", "ab".repeat(32), "harbor.png", true,
                new RunSummary("CPU", List.of(new IterationLoss(0, 1, 2, 0, 3)), TIMINGS), null, Map.of("size", 256L));
        Map<?, ?> json = Json.parse(metadata.toJson(), Map.class);

        assertEquals(41_200L, json.get("millis"));
        assertEquals(true, json.get("fromCache"));
        assertEquals(Map.of("prepareMillis", 1_200L, "optimizeMillis", 40_000L, "iterations", 300L,
                "evaluations", 312L, "millisPerEvaluation", 128.205), json.get("timings"));
        assertEquals(metadata, Json.parse(metadata.toJson(), AssetMetadata.File.class).toMetadata());
    }

    @Test
    void whyTheRunStoppedIsRecordedAndReadsBackAndOlderRecordsWithoutItStillRead() {
        RunTimings stalled = new RunTimings(1_200, 40_000, 12, 60, StopReason.STALLED);
        String json = Json.write(RunJson.Timings.of(stalled));
        assertTrue(json.contains(",\n  \"stop\": \"stalled\"\n"), json);
        assertEquals(stalled, Json.parse(json, RunJson.Timings.class).toTimings(41_200L));
        String older = json.replace(",\n  \"stop\": \"stalled\"", "");
        assertNull(Json.parse(older, RunJson.Timings.class).toTimings(41_200L).stop());
        RunJson.Timings bored = Json.parse(json.replace("\"stalled\"", "\"bored\""), RunJson.Timings.class);
        assertThrows(IllegalArgumentException.class, () -> bored.toTimings(41_200L));
    }

    @Test
    void missingIncompleteOrInconsistentTimingsAreRejected() {
        String json = Json.write(RunJson.Timings.of(TIMINGS));
        RunJson.Timings timings = Json.parse(json, RunJson.Timings.class);
        assertEquals("no timings recorded", assertThrows(IllegalArgumentException.class,
                () -> RunJson.run("CPU", List.of(), 41_200L, null)).getMessage());
        assertEquals("millis null is not the timings' total 41200",
                assertThrows(IllegalArgumentException.class, () -> timings.toTimings(null)).getMessage());
        RunJson.Timings incomplete = Json.parse(json.replace("  \"evaluations\": 312,\n", ""), RunJson.Timings.class);
        assertEquals("timings.evaluations is null, not a whole number",
                assertThrows(IllegalArgumentException.class, () -> incomplete.toTimings(41_200L)).getMessage());
        assertEquals("malformed JSON: timings.iterations is 2.5, not a whole number",
                assertThrows(IllegalArgumentException.class, () -> Json.parse(
                        json.replace("\"iterations\": 300", "\"iterations\": 2.5"), RunJson.Timings.class))
                        .getMessage());
    }
}
