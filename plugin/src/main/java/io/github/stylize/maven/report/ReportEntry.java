package io.github.stylize.maven.report;

import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.RunTimings;
import io.github.stylize.maven.json.RunJson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One asset as the HTML report shows it. Paths are absolute, so the same entries render into
 * {@code target/stylize/index.html} and into the site.
 *
 * @param id            the asset id
 * @param result        {@code generated}, {@code cached}, {@code failed} or {@code skipped} (another shard's)
 * @param failure       for a failed asset, the reason; for a skipped one, why; else null
 * @param earlierBuild  true when this build did not produce it ({@code stylize.only}); the entry is the last one known
 * @param content       the content image file
 * @param styles        the style image files with their blend weights and digests, one or more
 * @param contentSha256 SHA-256 of the content file (assets sharing content and styles are compared side by side)
 * @param output        the result image file
 * @param settings      the effective settings, named as in the configuration
 * @param cacheKey      the cache key; null if unknown
 * @param backend       the ND4J backend that generated the image; null for a failed asset
 * @param weights       the VGG19 weights that made the image; null for a failed asset, and in a record written by a
 *                      version of the plugin that did not keep them
 * @param losses        the loss history, entry 0 the initial image; empty for a failed asset
 * @param engineMillis  engine time of the run that generated the image
 * @param timings       that run's time, iterations and evaluations; null for a failed asset, and in a record written
 *                      by a version of the plugin that did not keep them
 * @param buildMillis   time this build spent on the asset (a cache hit: the copy)
 * @param snapshots     intermediate images of the run, by iteration ({@code snapshotEvery})
 */
public record ReportEntry(String id, String result, String failure, boolean earlierBuild, Path content,
                          List<StyleImage> styles, String contentSha256, Path output, Map<String, Object> settings,
                          String cacheKey, String backend, WeightsProvenance weights, List<IterationLoss> losses,
                          long engineMillis, RunTimings timings, long buildMillis, List<Snapshot> snapshots) {

    public static final String GENERATED = "generated";
    public static final String CACHED = "cached";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";
    /** The settings entry that marks a preview ({@code stylize.preview}), holding its capped size. */
    public static final String PREVIEW = "preview";

    /** A style image of the asset: its file, blend weight, and the SHA-256 of its bytes (null if unknown). */
    public record StyleImage(Path file, double weight, String sha256) {
    }

    /** An intermediate image and the iteration it shows. */
    public record Snapshot(int iteration, Path file) {
    }

    public ReportEntry {
        styles = List.copyOf(styles);
        settings = new LinkedHashMap<>(settings);
        losses = List.copyOf(losses);
        snapshots = List.copyOf(snapshots);
    }

    public boolean failed() {
        return FAILED.equals(result);
    }

    /** Whether this build has an image for it: neither failed nor left to another shard. */
    public boolean hasResult() {
        return !failed() && !SKIPPED.equals(result);
    }

    /** Whether this is a preview ({@code stylize.preview}), not the full render. */
    public boolean preview() {
        return settings.containsKey(PREVIEW);
    }

    /** Whether random weights made the image: a preview of another kind, whatever its size. */
    public boolean randomWeights() {
        return weights != null && weights.random();
    }

    /** The style images' file names, joined by " + " for a blend. */
    public String styleNames() {
        return String.join(" + ", styles.stream().map(s -> s.file().getFileName().toString()).toList());
    }

    /**
     * What identifies the style input: each style's SHA-256 and weight; null if a digest is unknown. Assets with equal
     * content and style inputs are compared side by side.
     */
    String styleInputs() {
        StringBuilder inputs = new StringBuilder();
        for (StyleImage style : styles) {
            if (style.sha256() == null) {
                return null;
            }
            inputs.append(style.sha256()).append('*').append(style.weight()).append(';');
        }
        return inputs.toString();
    }

    public ReportEntry asEarlierBuild() {
        return new ReportEntry(id, result, failure, true, content, styles, contentSha256, output, settings,
                cacheKey, backend, weights, losses, engineMillis, timings, buildMillis, snapshots);
    }

    public ReportEntry withSnapshots(List<Snapshot> newSnapshots) {
        return new ReportEntry(id, result, failure, earlierBuild, content, styles, contentSha256, output,
                settings, cacheKey, backend, weights, losses, engineMillis, timings, buildMillis, newSnapshots);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("result", result);
        m.put("failure", failure);
        m.put("earlierBuild", earlierBuild);
        m.put("content", content.toString());
        List<Object> styleList = new ArrayList<>();
        for (StyleImage style : styles) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", style.file().toString());
            entry.put("weight", style.weight());
            entry.put("sha256", style.sha256());
            styleList.add(entry);
        }
        m.put("styles", styleList);
        m.put("contentSha256", contentSha256);
        m.put("output", output.toString());
        m.put("settings", settings);
        m.put("cacheKey", cacheKey);
        m.put("backend", backend);
        m.put("weights", weights == null ? null : weights.toJson());
        m.put("losses", RunJson.lossesToJson(losses));
        m.put("engineMillis", engineMillis);
        m.put("timings", timings == null ? null : RunJson.timingsToJson(timings));
        m.put("buildMillis", buildMillis);
        List<Object> shots = new ArrayList<>();
        for (Snapshot s : snapshots) {
            Map<String, Object> shot = new LinkedHashMap<>();
            shot.put("iteration", s.iteration());
            shot.put("file", s.file().toString());
            shots.add(shot);
        }
        m.put("snapshots", shots);
        return m;
    }

    @SuppressWarnings("unchecked")
    static ReportEntry fromJson(Map<?, ?> m) {
        List<Snapshot> shots = new ArrayList<>();
        for (Object o : (List<?>) m.get("snapshots")) {
            Map<?, ?> shot = (Map<?, ?>) o;
            shots.add(new Snapshot(((Number) shot.get("iteration")).intValue(), Path.of((String) shot.get("file"))));
        }
        List<StyleImage> styleList = new ArrayList<>();
        if (m.containsKey("styles")) {
            for (Object o : (List<?>) m.get("styles")) {
                Map<?, ?> style = (Map<?, ?>) o;
                styleList.add(new StyleImage(Path.of((String) style.get("file")),
                        ((Number) style.get("weight")).doubleValue(), (String) style.get("sha256")));
            }
        } else { // written before <styles>: one style
            styleList.add(new StyleImage(Path.of((String) m.get("style")), 1, (String) m.get("styleSha256")));
        }
        return new ReportEntry((String) m.get("id"), (String) m.get("result"), (String) m.get("failure"),
                Boolean.TRUE.equals(m.get("earlierBuild")), Path.of((String) m.get("content")),
                styleList, (String) m.get("contentSha256"),
                Path.of((String) m.get("output")), (Map<String, Object>) m.get("settings"), (String) m.get("cacheKey"),
                (String) m.get("backend"), WeightsProvenance.fromJson(m.get("weights")),
                RunJson.lossesFromJson(m.get("losses")),
                ((Number) m.get("engineMillis")).longValue(),
                m.get("timings") == null ? null : RunJson.timingsFromJson(m.get("timings"), m.get("engineMillis")),
                ((Number) m.get("buildMillis")).longValue(), shots);
    }
}
