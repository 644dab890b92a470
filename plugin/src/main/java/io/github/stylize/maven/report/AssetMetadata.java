package io.github.stylize.maven.report;

import io.github.stylize.engine.IterationLoss;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code target/stylize/<id>.json} says about one asset.
 *
 * @param id        the asset id
 * @param cacheKey  the cache key (hex SHA-256)
 * @param output    path of the image relative to the output directory
 * @param fromCache whether this build copied it from the cache instead of running the engine
 * @param backend   the ND4J backend that generated it (on a hit: the one that generated it originally)
 * @param settings  the effective settings
 * @param losses    loss history, entry 0 the initial image
 * @param millis    engine time of the run that generated it
 */
public record AssetMetadata(String id, String cacheKey, String output, boolean fromCache, String backend,
                            Map<String, Object> settings, List<IterationLoss> losses, long millis) {

    public AssetMetadata {
        settings = new LinkedHashMap<>(settings);
        losses = List.copyOf(losses);
    }

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("cacheKey", cacheKey);
        m.put("output", output);
        m.put("fromCache", fromCache);
        m.put("backend", backend);
        m.put("settings", settings);
        m.put("losses", lossesToJson(losses));
        m.put("millis", millis);
        return Json.write(m);
    }

    public static List<Object> lossesToJson(List<IterationLoss> losses) {
        List<Object> list = new ArrayList<>();
        for (IterationLoss l : losses) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("iteration", l.iteration());
            e.put("content", l.content());
            e.put("style", l.style());
            e.put("tv", l.tv());
            e.put("total", l.total());
            list.add(e);
        }
        return list;
    }

    public static List<IterationLoss> lossesFromJson(Object json) {
        List<IterationLoss> losses = new ArrayList<>();
        for (Object o : (List<?>) json) {
            Map<?, ?> e = (Map<?, ?>) o;
            losses.add(new IterationLoss(((Number) e.get("iteration")).intValue(), Json.toDouble(e.get("content")),
                    Json.toDouble(e.get("style")), Json.toDouble(e.get("tv")), Json.toDouble(e.get("total"))));
        }
        return losses;
    }
}
