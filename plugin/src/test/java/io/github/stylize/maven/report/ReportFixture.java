package io.github.stylize.maven.report;

import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.RunSummary;
import io.github.stylize.engine.RunTimings;
import io.github.stylize.engine.files.Digests;
import io.github.stylize.engine.weights.WeightsSource;
import io.github.stylize.maven.it.ItFixtures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A project tree as a build leaves it (inputs under {@code src/}, results under {@code target/generated-resources},
 * metadata and snapshots under {@code target/stylize}), with real PNG files and one execution's record: two assets
 * that share content and style (a comparison sheet) made with the Keras weights, one with its own style and a TV term
 * made with random weights, one failed. File and asset
 * names hold characters that need escaping in HTML and in URLs.
 */
final class ReportFixture {
    static final String CONTENT_NAME = "harbor #1 & <sea> é.png";
    static final String CPU = "CPU (x86_64, AVX2)";
    static final WeightsProvenance KERAS = new WeightsProvenance(WeightsProvenance.DEFAULT, WeightsSource.DEFAULT_URL,
            "keras-vgg19-notop md5:" + WeightsSource.DEFAULT_MD5);
    /** sprites/tree's weights: a preview. */
    static final WeightsProvenance RANDOM = new WeightsProvenance(WeightsProvenance.RANDOM, "random",
            "random-he:v1:seed=20150826");

    final Path project;
    final Path metadataDirectory;
    final Path outputDirectory;
    final ExecutionRecord record;

    ReportFixture(Path project) throws IOException {
        this.project = project;
        this.metadataDirectory = project.resolve("target/stylize");
        this.outputDirectory = project.resolve("target/generated-resources/stylize");
        Path content = ItFixtures.drawContent(project.resolve("src/main/stylize/content/" + CONTENT_NAME), 96, 64, 0);
        Path mosaic = ItFixtures.drawStyle(project.resolve("src/main/stylize/styles/mosaic.png"), 64, 0);
        Path waves = ItFixtures.drawStyle(project.resolve("src/main/stylize/styles/waves.png"), 64, 1);
        Path tree = ItFixtures.drawContent(project.resolve("src/main/stylize/content/sprites/tree.png"), 48, 48, 1);

        List<ReportEntry> entries = new ArrayList<>();
        Path shortRun = ItFixtures.drawContent(outputDirectory.resolve("harbor-mosaic.png"), 96, 64, 2);
        List<ReportEntry.Snapshot> snapshots = List.of(
                snapshot("harbor-mosaic", 4), snapshot("harbor-mosaic", 8));
        entries.add(ReportEntry.builder("harbor-mosaic", AssetStatus.GENERATED).inputs(alone(content, mosaic))
                .output(shortRun).settings(settings(8, 1000.0, 0.0)).cacheKey("a".repeat(64))
                .run(new RunSummary(CPU, losses(8, 1000.0, 0.0), new RunTimings(400, 3_000, 8, 9))).weights(KERAS)
                .buildMillis(3_600).snapshots(snapshots).build());
        Path longRun = ItFixtures.drawContent(outputDirectory.resolve("harbor-mosaic-long.png"), 96, 64, 3);
        entries.add(ReportEntry.builder("harbor-mosaic-long", AssetStatus.CACHED).inputs(alone(content, mosaic))
                .output(longRun).settings(settings(40, 10000.0, 0.0)).cacheKey("b".repeat(64))
                .run(new RunSummary(CPU, losses(40, 10000.0, 0.0), new RunTimings(600, 16_400, 40, 41)))
                .weights(KERAS).buildMillis(12).build());
        Path treeOut = ItFixtures.drawContent(outputDirectory.resolve("sprites/tree.png"), 48, 48, 4);
        entries.add(ReportEntry.builder("sprites/tree", AssetStatus.GENERATED).inputs(alone(tree, waves))
                .output(treeOut).settings(with(settings(8, 1000.0, 5.0), "snapshotEvery", 0L)).cacheKey("c".repeat(64))
                .run(new RunSummary(CPU, losses(8, 1000.0, 5.0), new RunTimings(100, 800, 8, 9))).weights(RANDOM)
                .buildMillis(950).build());
        entries.add(ReportEntry.builder("broken-<b>", AssetStatus.FAILED)
                .failure("cannot decode <script>alert(1)</script> & more: not a PNG")
                .inputs(new ReportEntry.Inputs(tree, sha(tree), List.of(new ReportEntry.StyleImage(waves, 1,
                        "0".repeat(64)))))
                .output(outputDirectory.resolve("broken.png")).settings(settings(8, 1000.0, 0.0))
                .cacheKey("d".repeat(64)).buildMillis(40).build());
        this.record = new ExecutionRecord("default", "Fixture <game> & art", "2025-01-01T12:00:00Z", entries);
        record.write(metadataDirectory);
    }

    private static ReportEntry.Inputs alone(Path content, Path style) throws IOException {
        return new ReportEntry.Inputs(content, sha(content), List.of(new ReportEntry.StyleImage(style, 1, sha(style))));
    }

    ReportEntry entry(String id) {
        return record.entries().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    private ReportEntry.Snapshot snapshot(String id, int iteration) {
        Path file = metadataDirectory.resolve("snapshots").resolve(id).resolve(String.format("iteration-%05d.png", iteration));
        ItFixtures.drawContent(file, 96, 64, iteration);
        return new ReportEntry.Snapshot(iteration, file);
    }

    static Map<String, Object> settings(int iterations, double styleWeight, double tvWeight) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("size", 96L);
        s.put("iterations", (long) iterations);
        s.put("optimizer", "adam");
        s.put("learningRate", 10.0);
        s.put("contentWeight", 1.0);
        s.put("styleWeight", styleWeight);
        s.put("tvWeight", tvWeight);
        s.put("styleLayers", List.of("conv1_1", "conv2_1", "conv3_1", "conv4_1", "conv5_1"));
        s.put("snapshotEvery", 4L);
        s.put("algorithmVersion", 3L);
        return s;
    }

    private static Map<String, Object> with(Map<String, Object> settings, String name, Object value) {
        settings.put(name, value);
        return settings;
    }

    /** Losses that fall like a real run's: style fast, content rising a little, TV only if weighted. */
    static List<IterationLoss> losses(int iterations, double styleWeight, double tvWeight) {
        List<IterationLoss> losses = new ArrayList<>();
        for (int i = 0; i <= iterations; i++) {
            double style = styleWeight * (4e3 * Math.exp(-i / 3.0) + 20);
            double content = 1e5 * (1 - Math.exp(-i / 5.0)) + 3e3;
            double tv = tvWeight * (800 - 10 * i);
            losses.add(new IterationLoss(i, content, style, tv, content + style + tv));
        }
        return losses;
    }

    private static String sha(Path file) throws IOException {
        return Digests.sha256Hex(file);
    }
}
