package io.github.stylize.maven.plan;

import java.util.List;

/**
 * The assets of one execution.
 *
 * @param declared every asset the configuration declares (their outputs are kept, even when not selected)
 * @param selected the assets to produce in this build ({@code stylize.only} may narrow them), each with a cache key
 */
public record Plan(List<PlannedAsset> declared, List<PlannedAsset> selected) {
    public Plan {
        declared = List.copyOf(declared);
        selected = List.copyOf(selected);
    }
}
