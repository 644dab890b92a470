package io.github.stylize.maven.json;

import io.github.stylize.engine.RunTimings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RunJsonTest {
    @Test
    void timingsAreWrittenRoundedToTheMicrosecondAndReadBackCheckedAgainstTheirTotal() {
        RunTimings timings = GoldenRun.RUN.timings();
        String text = Json.write(RunJson.Timings.of(timings));
        assertEquals("""
                {
                  "prepareMillis": 1200,
                  "optimizeMillis": 40000,
                  "iterations": 1,
                  "evaluations": 312,
                  "millisPerEvaluation": 128.205,
                  "stop": "stalled"
                }
                """, text);
        RunJson.Timings read = Json.parse(text, RunJson.Timings.class);
        assertEquals(timings, read.toTimings(41_200L));
        assertEquals("millis 41201 is not the timings' total 41200",
                assertThrows(IllegalArgumentException.class, () -> read.toTimings(41_201L)).getMessage());
    }

    @Test
    void aRunNeedsItsLossesAndTimings() {
        RunJson.Timings timings = RunJson.Timings.of(GoldenRun.BARE_RUN.timings());
        assertEquals(GoldenRun.BARE_RUN, RunJson.run("GPU", List.of(), 5L, timings));
        assertEquals("no losses recorded", assertThrows(IllegalArgumentException.class,
                () -> RunJson.run("GPU", null, 5L, timings)).getMessage());
        assertEquals("no timings recorded", assertThrows(IllegalArgumentException.class,
                () -> RunJson.run("GPU", List.of(), 5L, null)).getMessage());
    }
}
