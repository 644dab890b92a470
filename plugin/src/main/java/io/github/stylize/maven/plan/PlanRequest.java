package io.github.stylize.maven.plan;

import io.github.stylize.engine.image.ImageReader;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the planner needs.
 *
 * @param stylizations    the declared stylizations, in declaration order
 * @param batches         the declared batches
 * @param defaults        {@code <defaults>}, under every asset's own values
 * @param only            ids (of stylizations, batches or batch items) to produce; empty means all
 * @param weightsIdentity digest of the weights for cache keys; may throw a {@code StylizeException} whose message
 *                        is reported against the {@code weights} parameter. Called once.
 * @param written         the directories the build writes into, which no input may overlap
 * @param weightsFile     the local weights file, an input like the images; null for downloaded or random weights
 * @param maxPixels       the largest image the engine may read or prepare ({@code stylize.maxPixels})
 * @param preview         {@code stylize.preview}: cap every selected asset's longest side at this many pixels; 0 off
 */
public record PlanRequest(List<StylizationDeclaration> stylizations, List<BatchDeclaration> batches,
                          Overrides defaults, Set<String> only, Supplier<String> weightsIdentity,
                          WrittenDirectories written, Path weightsFile, long maxPixels, int preview) {
    public PlanRequest {
        stylizations = stylizations == null ? List.of() : List.copyOf(stylizations);
        batches = batches == null ? List.of() : List.copyOf(batches);
        defaults = defaults == null ? Overrides.NONE : defaults;
        only = only == null ? Set.of() : Set.copyOf(only);
        written = written == null ? WrittenDirectories.NONE : written;
    }

    /**
     * A request whose outputs go where no input is, under the engine's default {@link ImageReader#DEFAULT_MAX_PIXELS},
     * without a preview (the planner's tests).
     */
    public PlanRequest(List<StylizationDeclaration> stylizations, List<BatchDeclaration> batches, Overrides defaults,
                       Set<String> only, Supplier<String> weightsIdentity) {
        this(stylizations, batches, defaults, only, weightsIdentity, null, null, ImageReader.DEFAULT_MAX_PIXELS, 0);
    }

    /**
     * The directories an execution writes into, by the parameter that names them.
     *
     * @param outputDirectory   the images ({@code outputDirectory}); null if not checked
     * @param metadataDirectory metadata, snapshots and the report ({@code metadataDirectory}); null if not checked
     */
    public record WrittenDirectories(Path outputDirectory, Path metadataDirectory) {
        static final WrittenDirectories NONE = new WrittenDirectories(null, null);
    }
}
