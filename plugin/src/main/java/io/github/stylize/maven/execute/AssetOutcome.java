package io.github.stylize.maven.execute;

import io.github.stylize.engine.RunSummary;
import io.github.stylize.maven.plan.PlannedAsset;
import io.github.stylize.maven.report.AssetStatus;
import io.github.stylize.maven.report.WeightsProvenance;

/**
 * What happened to one asset, with what the build holds of its image, so the report is made from memory.
 *
 * @param asset   the asset
 * @param status  generated, cached (local cache), remote (remote cache), skipped (another shard's) or failed
 * @param millis  wall time spent on it in this build
 * @param failure for {@link AssetStatus#FAILED}: the user-facing reason; for {@link AssetStatus#SKIPPED}: which shard
 *                this build is, e.g. {@code skipped (shard 2/3)}; else null
 * @param run     backend, losses and timings of the run that made the image (on a hit, that earlier run); null for
 *                a failed or skipped asset
 * @param weights the weights that made the image, as written to its metadata; null for a failed or skipped asset, or
 *                where the build records none
 */
public record AssetOutcome(PlannedAsset asset, AssetStatus status, long millis, String failure, RunSummary run,
                           WeightsProvenance weights) {

    /** An image published in this build: rendered, or copied from a cache. */
    static AssetOutcome made(PlannedAsset asset, AssetStatus status, long millis, RunSummary run,
                             WeightsProvenance weights) {
        if (!status.hasResult()) {
            throw new IllegalArgumentException(status + " makes no image");
        }
        return new AssetOutcome(asset, status, millis, null, run, weights);
    }

    /** An asset that failed for {@code reason}. */
    static AssetOutcome failed(PlannedAsset asset, long millis, String reason) {
        return new AssetOutcome(asset, AssetStatus.FAILED, millis, reason, null, null);
    }

    /** An asset left to another shard; {@code why} names this build's shard. */
    static AssetOutcome skipped(PlannedAsset asset, String why) {
        return new AssetOutcome(asset, AssetStatus.SKIPPED, 0, why, null, null);
    }
}
