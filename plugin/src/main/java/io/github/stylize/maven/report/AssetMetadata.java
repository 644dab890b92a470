package io.github.stylize.maven.report;

import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.RunTimings;
import io.github.stylize.engine.StopReason;

import java.util.ArrayList;
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
        m.put("losses", lossesToJson(losses));
        m.put("millis", timings.totalMillis());
        m.put("timings", timingsToJson(timings));
        return Json.write(m);
    }

    /**
     * {@code prepareMillis}, {@code optimizeMillis}, {@code iterations}, {@code evaluations}, derived from them
     * and rounded to the microsecond, {@code millisPerEvaluation}, and, where known, {@code stop}: why the full-size
     * level ended ({@code iterations}, {@code tolerance}, {@code converged} or {@code stalled}).
     */
    public static Map<String, Object> timingsToJson(RunTimings timings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prepareMillis", timings.prepareMillis());
        m.put("optimizeMillis", timings.optimizeMillis());
        m.put("iterations", timings.iterations());
        m.put("evaluations", timings.evaluations());
        m.put("millisPerEvaluation", Math.round(timings.millisPerEvaluation() * 1000) / 1000.0);
        if (timings.stop() != null) {
            m.put("stop", timings.stop().label());
        }
        return m;
    }

    /**
     * The timings {@link #timingsToJson} wrote, checked against the {@code millis} written beside them.
     *
     * @throws IllegalArgumentException if they are missing, incomplete or disagree with {@code millis}
     */
    public static RunTimings timingsFromJson(Object json, Object millis) {
        if (!(json instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("no timings recorded");
        }
        Object stop = m.get("stop");
        if (stop != null && !(stop instanceof String)) {
            throw new IllegalArgumentException("timings.stop is " + stop + ", not a word");
        }
        RunTimings timings = new RunTimings(whole(m, "prepareMillis"), whole(m, "optimizeMillis"),
                Math.toIntExact(whole(m, "iterations")), Math.toIntExact(whole(m, "evaluations")),
                stop == null ? null : StopReason.ofLabel((String) stop));
        if (!(millis instanceof Number total) || total.longValue() != timings.totalMillis()) {
            throw new IllegalArgumentException("millis " + millis + " is not the timings' total "
                    + timings.totalMillis());
        }
        return timings;
    }

    private static long whole(Map<?, ?> timings, String field) {
        Object value = timings.get(field);
        if (!(value instanceof Long || value instanceof Integer)) { // what Json.parse or timingsToJson gives
            throw new IllegalArgumentException("timings." + field + " is " + value + ", not a whole number");
        }
        return ((Number) value).longValue();
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
