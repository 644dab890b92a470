package io.github.stylize.maven.json;

import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.RunSummary;
import io.github.stylize.engine.RunTimings;
import io.github.stylize.engine.StopReason;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed inputs the file-format tests pin the bytes of: a run with non-finite losses and a stop reason, one with
 * neither, and settings with a null, a list and a nested object.
 */
public final class GoldenRun {
    public static final RunSummary RUN = new RunSummary("CPU (linux-x86_64)", List.of(
            new IterationLoss(0, 1.5, 2.25, 0, 3.75),
            new IterationLoss(1, Double.NaN, Double.POSITIVE_INFINITY, 1e-7, Double.NEGATIVE_INFINITY)),
            new RunTimings(1200, 40000, 1, 312, StopReason.STALLED));
    public static final RunSummary BARE_RUN = new RunSummary("GPU", List.of(), new RunTimings(5, 0, 0, 0));

    /** The JSON lines of {@link #RUN}'s losses, as every file holding them writes them. */
    public static final String LOSSES = """
            [{
                "iteration": 0,
                "content": 1.5,
                "style": 2.25,
                "tv": 0.0,
                "total": 3.75
              }, {
                "iteration": 1,
                "content": "NaN",
                "style": "Infinity",
                "tv": 1.0E-7,
                "total": "-Infinity"
              }]""";

    /** The JSON lines of {@link #RUN}'s timings, as every file holding them writes them. */
    public static final String TIMINGS = """
            {
                "prepareMillis": 1200,
                "optimizeMillis": 40000,
                "iterations": 1,
                "evaluations": 312,
                "millisPerEvaluation": 128.205,
                "stop": "stalled"
              }""";

    /** The JSON lines of {@link #BARE_RUN}'s timings: no stop reason. */
    public static final String BARE_TIMINGS = """
            {
                "prepareMillis": 5,
                "optimizeMillis": 0,
                "iterations": 0,
                "evaluations": 0,
                "millisPerEvaluation": 0.0
              }""";

    /** The JSON lines of {@link #settings()}. */
    public static final String SETTINGS_JSON = """
            {
                "size": 256,
                "styleWeight": 10000.0,
                "initFrom": null,
                "layers": ["conv1_1", "conv2_1"],
                "tiles": {
                  "rows": 2,
                  "overlap": 0.25
                },
                "empty": {}
              }""";

    private GoldenRun() {
    }

    /** Settings as {@code SettingsJson} gives them, in an order that is not alphabetical. */
    public static Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("size", 256L);
        settings.put("styleWeight", 10000.0);
        settings.put("initFrom", null);
        settings.put("layers", List.of("conv1_1", "conv2_1"));
        Map<String, Object> tiles = new LinkedHashMap<>();
        tiles.put("rows", 2L);
        tiles.put("overlap", 0.25);
        settings.put("tiles", tiles);
        settings.put("empty", Map.of());
        return settings;
    }
}
