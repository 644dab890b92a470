package io.github.stylize.maven.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.RunSummary;
import io.github.stylize.maven.json.Json;
import io.github.stylize.maven.json.RunJson;

import java.io.IOException;
import java.nio.file.Path;
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
 * @param run       backend, loss history and timings of the run that generated it (on a hit: that earlier run); the
 *                  timings are written as {@code millis} (the total) and {@code timings}
 * @param weights   the VGG19 weights that made it; null where not known (then not written)
 * @param settings  the effective settings
 */
public record AssetMetadata(String id, String cacheKey, String output, boolean fromCache, RunSummary run,
                            WeightsProvenance weights, Map<String, Object> settings) {
    /**
     * Largest metadata file read: 64 MiB. The largest one written, with the loss history of 100,000 iterations (the
     * most allowed), is about 16 MB; anything larger is damaged.
     */
    static final long MAX_BYTES = 64 << 20;

    public AssetMetadata {
        settings = new LinkedHashMap<>(settings);
    }

    /** The file's fields, in the file's order: the run's are spread between the asset's. */
    @JsonPropertyOrder({"id", "cacheKey", "output", "fromCache", "backend", "weights", "settings", "losses", "millis",
            "timings"})
    record File(String id, String cacheKey, String output, boolean fromCache, String backend,
                @JsonInclude(JsonInclude.Include.NON_NULL) WeightsProvenance weights, Map<String, Object> settings,
                List<IterationLoss> losses, Long millis, RunJson.Timings timings) {
        static File of(AssetMetadata m) {
            return new File(m.id, m.cacheKey, m.output, m.fromCache, m.run.backend(), m.weights, m.settings,
                    m.run.losses(), m.run.timings().totalMillis(), RunJson.Timings.of(m.run.timings()));
        }

        AssetMetadata toMetadata() {
            if (settings == null) {
                throw new IllegalArgumentException("no settings recorded");
            }
            return new AssetMetadata(id, cacheKey, output, fromCache, RunJson.run(backend, losses, millis, timings),
                    weights, settings);
        }
    }

    public String toJson() {
        return Json.write(File.of(this));
    }

    /**
     * The metadata {@link #toJson} wrote into {@code file}.
     *
     * @throws IllegalArgumentException if it is malformed, too large or its timings disagree with its total
     * @throws IOException              if it cannot be read
     */
    public static AssetMetadata read(Path file) throws IOException {
        return Json.read(file, MAX_BYTES, File.class).toMetadata();
    }
}
