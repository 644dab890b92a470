package io.github.stylize.maven.execute;

import io.github.stylize.maven.report.AssetStatus;

import java.util.List;

/**
 * The outcome of one execution.
 *
 * @param outcomes       one per selected asset, in plan order
 * @param removedOutputs stale outputs deleted, relative to the output directory
 * @param engineLoaded   whether the engine was started (false when every asset came from the cache)
 * @param millis         wall time of the whole execution
 */
public record ExecutionResult(List<AssetOutcome> outcomes, List<String> removedOutputs, boolean engineLoaded,
                              long millis) {
    public ExecutionResult {
        outcomes = List.copyOf(outcomes);
        removedOutputs = List.copyOf(removedOutputs);
    }

    public long count(AssetStatus status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    public List<AssetOutcome> failures() {
        return outcomes.stream().filter(o -> o.status() == AssetStatus.FAILED).toList();
    }
}
