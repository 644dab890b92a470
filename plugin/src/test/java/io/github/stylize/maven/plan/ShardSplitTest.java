package io.github.stylize.maven.plan;

import io.github.stylize.engine.StyleSettings;
import io.github.stylize.engine.WeightedStyle;
import io.github.stylize.maven.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The split every shard computes alike: balanced, deterministic, stable for costlier assets. */
class ShardSplitTest {
    @TempDir
    Path dir;

    /** Assets with costs as mixed as a real site's: sprites to full-size hero images. */
    static Map<PlannedAsset, Long> mixed(int n, long seed) {
        Random random = new Random(seed);
        long[] sides = {64, 128, 192, 256, 384, 512, 768, 1024};
        Map<PlannedAsset, Long> costs = new HashMap<>();
        for (int i = 0; i < n; i++) {
            long side = sides[random.nextInt(sides.length)];
            costs.put(asset("a" + i), side * side * (50 + random.nextInt(251)));
        }
        return costs;
    }

    static PlannedAsset asset(String id) {
        return new PlannedAsset(id, "stylization '" + id + "'", null, List.of(), id + ".png", null, key(id), false);
    }

    /** A key of its own for each name; no file is hashed. */
    static PlannedAsset.Key key(String name) {
        return new PlannedAsset.Key(CacheKeys.hash("key of " + name), new InputDigests("content of " + name,
                List.of(new CacheKeys.StyleDigest("style of " + name, 1)), "w"));
    }

    static List<PlannedAsset> ordered(Map<PlannedAsset, Long> costs) {
        List<PlannedAsset> list = new ArrayList<>(costs.keySet());
        list.sort((a, b) -> a.id().compareTo(b.id()));
        return list;
    }

    @Test
    void hundredMixedAssetsOverFourShardsAreBalancedWithin15Percent() {
        for (long seed = 1; seed <= 20; seed++) {
            Map<PlannedAsset, Long> costs = mixed(100, seed);
            ShardSplit split = ShardSplit.of(ordered(costs), 4, costs::get);
            assertTrue(split.imbalance() <= 1.15, "seed " + seed + ": " + split.imbalance());
            long sum = 0;
            for (int s = 1; s <= 4; s++) {
                sum += split.load(s);
            }
            assertEquals(costs.values().stream().mapToLong(Long::longValue).sum(), sum);
        }
    }

    @Test
    void everyShardComputesTheSameSplitWhateverTheOrder() {
        Map<PlannedAsset, Long> costs = mixed(60, 7);
        List<PlannedAsset> a = ordered(costs);
        List<PlannedAsset> b = new ArrayList<>(a);
        Collections.shuffle(b, new Random(3));
        ShardSplit x = ShardSplit.of(a, 3, costs::get);
        ShardSplit y = ShardSplit.of(b, 3, costs::get);
        for (PlannedAsset asset : a) {
            assertEquals(x.shardOf(asset), y.shardOf(asset), asset.id());
        }
    }

    @Test
    void addingAnAssetMovesOnlyCheaperOnes() {
        Map<PlannedAsset, Long> costs = mixed(80, 11);
        ShardSplit before = ShardSplit.of(ordered(costs), 4, costs::get);
        PlannedAsset added = asset("new");
        long addedCost = 256L * 256 * 120;
        costs.put(added, addedCost);
        ShardSplit after = ShardSplit.of(ordered(costs), 4, costs::get);
        int costlier = 0;
        for (Map.Entry<PlannedAsset, Long> e : costs.entrySet()) {
            if (e.getValue() > addedCost) {
                costlier++;
                assertEquals(before.shardOf(e.getKey()), after.shardOf(e.getKey()), e.getKey().id() + " is costlier");
            }
        }
        assertTrue(costlier > 10 && costlier < 70, "the added asset sits in the middle: " + costlier);
    }

    @Test
    void assetsSharingAKeyShareAShard() {
        PlannedAsset a = asset("a");
        PlannedAsset twin = new PlannedAsset("twin", "stylization 'twin'", null, List.of(), "twin.png", null, a.key(),
                false);
        List<PlannedAsset> all = new ArrayList<>(List.of(a, twin));
        for (int i = 0; i < 5; i++) {
            all.add(asset("b" + i));
        }
        ShardSplit split = ShardSplit.of(all, 3, x -> 100);
        assertEquals(split.shardOf(a), split.shardOf(twin));
        assertEquals(600, split.totalCost(), "the shared key counts once");
    }

    @Test
    void costIsThePixelsTheEngineOptimizesTimesIterations() throws Exception {
        Path wide = TestImages.png(dir.resolve("wide.png"), 40, 20, 10);
        Path style = TestImages.png(dir.resolve("style.png"), 8, 8, 90);
        Plan plan = Planner.plan(PlanRequest.builder().stylizations(List.of(
                        new StylizationDeclaration("small", wide, style, null,
                                Overrides.builder().set("size", "64").set("iterations", "10").build()),
                        new StylizationDeclaration("shrunk", wide, style, null,
                                Overrides.builder().set("size", "20").set("iterations", "10").build())))
                .weightsIdentity(() -> "w").build());
        assertEquals(40L * 20 * 10, ShardSplit.cost(plan.selected().get(0)), "not enlarged");
        assertEquals(20L * 10 * 10, ShardSplit.cost(plan.selected().get(1)), "shrunk to the longest side");
        PlannedAsset unreadable = new PlannedAsset("x", "x", dir.resolve("missing.png"), List.of(WeightedStyle.of(style)),
                "x.png", StyleSettings.builder().size(32).iterations(3).build(), key("x"), false);
        assertEquals(32L * 32 * 3, ShardSplit.cost(unreadable));
    }

    @Test
    void shardSpecsAreParsedOrRefusedWithTheExpectedForm() {
        assertEquals(new Shard(2, 3), Shard.parse(" 2/3 ", "stylize.shard"));
        for (String bad : List.of("0/3", "4/3", "2", "a/b", "1/0", "1/2/3")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad, "stylize.shard"));
            assertTrue(e.getMessage().startsWith("stylize.shard: ") && e.getMessage().contains("2/3"), e.getMessage());
        }
    }
}
