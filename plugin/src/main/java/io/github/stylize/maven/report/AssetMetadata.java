package io.github.stylize.maven.report;

import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.RunTimings;
import io.github.stylize.maven.json.Json;
import io.github.stylize.maven.json.RunJson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code target/stylize/<id>.json} says about one asset.
 *
 * @param id        the asset id
 * @param cacheKey  the cache key (hex SHA-256)
 * @param output    path of the image relative to the output directory
 * @param fromCache whether this build copied it from the cache instead of running the engine
 * @param backend   the ND4J backend that generated it (on a hit: the one that generated it originally)
 * @param weights   the VGG19 weights that made it; null where not known (then not written)
 * @param settings  the effective settings
 * @param losses    loss history, entry 0 the initial image
 * @param timings   engine time, iterations and evaluations of the run that generated it (on a hit: that earlier run);
 *                  written as {@code millis} (the total) and {@code timings}
 */
public record AssetMetadata(String id, String cacheKey, String output, boolean fromCache, String backend,
                            WeightsProvenance weights, Map<String, Object> settings, List<IterationLoss> losses,
                            RunTimings timings) {

    public AssetMetadata {
        settings = new LinkedHashMap<>(settings);
        losses = List.copyOf(losses);
        Objects.requireNonNull(timings, "timings");
    }

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("cacheKey", cacheKey);
        m.put("output", output);
        m.put("fromCache", fromCache);
        m.put("backend", backend);
        if (weights != null) {
            m.put("weights", weights.toJson());
        }
        m.put("settings", settings);
        m.put("losses", RunJson.lossesToJson(losses));
        m.put("millis", timings.totalMillis());
        m.put("timings", RunJson.timingsToJson(timings));
        return Json.write(m);
    }
}
