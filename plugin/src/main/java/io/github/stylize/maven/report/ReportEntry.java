package io.github.stylize.maven.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.RunSummary;
import io.github.stylize.maven.json.RunJson;

import java.nio.file.Path;
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
     * @param contentMask   the content mask ({@code <contentMask>}); null for none
     * @param styles        the style image files with their blend weights and digests, one or more
     */
    public record Inputs(Path content, String contentSha256, Path contentMask, List<StyleImage> styles) {
        public Inputs {
            Objects.requireNonNull(content, "content");
            styles = List.copyOf(styles);
            if (styles.isEmpty()) {
                throw new IllegalArgumentException("no style image");
            }
        }

        /** Inputs without a content mask. */
        public Inputs(Path content, String contentSha256, List<StyleImage> styles) {
            this(content, contentSha256, null, styles);
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
    @JsonPropertyOrder({"file", "weight", "sha256"})
    public record StyleImage(Path file, double weight, String sha256) {
    }

    /** An intermediate image and the iteration it shows. */
    @JsonPropertyOrder({"iteration", "file"})
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
     * run, {@code backend} and {@code timings} are null, {@code losses} empty and {@code engineMillis} 0. A record
     * written before {@code styles} holds its one style as {@code style} and {@code styleSha256}, read, never written.
     */
    @JsonPropertyOrder({"id", "result", "failure", "earlierBuild", "content", "styles", "contentSha256", "output",
            "settings", "cacheKey", "backend", "weights", "losses", "engineMillis", "timings", "buildMillis",
            "snapshots"})
    record File(String id, String result, String failure, boolean earlierBuild, Path content,
                @JsonInclude(JsonInclude.Include.NON_NULL) Path contentMask, List<StyleImage> styles,
                @JsonInclude(JsonInclude.Include.NON_NULL) Path style,
                @JsonInclude(JsonInclude.Include.NON_NULL) String styleSha256, String contentSha256, Path output,
                Map<String, Object> settings, String cacheKey, String backend, WeightsProvenance weights,
                List<IterationLoss> losses, Long engineMillis, RunJson.Timings timings, long buildMillis,
                List<Snapshot> snapshots) {
        static File of(ReportEntry e) {
            RunSummary run = e.run;
            String backend = run == null ? null : run.backend();
            long engineMillis = run == null ? 0 : run.timings().totalMillis();
            RunJson.Timings timings = run == null ? null : RunJson.Timings.of(run.timings());
            return new File(e.id, e.status.label(), e.failure, e.earlierBuild, e.inputs.content(),
                    e.inputs.contentMask(), e.inputs.styles(),
                    null, null, e.inputs.contentSha256(), e.output, e.settings, e.cacheKey, backend, e.weights,
                    e.losses(), engineMillis, timings, e.buildMillis, e.snapshots);
        }

        /**
         * The entry this holds; one written before timings were kept has no run (see {@link ReportEntry#run}).
         *
         * @throws IllegalArgumentException if the result or the run is malformed, or the styles or settings are missing
         */
        ReportEntry toEntry() {
            if (settings == null) {
                throw new IllegalArgumentException("no settings recorded");
            }
            if (styles == null && style == null) {
                throw new IllegalArgumentException("no styles recorded");
            }
            List<StyleImage> styleImages = styles != null ? styles : List.of(new StyleImage(style, 1, styleSha256));
            return builder(id, AssetStatus.ofLabel(result))
                    .failure(failure)
                    .earlierBuild(earlierBuild)
                    .inputs(new Inputs(content, contentSha256, contentMask, styleImages))
                    .output(output)
                    .settings(settings)
                    .cacheKey(cacheKey)
                    .run(timings == null ? null : RunJson.run(backend, losses, engineMillis, timings))
                    .weights(weights)
                    .buildMillis(buildMillis)
                    .snapshots(snapshots)
                    .build();
        }
    }
}
