package io.github.stylize.maven.json;

import io.github.stylize.engine.RunTimings;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The plain-value form the report records still build by hand: the same bytes as the bound records write. */
class RunJsonTest {
    @Test
    void lossesAsPlainValuesAreWrittenAsTheRecordsAreAndReadBackWithNonFiniteValues() {
        List<Object> plain = RunJson.lossesToJson(GoldenRun.RUN.losses());
        assertEquals(GoldenRun.LOSSES.replace("\n  ", "\n") + "\n", Json.write(plain));
        assertEquals(GoldenRun.RUN.losses(), RunJson.lossesFromJson(Json.parse(Json.write(plain))));
        assertEquals(GoldenRun.RUN.losses(), RunJson.lossesFromJson(plain));
    }

    @Test
    void timingsAsPlainValuesAreWrittenAsTheRecordsAreAndReadBack() {
        RunTimings timings = GoldenRun.RUN.timings();
        Map<String, Object> plain = RunJson.timingsToJson(timings);
        assertEquals(Json.write(RunJson.Timings.of(timings)), Json.write(plain));
        assertEquals(timings, RunJson.timingsFromJson(Json.parse(Json.write(plain)), 41_200L));
    }

    @Test
    void aRunReadFromAPlainObjectNeedsItsLossesAndTimings() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("backend", "GPU");
        json.put("losses", RunJson.lossesToJson(List.of()));
        json.put("engineMillis", 5L);
        json.put("timings", RunJson.timingsToJson(GoldenRun.BARE_RUN.timings()));
        assertEquals(GoldenRun.BARE_RUN, RunJson.runFromJson(json, "engineMillis"));
        json.remove("losses");
        assertEquals("no losses recorded", assertThrows(IllegalArgumentException.class,
                () -> RunJson.runFromJson(json, "engineMillis")).getMessage());
        json.put("losses", List.of());
        json.remove("timings");
        assertEquals("no timings recorded", assertThrows(IllegalArgumentException.class,
                () -> RunJson.runFromJson(json, "engineMillis")).getMessage());
    }
}
