package io.github.stylize.maven.json;

import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.RunSummary;
import io.github.stylize.engine.RunTimings;
import io.github.stylize.engine.StopReason;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's loss history and timings as JSON values: one form for the asset metadata, the report records, the cache
 * entries and the remote cache objects, which all carry them.
 */
public final class RunJson {
    private RunJson() {
    }

    /**
     * The run summary in a JSON object that holds {@code backend}, {@code losses}, {@code timings} and, named
     * {@code millisField}, their total.
     *
     * @throws IllegalArgumentException if the timings are missing, malformed or disagree with the total
     */
    public static RunSummary runFromJson(Map<?, ?> json, String millisField) {
        return new RunSummary((String) json.get("backend"), lossesFromJson(json.get("losses")),
                timingsFromJson(json.get("timings"), json.get(millisField)));
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
