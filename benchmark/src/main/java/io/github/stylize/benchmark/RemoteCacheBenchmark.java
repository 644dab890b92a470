package io.github.stylize.benchmark;

import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.RunSummary;
import io.github.stylize.engine.RunTimings;
import io.github.stylize.engine.StyleSettings;
import io.github.stylize.engine.image.ImageWriter;
import io.github.stylize.engine.image.RgbImage;
import io.github.stylize.maven.cache.ImageCache;
import io.github.stylize.maven.cache.RemoteCache;
import io.github.stylize.maven.cache.RemoteCacheSettings;
import io.github.stylize.maven.execute.AssetGenerator;
import io.github.stylize.maven.execute.BuildLog;
import io.github.stylize.maven.execute.ExecutionResult;
import io.github.stylize.maven.execute.Renderer;
import io.github.stylize.maven.execute.Rendering;
import io.github.stylize.maven.plan.Overrides;
import io.github.stylize.maven.plan.Plan;
import io.github.stylize.maven.plan.PlanRequest;
import io.github.stylize.maven.plan.PlannedAsset;
import io.github.stylize.maven.plan.Planner;
import io.github.stylize.maven.plan.ShardSplit;
import io.github.stylize.maven.plan.StylizationDeclaration;
import io.github.stylize.maven.publish.OutputPublisher;
import io.github.stylize.maven.report.AssetStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The figures of the remote cache in performance.md: how long the plugin takes to get N images of mixed sizes from a
 * loopback server into an empty local cache and the output directory, and how evenly the shard split spreads their
 * cost. The images are pushed first by the same executor with a stand-in renderer (noise PNGs of each asset's output
 * size, so the objects are as large as real ones); only the cache path is measured. Run by benchmark/remote-cache.sh,
 * which starts nginx.
 */
public final class RemoteCacheBenchmark {
    private static final String USAGE = "RemoteCacheBenchmark --url http://127.0.0.1:PORT/cache/ --user U --password P"
            + " [--assets 100] [--shards 4] [--runs 3] [--work DIR]";
    /** Longest sides and iteration counts of the mix: sprites to hero images, quick previews to long runs. */
    private static final int[] SIDES = {128, 192, 256, 384, 512, 768, 1024};
    private static final int[] ITERATIONS = {50, 100, 100, 200, 300};

    private RemoteCacheBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String[] url = {null};
        String[] user = {null};
        String[] password = {null};
        int[] assets = {100};
        int[] shards = {4};
        int[] runs = {3};
        Path[] work = {Path.of("benchmark/target/remote-cache")};
        Arguments.parse(args, Set.of(), USAGE, (name, value) -> {
            switch (name) {
                case "--url" -> url[0] = value;
                case "--user" -> user[0] = value;
                case "--password" -> password[0] = value;
                case "--assets" -> assets[0] = Integer.parseInt(value);
                case "--shards" -> shards[0] = Integer.parseInt(value);
                case "--runs" -> runs[0] = Integer.parseInt(value);
                case "--work" -> work[0] = Path.of(value);
                default -> throw Arguments.unknown(name, USAGE);
            }
        });
        if (url[0] == null) {
            throw new IllegalArgumentException("--url is required\n" + USAGE);
        }
        Plan plan = plan(work[0].resolve("inputs"), assets[0]);
        shardBalance(plan, shards[0]);
        remoteHits(plan, work[0], url[0], user[0], password[0], runs[0]);
    }

    /** N stylizations of solid-colour content images of mixed sizes (only headers and digests are read). */
    static Plan plan(Path inputs, int n) throws Exception {
        Random random = new Random(42);
        Path style = write(inputs.resolve("style.png"), 64, 64, 0x336699);
        List<StylizationDeclaration> declarations = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int side = SIDES[random.nextInt(SIDES.length)];
            int other = side / 2 + random.nextInt(side / 2 + 1);
            boolean landscape = random.nextBoolean();
            Path content = write(inputs.resolve("content-" + i + ".png"), landscape ? side : other,
                    landscape ? other : side, random.nextInt(0xffffff));
            declarations.add(new StylizationDeclaration(String.format(Locale.ROOT, "asset-%03d", i), content, style,
                    null, Overrides.builder().set("size", String.valueOf(side))
                    .set("iterations", String.valueOf(ITERATIONS[random.nextInt(ITERATIONS.length)])).build()));
        }
        return Planner.plan(PlanRequest.builder().stylizations(declarations).weightsIdentity(() -> "benchmark")
                .build());
    }

    static void shardBalance(Plan plan, int shards) {
        List<PlannedAsset> assets = plan.selected();
        ShardSplit split = ShardSplit.of(assets, shards, ShardSplit::cost);
        System.out.printf(Locale.ROOT, "shard split: %d assets over %d shards, cost = pixels x iterations%n",
                assets.size(), shards);
        long mean = split.totalCost() / shards;
        for (int s = 1; s <= shards; s++) {
            int shard = s;
            long count = assets.stream().filter(a -> split.shardOf(a) == shard).count();
            System.out.printf(Locale.ROOT, "  shard %d/%d: %3d assets, cost %,d (%.4f of the mean)%n", s, shards,
                    count, split.load(s), split.load(s) / (double) mean);
        }
        System.out.printf(Locale.ROOT, "  largest shard / mean: %.4f%n", split.imbalance());
        // Stability: a new asset of the median cost, then which of the old assets changed shard.
        List<PlannedAsset> more = new ArrayList<>(assets);
        PlannedAsset median = assets.stream().sorted((a, b) -> Long.compare(ShardSplit.cost(a), ShardSplit.cost(b)))
                .toList().get(assets.size() / 2);
        // A key of its own: only the key decides which assets share a shard.
        more.add(new PlannedAsset("added", "added", median.content(), median.styles(), "added.png", median.settings(),
                new PlannedAsset.Key("f".repeat(64), median.digests()), false));
        ShardSplit after = ShardSplit.of(more, shards, ShardSplit::cost);
        List<PlannedAsset> moved = assets.stream().filter(a -> split.shardOf(a) != after.shardOf(a)).toList();
        long costlier = moved.stream().filter(a -> ShardSplit.cost(a) > ShardSplit.cost(median)).count();
        System.out.printf(Locale.ROOT, "  adding one asset of the median cost moves %d of the %d others (%d of them"
                + " costlier than it); largest / mean after: %.4f%n", moved.size(), assets.size(), costlier,
                after.imbalance());
    }

    static void remoteHits(Plan plan, Path work, String url, String user, String password, int runs) throws Exception {
        RemoteCacheSettings push = settings(url, user, password, true);
        BuildLog log = new QuietLog();
        ExecutionResult pushed = generator(work.resolve("push"), new RemoteCache(push, log::warn), log,
                new AssetGenerator.Options(false, false, null)).execute(plan);
        long bytes = 0;
        for (PlannedAsset a : plan.selected()) {
            bytes += Files.size(work.resolve("push/out").resolve(a.output()));
        }
        System.out.printf(Locale.ROOT, "remote cache: %d images pushed (%.1f MB of PNG), %d failed%n",
                pushed.count(AssetStatus.GENERATED), bytes / 1e6, pushed.failures().size());
        long[] millis = new long[runs];
        for (int r = 0; r < runs; r++) {
            Path machine = work.resolve("machine-" + r);
            deleteTree(machine);
            long start = System.nanoTime();
            ExecutionResult result = generator(machine, new RemoteCache(settings(url, null, null, false), log::warn),
                    log, new AssetGenerator.Options(false, true, null)).execute(plan);
            millis[r] = (System.nanoTime() - start) / 1_000_000;
            if (result.count(AssetStatus.REMOTE) != plan.selected().size()) {
                throw new IllegalStateException("expected every image from the remote cache: " + result.outcomes());
            }
            System.out.printf(Locale.ROOT, "  run %d: %d remote hits, empty local cache: %d ms (engine loaded: %s)%n",
                    r + 1, result.count(AssetStatus.REMOTE), millis[r], result.engineLoaded());
            long again = System.nanoTime();
            ExecutionResult local = generator(machine, new RemoteCache(settings(url, null, null, false), log::warn),
                    log, new AssetGenerator.Options(false, true, null)).execute(plan);
            System.out.printf(Locale.ROOT, "         then %d local hits: %d ms%n",
                    local.count(AssetStatus.CACHED), (System.nanoTime() - again) / 1_000_000);
        }
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "  median of %d runs: %d ms for %d remote hits%n", runs, millis[runs / 2],
                plan.selected().size());
    }

    private static AssetGenerator generator(Path machine, RemoteCache remote, BuildLog log,
                                            AssetGenerator.Options options) {
        return AssetGenerator.builder().cache(new ImageCache(machine.resolve("cache"))).remote(remote)
                .publisher(new OutputPublisher(machine.resolve("out"))).metadataDirectory(machine.resolve("meta"))
                .manifestFile(machine.resolve("meta/outputs.txt")).renderer(NoiseRenderer::new).log(log)
                .progressIntervalMillis(60_000).options(options).build();
    }

    private static RemoteCacheSettings settings(String url, String user, String password, boolean push) {
        return RemoteCacheSettings.builder().url(RemoteCacheSettings.parseUrl(url)).serverId(push ? "benchmark" : null)
                .push(push).username(user).password(password).build();
    }

    /** Noise at the asset's output size: an incompressible PNG, as large as a stylized image gets. */
    private static final class NoiseRenderer implements Renderer {
        @Override
        public Rendering render(PlannedAsset asset, io.github.stylize.engine.ProgressListener listener) {
            int size = asset.settings().size();
            float[] rgb = new float[size * (size * 3 / 4) * 3];
            Random random = new Random(asset.cacheKey().hashCode());
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = random.nextInt(256);
            }
            byte[] png = ImageWriter.encode(new RgbImage(size, size * 3 / 4, rgb, null), StyleSettings.Format.PNG, 1.0);
            int n = asset.settings().iterations();
            return new Rendering(png, new RunSummary("benchmark stand-in", List.of(new IterationLoss(0, 1, 1, 0, 2),
                    new IterationLoss(n, 0.5, 0.5, 0, 1)), new RunTimings(1, 1, n, n + 1)));
        }
    }

    private static Path write(Path file, int width, int height, int rgb) throws IOException {
        float[] pixels = new float[width * height * 3];
        for (int i = 0; i < pixels.length; i += 3) {
            pixels[i] = (rgb >> 16) & 0xFF;
            pixels[i + 1] = (rgb >> 8) & 0xFF;
            pixels[i + 2] = rgb & 0xFF;
        }
        Files.createDirectories(file.getParent());
        Files.write(file, ImageWriter.encode(new RgbImage(width, height, pixels, null), StyleSettings.Format.PNG, 1.0));
        return file;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Warnings and errors only: the figures are the output. */
    private static final class QuietLog implements BuildLog {
        @Override public void info(String m) { }
        @Override public void warn(String m) { System.out.println("WARN " + m); }
        @Override public void error(String m) { System.out.println("ERROR " + m); }
        @Override public void error(String m, Throwable t) { System.out.println("ERROR " + m + ": " + t); }
        @Override public void debug(String m) { }
    }
}
