package io.github.stylize.maven.build;

import io.github.stylize.engine.files.AtomicFiles;
import io.github.stylize.maven.cache.ImageCache;
import io.github.stylize.maven.cache.RemoteCache;
import io.github.stylize.maven.execute.AssetGenerator;
import io.github.stylize.maven.execute.AssetOutcome;
import io.github.stylize.maven.execute.BuildLog;
import io.github.stylize.maven.execute.EngineRenderer;
import io.github.stylize.maven.execute.ExecutionResult;
import io.github.stylize.maven.execute.ReportEntries;
import io.github.stylize.maven.plan.Plan;
import io.github.stylize.maven.plan.PlannedAsset;
import io.github.stylize.maven.plan.PlanException;
import io.github.stylize.maven.plan.PlanProblem;
import io.github.stylize.maven.plan.Planner;
import io.github.stylize.maven.publish.DirectoryLocks;
import io.github.stylize.maven.publish.OutputManifest;
import io.github.stylize.maven.publish.OutputPublisher;
import io.github.stylize.maven.report.AssetStatus;
import io.github.stylize.maven.report.ExecutionRecord;
import io.github.stylize.maven.report.HtmlReport;
import io.github.stylize.maven.report.ReportEntry;
import io.github.stylize.maven.report.ReportPages;
import io.github.stylize.maven.report.SummaryTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One execution of the {@code generate} goal, in the order the data flows: plan the assets, hold the written
 * directories, produce each asset (cache or engine, then publish), summarize, write the report, and fail for the
 * assets that could not be produced.
 */
public final class BuildOrchestrator {
    private final BuildRequest request;
    private final BuildLog log;

    public BuildOrchestrator(BuildRequest request, BuildLog log) {
        this.request = request;
        this.log = log;
    }

    /**
     * Runs the build.
     *
     * @throws BuildFailure for a configuration problem (before any work) or for assets that failed
     * @throws IOException  if the output or metadata directory cannot be updated
     */
    public ExecutionResult run() throws BuildFailure, IOException {
        Plan plan = plan();
        log.info("stylize: " + describeSelection(plan) + ", cache " + request.cacheDirectory());
        if (request.requireCached() && request.force()) {
            throw new BuildFailure("stylize: stylize.requireCached=true and stylize.force=true contradict each other"
                    + " (force generates every asset, requireCached forbids generating any); drop one of them");
        }
        AssetGenerator generator = assetGenerator();
        ExecutionResult result;
        try (DirectoryLocks locks = lockWrittenDirectories()) {
            result = generator.execute(plan);
            logSummary(result);
            warnIfPreview(plan);
            writeReport(plan, result);
        }
        failOnFailures(result);
        return result;
    }

    /** What this execution would do; a configuration problem fails it before any work. */
    public Plan plan() throws BuildFailure {
        try {
            return Planner.plan(request.plan());
        } catch (PlanException e) {
            throw failBeforeAnyWork(request.metadataDirectory(), request.executionId(), request.title(),
                    e.getMessage(), e.problems().stream().map(PlanProblem::describe).toList(), log);
        }
    }

    private AssetGenerator assetGenerator() {
        BuildRequest r = request;
        return AssetGenerator.builder()
                .cache(new ImageCache(r.cacheDirectory()))
                .remote(r.remoteCache() == null ? null : new RemoteCache(r.remoteCache(), log::warn))
                .publisher(new OutputPublisher(r.outputDirectory(), r.packagedCopies(), AtomicFiles.Filler.DURABLE))
                .metadataDirectory(r.metadataDirectory())
                .manifestFile(OutputManifest.fileFor(r.metadataDirectory(), r.executionId(), r.outputDirectory()))
                .renderer(() -> new EngineRenderer(r.weightsSource(), r.plan().weightsIdentity().get(),
                        r.weightsOptions(), log, r.requireGpu(), r.plan().maxPixels()))
                .log(log)
                .progressIntervalMillis(r.progressIntervalMillis())
                .options(new AssetGenerator.Options(r.force(), r.requireCached(), r.shard(), r.weightsSource()))
                .build();
    }

    /**
     * Holds the output and metadata directories until the report is written, so a second build writing into them
     * waits. A lock that cannot be taken (an unwritable cache directory) costs only that protection: warned, not fatal.
     */
    private DirectoryLocks lockWrittenDirectories() {
        Path locks = request.cacheDirectory().resolve("locks");
        try {
            return DirectoryLocks.acquire(locks, List.of(request.outputDirectory(), request.metadataDirectory()),
                    log::info);
        } catch (IOException e) {
            log.warn("stylize: could not lock " + request.outputDirectory() + " against other builds ("
                    + e.getMessage() + " in " + locks + "); go on, but do not run two builds into the same directories"
                    + " at once");
            return null;
        }
    }

    private static String describeSelection(Plan plan) {
        int declared = plan.declared().size();
        int selected = plan.selected().size();
        return declared + (declared == 1 ? " asset" : " assets")
                + (selected == declared ? "" : ", " + selected + " selected by stylize.only");
    }

    private void logSummary(ExecutionResult result) {
        SummaryTable table = new SummaryTable();
        for (AssetOutcome o : result.outcomes()) {
            String label = o.status() == AssetStatus.SKIPPED ? o.failure() : o.status().label();
            table.add(o.asset().id(), label, o.millis(), o.asset().output());
        }
        table.lines().forEach(line -> log.info("  " + line));
        long remote = result.count(AssetStatus.REMOTE);
        long skipped = result.count(AssetStatus.SKIPPED);
        log.info(String.format("stylize: %d cached%s, %d generated, %d failed%s in %s%s",
                result.count(AssetStatus.CACHED) + remote,
                remote == 0 ? "" : " (" + remote + " from the remote cache)",
                result.count(AssetStatus.GENERATED), result.count(AssetStatus.FAILED),
                skipped == 0 ? "" : ", " + skipped + " skipped (shard " + request.shard() + ")",
                SummaryTable.seconds(result.millis()),
                result.engineLoaded() ? "" : "; engine not started (ND4J not loaded)"));
    }

    /** Preview images land where the full renders go, and are packaged alike: say so where a release build shows. */
    private void warnIfPreview(Plan plan) {
        int preview = request.plan().preview();
        if (plan.selected().stream().anyMatch(PlannedAsset::preview)) {
            log.warn("stylize: preview build (stylize.preview=" + preview + "): the images in "
                    + request.outputDirectory() + " are at most " + preview + " pixels on their longest side and are"
                    + " packaged like full renders; build without -Dstylize.preview before releasing them");
        }
    }

    /**
     * Records this execution for the report and renders {@code index.html} from every execution's record. A report
     * that cannot be written is a warning: the images, which the build is for, are in place.
     */
    private void writeReport(Plan plan, ExecutionResult result) {
        Path directory = request.metadataDirectory();
        try {
            List<ReportEntry> entries = ReportEntries.of(plan, result, directory, request.outputDirectory(),
                    ExecutionRecord.read(directory, request.executionId()));
            // the user's local time, as the page shows it
            String writtenAt = OffsetDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS).toString();
            new ExecutionRecord(request.executionId(), request.title(), writtenAt, entries).write(directory);
            Path page = ReportPages.writeBuildPage(directory, request.title());
            log.info("stylize: report " + page.toUri());
        } catch (IOException | RuntimeException e) {
            log.warn("stylize: could not write the report in " + directory + ": " + e.getMessage());
        }
    }

    /** Fails the build listing every failed asset, the assets failing for one cause together, the cause once. */
    static void failOnFailures(ExecutionResult result) throws BuildFailure {
        List<AssetOutcome> failures = result.failures();
        if (failures.isEmpty()) {
            return;
        }
        Map<String, List<String>> byCause = new LinkedHashMap<>();
        for (AssetOutcome f : failures) {
            byCause.computeIfAbsent(f.failure(), k -> new ArrayList<>()).add(f.asset().description());
        }
        String list = byCause.entrySet().stream()
                .map(e -> "  - " + String.join(", ", e.getValue()) + ": " + e.getKey())
                .collect(Collectors.joining("\n"));
        int total = result.outcomes().size();
        int others = total - failures.size();
        String head = others == 0
                ? (total == 1 ? "the asset failed" : "all " + total + " assets failed")
                : failures.size() + " of " + total + " assets failed (the other " + (others == 1 ? "one was" : others
                + " were") + " written and cached)";
        throw new BuildFailure("stylize: " + head + ":\n" + list);
    }

    /**
     * Fails the build over its configuration. The report page then shows the problems instead of an earlier build's
     * images (and this execution's record, which the site's report would publish, is removed), so it never passes for
     * the result of this build.
     */
    public static BuildFailure failBeforeAnyWork(Path metadataDirectory, String executionId, String title,
                                                 String message, List<String> problems, BuildLog log) {
        Path directory = metadataDirectory.toAbsolutePath().normalize();
        try {
            Files.deleteIfExists(ExecutionRecord.file(directory, executionId));
            AtomicFiles.write(directory.resolve(ReportPages.PAGE), HtmlReport.problems(title,
                    "The configuration has problems: no image was generated", problems)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            log.warn("stylize: could not write the report in " + directory + ": " + e.getMessage());
        }
        return new BuildFailure(message + "\nSee the parameters at: mvn stylize:help -Ddetail");
    }
}
