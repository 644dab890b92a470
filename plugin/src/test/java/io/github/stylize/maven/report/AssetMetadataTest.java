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

class AssetMetadataTest {
    static final RunTimings TIMINGS = new RunTimings(1_200, 40_000, 300, 312);

    @Test
    void theJsonHasTheTotalMillisAndTheTimingsWhichReadBack() {
        AssetMetadata metadata = new AssetMetadata("harbor", "ab".repeat(32), "harbor.png", true,
                new RunSummary("CPU", List.of(new IterationLoss(0, 1, 2, 0, 3)), TIMINGS), null, Map.of("size", 256L));
        Map<?, ?> json = (Map<?, ?>) Json.parse(metadata.toJson());

        assertEquals(41_200L, json.get("millis"));
        assertEquals(true, json.get("fromCache"));
        assertEquals(Map.of("prepareMillis", 1_200L, "optimizeMillis", 40_000L, "iterations", 300L,
                "evaluations", 312L, "millisPerEvaluation", 128.205), json.get("timings"));
        assertEquals(TIMINGS, RunJson.timingsFromJson(json.get("timings"), json.get("millis")));
    }

    @Test
    void whyTheRunStoppedIsRecordedAndReadsBackAndOlderRecordsWithoutItStillRead() {
        RunTimings stalled = new RunTimings(1_200, 40_000, 12, 60, StopReason.STALLED);
        Map<String, Object> json = RunJson.timingsToJson(stalled);
        assertEquals("stalled", json.get("stop"));
        assertEquals(stalled, RunJson.timingsFromJson(json, 41_200L));
        json.remove("stop");
        assertNull(RunJson.timingsFromJson(json, 41_200L).stop());
        json.put("stop", "bored");
        assertThrows(IllegalArgumentException.class, () -> RunJson.timingsFromJson(json, 41_200L));
    }

    @Test
    void missingIncompleteOrInconsistentTimingsAreRejected() {
        Map<String, Object> json = RunJson.timingsToJson(TIMINGS);
        assertEquals("no timings recorded",
                assertThrows(IllegalArgumentException.class, () -> RunJson.timingsFromJson(null, 41_200L))
                        .getMessage());
        assertEquals("millis null is not the timings' total 41200",
                assertThrows(IllegalArgumentException.class, () -> RunJson.timingsFromJson(json, null))
                        .getMessage());
        json.put("iterations", 2.5);
        assertEquals("timings.iterations is 2.5, not a whole number",
                assertThrows(IllegalArgumentException.class, () -> RunJson.timingsFromJson(json, 41_200L))
                        .getMessage());
    }
}
