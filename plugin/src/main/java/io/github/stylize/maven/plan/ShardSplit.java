package io.github.stylize.maven.plan;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Which shard builds which asset: a pure function of the assets, so every shard of a plan computes the same split
 * without talking to the others. Whether an asset is cached does not enter it (shards would disagree); each shard
 * skips its cached assets afterwards.
 *
 * <p>Longest processing time first: distinct cache keys, by expected cost descending (the key breaks ties), each go
 * to the shard with the least cost so far (the lowest index breaks ties). Assets sharing a key share a shard, so no
 * image is computed twice. Adding an asset moves only assets cheaper than it; the costlier ones keep their shard.
 */
public final class ShardSplit {
    private final int total;
    private final Map<String, Integer> shardOfKey = new LinkedHashMap<>();
    private final long[] load;

    private ShardSplit(int total) {
        this.total = total;
        this.load = new long[total];
    }

    /** Splits {@code assets} (each with a cache key) into {@code total} shards by {@code cost}. */
    public static ShardSplit of(List<PlannedAsset> assets, int total, ToLongFunction<PlannedAsset> cost) {
        ShardSplit split = new ShardSplit(total);
        Map<String, Long> costOfKey = new LinkedHashMap<>();
        for (PlannedAsset a : assets) {
            costOfKey.putIfAbsent(a.cacheKey(), Math.max(1, cost.applyAsLong(a)));
        }
        List<Map.Entry<String, Long>> units = new ArrayList<>(costOfKey.entrySet());
        units.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        for (Map.Entry<String, Long> unit : units) {
            int lightest = 0;
            for (int s = 1; s < total; s++) {
                if (split.load[s] < split.load[lightest]) {
                    lightest = s;
                }
            }
            split.load[lightest] += unit.getValue();
            split.shardOfKey.put(unit.getKey(), lightest + 1);
        }
        return split;
    }

    /** The 1-based shard that builds {@code asset}. */
    public int shardOf(PlannedAsset asset) {
        Integer s = shardOfKey.get(asset.cacheKey());
        if (s == null) {
            throw new IllegalArgumentException("asset " + asset.id() + " was not part of the split");
        }
        return s;
    }

    /** The expected cost of shard {@code shard} (1-based). */
    public long load(int shard) {
        return load[shard - 1];
    }

    public long totalCost() {
        long sum = 0;
        for (long l : load) {
            sum += l;
        }
        return sum;
    }

    /** The largest shard's cost over the mean: 1.0 is a perfect split. */
    public double imbalance() {
        long max = 0;
        for (long l : load) {
            max = Math.max(max, l);
        }
        long sum = totalCost();
        return sum == 0 ? 1.0 : max * (double) total / sum;
    }

    /**
     * An asset's expected cost: the pixels the engine optimizes (the content image's size from its header, shrunk so
     * the longest side is at most {@code size}) times its iterations. Unreadable headers count as {@code size}².
     */
    public static long cost(PlannedAsset asset) {
        int size = asset.settings().size();
        long pixels = (long) size * size;
        int[] dims = dimensions(asset.content());
        if (dims != null) {
            double scale = Math.min(1.0, size / (double) Math.max(dims[0], dims[1]));
            pixels = Math.max(1, Math.round(dims[0] * scale)) * Math.max(1, Math.round(dims[1] * scale));
        }
        return pixels * asset.settings().iterations();
    }

    /** Width and height from the file's header, without decoding the image; null if unreadable. */
    static int[] dimensions(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[]{reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
