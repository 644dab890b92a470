package io.github.stylize.maven.report;

import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.RunSummary;
import io.github.stylize.maven.json.RunJson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One asset as the HTML report shows it. Paths are absolute, so the same entries render into
 * {@code target/stylize/index.html} and into the site. Made by {@link #builder}, which names every part.
 *
 * @param id           the asset id
 * @param status       what became of it in the build that wrote this entry
 * @param failure      for a failed asset, the reason; for a skipped one, why; else null
 * @param earlierBuild true when this build did not produce it ({@code stylize.only}); the entry is the last one known
 * @param inputs       the content and style images, with their digests
 * @param output       the result image file
 * @param settings     the effective settings, named as in the configuration
 * @param cacheKey     the cache key; null if unknown
 * @param run          backend, loss history and timings of the run that generated the image (on a cache hit, that
 *                     earlier run); null for a failed or skipped asset, and in a record written by a version of the
 *                     plugin that did not keep timings: its backend and losses are not shown either, as the run is
 *                     only kept whole (the next build of the asset records it)
 * @param weights      the VGG19 weights that made the image; null for a failed asset, and in a record written by a
 *                     version of the plugin that did not keep them
 * @param buildMillis  time this build spent on the asset (a cache hit: the copy)
 * @param snapshots    intermediate images of the run, by iteration ({@code snapshotEvery})
 */
public record ReportEntry(String id, AssetStatus status, String failure, boolean earlierBuild, Inputs inputs,
                          Path output, Map<String, Object> settings, String cacheKey, RunSummary run,
                          WeightsProvenance weights, long buildMillis, List<Snapshot> snapshots) {

    /** The settings entry that marks a preview ({@code stylize.preview}), holding its capped size. */
    public static final String PREVIEW = "preview";

    /**
     * What the asset was made from: assets with equal content and style inputs are compared side by side.
     *
     * @param content       the content image file
     * @param contentSha256 SHA-256 of the content file; null if unknown
     * @param styles        the style image files with their blend weights and digests, one or more
     */
    public record Inputs(Path content, String contentSha256, List<StyleImage> styles) {
        public Inputs {
            Objects.requireNonNull(content, "content");
            styles = List.copyOf(styles);
            if (styles.isEmpty()) {
                throw new IllegalArgumentException("no style image");
            }
        }

        /** The style images' file names, joined by " + " for a blend. */
        public String styleNames() {
            return String.join(" + ", styles.stream().map(s -> s.file().getFileName().toString()).toList());
        }

        /**
         * What identifies these inputs: the content's SHA-256, each style's and its weight; null if a digest is
         * unknown.
         */
        String digestKey() {
            if (contentSha256 == null) {
                return null;
            }
            StringBuilder key = new StringBuilder(contentSha256).append('/');
            for (StyleImage style : styles) {
                if (style.sha256() == null) {
                    return null;
                }
                key.append(style.sha256()).append('*').append(style.weight()).append(';');
            }
            return key.toString();
        }
    }

    /** A style image of the asset: its file, blend weight, and the SHA-256 of its bytes (null if unknown). */
    public record StyleImage(Path file, double weight, String sha256) {
    }

    /** An intermediate image and the iteration it shows. */
    public record Snapshot(int iteration, Path file) {
    }

    public ReportEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(output, "output");
        settings = new LinkedHashMap<>(settings);
        snapshots = List.copyOf(snapshots);
    }

    /** An entry of asset {@code id} with {@code status}; what else is known is set on the builder. */
    public static Builder builder(String id, AssetStatus status) {
        return new Builder(id, status);
    }

    /** A builder holding this entry's parts, to change some. */
    public Builder toBuilder() {
        return new Builder(id, status).failure(failure).earlierBuild(earlierBuild).inputs(inputs).output(output)
                .settings(settings).cacheKey(cacheKey).run(run).weights(weights).buildMillis(buildMillis)
                .snapshots(snapshots);
    }

    /** Names the parts of a {@link ReportEntry}; inputs and output are needed, the rest is empty or null if unset. */
    public static final class Builder {
        private String id;
        private AssetStatus status;
        private String failure;
        private boolean earlierBuild;
        private Inputs inputs;
        private Path output;
        private Map<String, Object> settings = Map.of();
        private String cacheKey;
        private RunSummary run;
        private WeightsProvenance weights;
        private long buildMillis;
        private List<Snapshot> snapshots = List.of();

        private Builder(String id, AssetStatus status) {
            this.id = id;
            this.status = status;
        }

        public Builder id(String assetId) {
            this.id = assetId;
            return this;
        }

        public Builder status(AssetStatus outcome) {
            this.status = outcome;
            return this;
        }

        public Builder failure(String reason) {
            this.failure = reason;
            return this;
        }

        public Builder earlierBuild(boolean notBuiltNow) {
            this.earlierBuild = notBuiltNow;
            return this;
        }

        public Builder inputs(Inputs assetInputs) {
            this.inputs = assetInputs;
            return this;
        }

        public Builder output(Path file) {
            this.output = file;
            return this;
        }

        public Builder settings(Map<String, Object> effective) {
            this.settings = effective;
            return this;
        }

        public Builder cacheKey(String key) {
            this.cacheKey = key;
            return this;
        }

        public Builder run(RunSummary summary) {
            this.run = summary;
            return this;
        }

        public Builder weights(WeightsProvenance provenance) {
            this.weights = provenance;
            return this;
        }

        public Builder buildMillis(long millis) {
            this.buildMillis = millis;
            return this;
        }

        public Builder snapshots(List<Snapshot> images) {
            this.snapshots = images;
            return this;
        }

        public ReportEntry build() {
            return new ReportEntry(id, status, failure, earlierBuild, inputs, output, settings, cacheKey, run, weights,
                    buildMillis, snapshots);
        }
    }

    public boolean failed() {
        return status == AssetStatus.FAILED;
    }

    /** Whether this build has an image for it: neither failed nor left to another shard. */
    public boolean hasResult() {
        return status.hasResult();
    }

    /** The run's loss history, entry 0 the initial image; empty where no run is recorded. */
    public List<IterationLoss> losses() {
        return run == null ? List.of() : run.losses();
    }

    /** Whether this is a preview ({@code stylize.preview}), not the full render. */
    public boolean preview() {
        return settings.containsKey(PREVIEW);
    }

    /** Whether random weights made the image: a preview of another kind, whatever its size. */
    public boolean randomWeights() {
        return weights != null && weights.random();
    }

    public ReportEntry asEarlierBuild() {
        return toBuilder().earlierBuild(true).build();
    }

    /**
     * The entry as {@code report-<execution>.json} holds it. The field names are those of the flat form earlier
     * versions wrote ({@code result}, {@code content}, {@code styles}, {@code contentSha256}, {@code backend},
     * {@code losses}, {@code engineMillis}, {@code timings}), so either version reads the other's records; without a
     * run, {@code backend} and {@code timings} are null, {@code losses} empty and {@code engineMillis} 0.
     */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("result", status.label());
        m.put("failure", failure);
        m.put("earlierBuild", earlierBuild);
        m.put("content", inputs.content().toString());
        List<Object> styleList = new ArrayList<>();
        for (StyleImage style : inputs.styles()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", style.file().toString());
            entry.put("weight", style.weight());
            entry.put("sha256", style.sha256());
            styleList.add(entry);
        }
        m.put("styles", styleList);
        m.put("contentSha256", inputs.contentSha256());
        m.put("output", output.toString());
        m.put("settings", settings);
        m.put("cacheKey", cacheKey);
        m.put("backend", run == null ? null : run.backend());
        m.put("weights", weights == null ? null : weights.toJson());
        m.put("losses", RunJson.lossesToJson(losses()));
        m.put("engineMillis", run == null ? 0 : run.timings().totalMillis());
        m.put("timings", run == null ? null : RunJson.timingsToJson(run.timings()));
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

    /**
     * The entry {@link #toJson} wrote, or an earlier version: one written before {@code styles} holds its one style as
     * {@code style} and {@code styleSha256}; one written before timings were kept has no run (see {@link #run}).
     *
     * @throws IllegalArgumentException if the result or the run is malformed
     */
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
        return builder((String) m.get("id"), AssetStatus.ofLabel((String) m.get("result")))
                .failure((String) m.get("failure"))
                .earlierBuild(Boolean.TRUE.equals(m.get("earlierBuild")))
                .inputs(new Inputs(Path.of((String) m.get("content")), (String) m.get("contentSha256"), styleList))
                .output(Path.of((String) m.get("output")))
                .settings((Map<String, Object>) m.get("settings"))
                .cacheKey((String) m.get("cacheKey"))
                .run(m.get("timings") == null ? null : RunJson.runFromJson(m, "engineMillis"))
                .weights(WeightsProvenance.fromJson(m.get("weights")))
                .buildMillis(((Number) m.get("buildMillis")).longValue())
                .snapshots(shots)
                .build();
    }
}
