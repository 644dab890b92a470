package io.github.stylize.maven.execute;

import io.github.stylize.maven.plan.PlannedAsset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * The progress of a build that generates several assets, logged as each one starts:
 * {@code [sprites/tree] asset 3 of 12 to generate; build ETA about 4:05}. The ETA is the cost still to generate
 * (pixels x iterations, this asset's included) at the pace of the assets generated so far, so a large image ahead
 * counts for more than a small one behind. An estimate, not a bound: runs that {@code tolerance} ends early make the
 * pace vary. Cache hits are neither counted nor timed: they take no engine time.
 */
final class BuildProgress {
    private final BuildLog log;
    private final LongSupplier nanoTime;
    private final ToLongFunction<PlannedAsset> cost;
    /** Expected cost of each cache key still to generate: assets sharing a key are generated once. */
    private final Map<String, Long> costLeft = new LinkedHashMap<>();

    private int total;
    private int started;
    private long costDone;
    private long nanosDone;
    private long assetStartNanos;

    /**
     * @param toGenerate the assets this build expects to generate (not found in any cache), in build order
     * @param cost       an asset's expected cost, e.g. {@link io.github.stylize.maven.plan.ShardSplit#cost}
     */
    BuildProgress(List<PlannedAsset> toGenerate, ToLongFunction<PlannedAsset> cost, BuildLog log,
                  LongSupplier nanoTime) {
        this.log = log;
        this.nanoTime = nanoTime;
        this.cost = cost;
        for (PlannedAsset asset : toGenerate) {
            expect(asset);
        }
        this.total = costLeft.size();
    }

    private void expect(PlannedAsset asset) {
        costLeft.putIfAbsent(asset.cacheKey(), Math.max(1, cost.applyAsLong(asset)));
    }

    /** Before {@code asset} is generated: the overall line, when the build generates more than one asset. */
    void starting(PlannedAsset asset) {
        if (!costLeft.containsKey(asset.cacheKey())) {
            // Expected in the cache, yet generated (an entry found damaged): one more to do.
            expect(asset);
            total++;
        }
        started++;
        assetStartNanos = nanoTime.getAsLong();
        if (total > 1) {
            log.info(line(asset));
        }
    }

    /** After {@code asset}'s run ended; a failed run's time says nothing about the pace, so only a success counts. */
    void finished(PlannedAsset asset, boolean succeeded) {
        Long assetCost = costLeft.remove(asset.cacheKey());
        if (succeeded && assetCost != null) {
            costDone += assetCost;
            nanosDone += nanoTime.getAsLong() - assetStartNanos;
        }
    }

    String line(PlannedAsset asset) {
        String head = String.format(Locale.ROOT, "[%s] asset %d of %d to generate; ", asset.id(), started, total);
        if (costDone == 0) {
            return head + "a build ETA follows once one is done";
        }
        long left = costLeft.values().stream().mapToLong(Long::longValue).sum();
        long seconds = Math.round(nanosDone / 1e9 * left / costDone);
        return head + "build ETA about " + ProgressReporter.clock(seconds);
    }
}
