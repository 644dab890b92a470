package io.github.stylize.maven.plan;

import io.github.stylize.engine.image.ImageReader;

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
 * @param maxPixels       the largest image the engine may read or prepare ({@code stylize.maxPixels})
 */
public record PlanRequest(List<StylizationDeclaration> stylizations, List<BatchDeclaration> batches,
                          Overrides defaults, Set<String> only, Supplier<String> weightsIdentity, long maxPixels) {
    /** A request under the engine's default {@link ImageReader#DEFAULT_MAX_PIXELS}. */
    public PlanRequest(List<StylizationDeclaration> stylizations, List<BatchDeclaration> batches, Overrides defaults,
                       Set<String> only, Supplier<String> weightsIdentity) {
        this(stylizations, batches, defaults, only, weightsIdentity, ImageReader.DEFAULT_MAX_PIXELS);
    }

    public PlanRequest {
        stylizations = stylizations == null ? List.of() : List.copyOf(stylizations);
        batches = batches == null ? List.of() : List.copyOf(batches);
        defaults = defaults == null ? Overrides.NONE : defaults;
        only = only == null ? Set.of() : Set.copyOf(only);
    }
}
