package io.github.stylize.maven.execute;

import io.github.stylize.maven.plan.PlannedAsset;

/**
 * What happened to one asset.
 *
 * @param asset   the asset
 * @param result  cached (local cache), remote (remote cache), generated, skipped (another shard's) or failed
 * @param millis  wall time spent on it in this build
 * @param failure for {@link Result#FAILED}: the user-facing reason; for {@link Result#SKIPPED}: which shard this
 *                build is, e.g. {@code skipped (shard 2/3)}; else null
 */
public record AssetOutcome(PlannedAsset asset, Result result, long millis, String failure) {
    public enum Result {
        CACHED, REMOTE, GENERATED, SKIPPED, FAILED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
