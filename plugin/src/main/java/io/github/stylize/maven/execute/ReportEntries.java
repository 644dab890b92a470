package io.github.stylize.maven.execute;

import io.github.stylize.maven.plan.InputDigests;
import io.github.stylize.maven.plan.Plan;
import io.github.stylize.maven.plan.PlannedAsset;
import io.github.stylize.maven.report.AssetStatus;
import io.github.stylize.maven.report.ExecutionRecord;
import io.github.stylize.maven.report.ReportEntry;
import io.github.stylize.maven.report.SettingsJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns an execution's plan and outcomes into the report's entries, from what the build holds: settings and input
 * digests from the planned assets, backend, losses, timings and weights from the outcomes, snapshots from the
 * snapshot directory. Snapshots are not cached, so a cache hit keeps those of the previous record only if they show the
 * same cache key.
 */
public final class ReportEntries {
    private static final Pattern SNAPSHOT = Pattern.compile("iteration-(\\d+)\\.png");

    private ReportEntries() {
    }

    /**
     * @param previous this execution's record from the last build, or null
     */
    public static List<ReportEntry> of(Plan plan, ExecutionResult result, Path metadataDirectory, Path outputDirectory,
                                       ExecutionRecord previous) throws IOException {
        Map<String, AssetOutcome> outcomes = new HashMap<>();
        result.outcomes().forEach(o -> outcomes.put(o.asset().id(), o));
        Map<String, ReportEntry> before = new HashMap<>();
        if (previous != null) {
            previous.entries().forEach(e -> before.put(e.id(), e));
        }
        List<ReportEntry> entries = new ArrayList<>();
        for (PlannedAsset asset : plan.declared()) {
            AssetOutcome outcome = outcomes.get(asset.id());
            if (outcome != null) {
                entries.add(entry(outcome, metadataDirectory, outputDirectory, before.get(asset.id())));
            } else if (before.containsKey(asset.id())) {
                entries.add(before.get(asset.id()).asEarlierBuild());
            }
        }
        return entries;
    }

    private static ReportEntry entry(AssetOutcome outcome, Path metadataDirectory, Path outputDirectory,
                                     ReportEntry previous) throws IOException {
        PlannedAsset asset = outcome.asset();
        Map<String, Object> settings = SettingsJson.of(asset.settings());
        if (asset.preview()) {
            settings.put(ReportEntry.PREVIEW, asset.settings().size()); // the report marks it; survives in the JSON
        }
        return ReportEntry.builder(asset.id(), outcome.status())
                .failure(outcome.failure())
                .inputs(inputs(asset))
                .output(outputDirectory.resolve(asset.output()).toAbsolutePath().normalize())
                .settings(settings)
                .cacheKey(asset.cacheKey())
                .run(outcome.run())
                .weights(outcome.weights())
                .buildMillis(outcome.millis())
                .snapshots(snapshots(outcome, metadataDirectory, previous))
                .build();
    }

    /** The input files with the digests the planner computed for the cache key. */
    private static ReportEntry.Inputs inputs(PlannedAsset asset) {
        InputDigests digests = asset.digests();
        List<ReportEntry.StyleImage> styles = new ArrayList<>();
        for (int i = 0; i < asset.styles().size(); i++) {
            styles.add(new ReportEntry.StyleImage(abs(asset.styles().get(i).image()), asset.styles().get(i).weight(),
                    digests.styles().get(i).sha256()));
        }
        return new ReportEntry.Inputs(abs(asset.content()), digests.contentSha256(),
                asset.contentMask() == null ? null : abs(asset.contentMask()), styles);
    }

    /**
     * A run's snapshots: this build's for a generated image; for a hit, the previous record's if it shows the same
     * key and they are still there; none for an asset without an image.
     */
    private static List<ReportEntry.Snapshot> snapshots(AssetOutcome outcome, Path metadataDirectory,
                                                        ReportEntry previous) throws IOException {
        if (outcome.status() == AssetStatus.GENERATED) {
            return snapshots(AssetGenerator.snapshotDirectory(metadataDirectory, outcome.asset().id()));
        }
        if (outcome.status().cacheHit() && previous != null && outcome.asset().cacheKey().equals(previous.cacheKey())) {
            return previous.snapshots().stream().filter(s -> Files.isRegularFile(s.file())).toList();
        }
        return List.of();
    }

    /** The snapshots in a directory, by iteration. */
    static List<ReportEntry.Snapshot> snapshots(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<ReportEntry.Snapshot> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = SNAPSHOT.matcher(f.getFileName().toString());
                if (m.matches()) {
                    found.add(new ReportEntry.Snapshot(Integer.parseInt(m.group(1)), f.toAbsolutePath().normalize()));
                }
            }
        }
        found.sort(Comparator.comparingInt(ReportEntry.Snapshot::iteration));
        return found;
    }

    /** Removes a directory's snapshot images (only files named like snapshots; nothing else is touched). */
    static void deleteSnapshots(Path directory) throws IOException {
        for (ReportEntry.Snapshot s : snapshots(directory)) {
            Files.deleteIfExists(s.file());
        }
    }

    private static Path abs(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
