package io.github.stylize.maven.execute;

import io.github.stylize.engine.RunSummary;
import io.github.stylize.maven.json.Json;
import io.github.stylize.maven.json.RunJson;
import io.github.stylize.maven.plan.CacheKeys;
import io.github.stylize.maven.plan.Plan;
import io.github.stylize.maven.plan.PlannedAsset;
import io.github.stylize.maven.report.ExecutionRecord;
import io.github.stylize.maven.report.ReportEntry;
import io.github.stylize.maven.report.SettingsJson;
import io.github.stylize.maven.report.WeightsProvenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Turns an execution's plan and outcomes into the report's entries: settings and input digests from the plan, losses,
 * backend and engine timings from the metadata files just written, snapshots from the snapshot directory. Snapshots are
 * not cached, so a cache hit keeps those of the previous record only if they show the same cache key.
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
        String contentSha = CacheKeys.field(asset.cacheKeyInput(), "content.sha256");
        List<ReportEntry.StyleImage> styles = new ArrayList<>();
        for (int i = 0; i < asset.styles().size(); i++) {
            styles.add(new ReportEntry.StyleImage(abs(asset.styles().get(i).image()), asset.styles().get(i).weight(),
                    CacheKeys.field(asset.cacheKeyInput(), CacheKeys.styleField(i, asset.styles().size()))));
        }
        Path output = outputDirectory.resolve(asset.output()).toAbsolutePath().normalize();
        Map<String, Object> settings = SettingsJson.of(asset.settings());
        if (asset.preview()) {
            settings.put(ReportEntry.PREVIEW, asset.settings().size()); // the report marks it; survives in the JSON
        }
        if (outcome.result() == AssetOutcome.Result.FAILED || outcome.result() == AssetOutcome.Result.SKIPPED) {
            // Nothing was written for it in this build: no metadata to read.
            return new ReportEntry(asset.id(), outcome.result() == AssetOutcome.Result.FAILED ? ReportEntry.FAILED
                    : ReportEntry.SKIPPED, outcome.failure(), false, abs(asset.content()),
                    styles, contentSha, output, settings, asset.cacheKey(), null, null, List.of(), 0,
                    null, outcome.millis(), List.of());
        }
        Map<?, ?> metadata = (Map<?, ?>) Json.parse(Files.readString(
                metadataDirectory.resolve(AssetGenerator.metadataName(asset)), StandardCharsets.UTF_8));
        boolean generated = outcome.result() == AssetOutcome.Result.GENERATED;
        RunSummary run = RunJson.runFromJson(metadata, "millis");
        List<ReportEntry.Snapshot> snapshots;
        if (generated) {
            snapshots = snapshots(AssetGenerator.snapshotDirectory(metadataDirectory, asset.id()));
        } else if (previous != null && asset.cacheKey().equals(previous.cacheKey())) {
            snapshots = previous.snapshots().stream().filter(s -> Files.isRegularFile(s.file())).toList();
        } else {
            snapshots = List.of();
        }
        return new ReportEntry(asset.id(), generated ? ReportEntry.GENERATED : ReportEntry.CACHED, null, false,
                abs(asset.content()), styles, contentSha, output, settings, asset.cacheKey(),
                run.backend(), WeightsProvenance.fromJson(metadata.get("weights")), run.losses(),
                run.timings().totalMillis(), run.timings(), outcome.millis(), snapshots);
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
