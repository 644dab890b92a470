package io.github.stylize.maven.report;

import io.github.stylize.engine.RunSummary;
import io.github.stylize.maven.json.Json;
import io.github.stylize.maven.json.RunJson;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code target/stylize/<id>.json} says about one asset.
 *
 * @param id        the asset id
 * @param cacheKey  the cache key (hex SHA-256)
 * @param output    path of the image relative to the output directory
 * @param fromCache whether this build copied it from the cache instead of running the engine
 * @param run       backend, loss history and timings of the run that generated it (on a hit: that earlier run); the
 *                  timings are written as {@code millis} (the total) and {@code timings}
 * @param weights   the VGG19 weights that made it; null where not known (then not written)
 * @param settings  the effective settings
 */
public record AssetMetadata(String id, String cacheKey, String output, boolean fromCache, RunSummary run,
                            WeightsProvenance weights, Map<String, Object> settings) {

    public AssetMetadata {
        settings = new LinkedHashMap<>(settings);
    }

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("cacheKey", cacheKey);
        m.put("output", output);
        m.put("fromCache", fromCache);
        m.put("backend", run.backend());
        if (weights != null) {
            m.put("weights", weights.toJson());
        }
        m.put("settings", settings);
        m.put("losses", RunJson.lossesToJson(run.losses()));
        m.put("millis", run.timings().totalMillis());
        m.put("timings", RunJson.timingsToJson(run.timings()));
        return Json.write(m);
    }
}
