package io.github.stylize.maven.mojo;

import io.github.stylize.engine.StylizeException;
import io.github.stylize.engine.image.ImageReader;
import io.github.stylize.engine.weights.WeightsOptions;
import io.github.stylize.engine.weights.WeightsSource;
import io.github.stylize.maven.cache.CacheDirectories;
import io.github.stylize.maven.cache.ImageCache;
import io.github.stylize.maven.execute.AssetGenerator;
import io.github.stylize.maven.execute.AssetOutcome;
import io.github.stylize.maven.execute.BuildLog;
import io.github.stylize.maven.execute.EngineRenderer;
import io.github.stylize.maven.execute.ExecutionResult;
import io.github.stylize.maven.execute.ReportEntries;
import io.github.stylize.maven.plan.Plan;
import io.github.stylize.maven.plan.PlanException;
import io.github.stylize.maven.plan.PlanRequest;
import io.github.stylize.maven.plan.Planner;
import io.github.stylize.maven.publish.DirectoryLocks;
import io.github.stylize.maven.publish.OutputManifest;
import io.github.stylize.maven.publish.OutputPublisher;
import io.github.stylize.maven.report.ExecutionRecord;
import io.github.stylize.maven.report.ReportEntry;
import io.github.stylize.maven.report.ReportPages;
import io.github.stylize.maven.report.SummaryTable;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.net.ProxySelector;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Generates the declared stylized images into {@code outputDirectory} and adds it as a resource root, so
 * {@code mvn package} puts them in the jar. An image whose inputs and settings were seen before is copied from the
 * cache, without starting the engine; only a cache miss loads ND4J and the VGG19 weights. Every execution ends by
 * writing {@code target/stylize/index.html}, a report of every asset, failed ones included.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true, requiresProject = true)
public class GenerateMojo extends AbstractMojo {

    /**
     * The stylizations: one content image and one style image each. Each {@code <stylization>} takes
     * <ul>
     *   <li>{@code id} (required): unique; letters, digits, '.', '_', '-'; names {@code target/stylize/<id>.json};</li>
     *   <li>{@code content} (required): the content image, relative to the project directory;</li>
     *   <li>{@code style} (required): the style image;</li>
     *   <li>{@code output}: path relative to {@code outputDirectory}; default {@code <id>.<format>};</li>
     *   <li>any setting of {@code <defaults>}, overriding it for this asset.</li>
     * </ul>
     */
    @Parameter
    private List<Stylization> stylizations;

    /**
     * The batches: one style image applied to every matching file of a directory; each file becomes an asset with id
     * {@code <batch id>/<relative path without extension>} that keeps its relative path. Each {@code <batch>} takes
     * <ul>
     *   <li>{@code id} (required): unique, like a stylization's;</li>
     *   <li>{@code directory} (required): the folder of content images;</li>
     *   <li>{@code includes}/{@code excludes}: Plexus DirectoryScanner patterns relative to {@code directory};
     *       default includes {@code **}{@code /*.png}, {@code **}{@code /*.jpg}, {@code **}{@code /*.jpeg}, no excludes;</li>
     *   <li>{@code style} (required): the style image;</li>
     *   <li>{@code outputDirectory}: relative to the plugin's {@code outputDirectory}; default its root;</li>
     *   <li>any setting of {@code <defaults>}, overriding it for the batch.</li>
     * </ul>
     */
    @Parameter
    private List<Batch> batches;

    /**
     * Settings for every stylization and batch that does not set its own (an unset one takes the engine default):
     * <ul>
     *   <li>{@code size}: largest longest side in pixels, 16..8192; a larger content image is shrunk to it. Default 512.</li>
     *   <li>{@code iterations}: optimizer steps at most, 1..100000; {@code tolerance} may stop sooner. Default 100.</li>
     *   <li>{@code optimizer}: {@code lbfgs} (the paper's) or {@code adam} (the seed's). Default lbfgs.</li>
     *   <li>{@code learningRate}: step size in pixel units (0..255 scale). Default 10.</li>
     *   <li>{@code contentWeight}: alpha, weight of the content loss. Default 1.</li>
     *   <li>{@code styleWeight}: beta, weight of the style loss. Default 1000.</li>
     *   <li>{@code tvWeight}: weight of the total-variation (smoothness) term; 0 disables it. Default 0.</li>
     *   <li>{@code contentLayer}: VGG19 layer {@code convB_I} of the content loss. Default conv4_2.</li>
     *   <li>{@code styleLayers}: VGG19 layers of the style loss, as a list or comma-separated. Default
     *       conv1_1, conv2_1, conv3_1, conv4_1, conv5_1.</li>
     *   <li>{@code styleLayerWeights}: one weight per style layer. Default equal weights 1/n.</li>
     *   <li>{@code init}: initial image, {@code noise}, {@code content} or {@code blend}. Default blend.</li>
     *   <li>{@code noiseRatio}: share of noise for init blend, 0..1. Default 0.6.</li>
     *   <li>{@code styleScale}: style image size relative to the content's, 0.05..8. Default 1.</li>
     *   <li>{@code pooling}: {@code avg} (as in the paper) or {@code max}. Default avg.</li>
     *   <li>{@code seed}: seed of the initial noise. Default 42.</li>
     *   <li>{@code format}: {@code png} or {@code jpg}. Default png.</li>
     *   <li>{@code jpegQuality}: for jpg, in (0, 1]. Default 0.92.</li>
     *   <li>{@code scales}: coarse-to-fine levels, 1..6. Default 1.</li>
     *   <li>{@code tolerance}: early stopping when the loss fell by less than this fraction over 10 iterations;
     *       0 runs every iteration. Default 0.01.</li>
     *   <li>{@code snapshotEvery}: write an intermediate image to {@code target/stylize/snapshots/<id>/} every N
     *       iterations; 0 none. Default 0. Not part of the cache key.</li>
     * </ul>
     * Every setting but {@code snapshotEvery} is part of the cache key; see {@code CacheKeys} for its canonical form.
     */
    @Parameter
    private Defaults defaults;

    /**
     * The VGG19 weights: empty for the Keras VGG19 "notop" file (downloaded once into the cache directory), a local
     * path to a Keras HDF5 file, an http(s) URL, or {@code random} for a fixed-seed random network (an offline
     * preview: textures, not the paper's results).
     */
    @Parameter(property = "stylize.weights")
    private String weights;

    /** Optional SHA-256 the weights file must have. */
    @Parameter(property = "stylize.weightsSha256")
    private String weightsSha256;

    /** Where the images are written; added as a resource root so they are packaged. */
    @Parameter(property = "stylize.outputDirectory", defaultValue = "${project.build.directory}/generated-resources/stylize", required = true)
    private File outputDirectory;

    /**
     * The image and weights cache, shared by all of the user's projects and outside {@code target/}, so
     * {@code mvn clean} loses no work. Default {@code $XDG_CACHE_HOME/stylize}, else {@code ~/.cache/stylize}.
     */
    @Parameter(property = "stylize.cacheDirectory")
    private File cacheDirectory;

    /**
     * Where the per-asset metadata ({@code <id>.json}), the snapshots and the report page ({@code index.html}: images,
     * loss curves, settings and comparison sheets of every asset; {@code stylize:report} puts it into the site) are
     * written.
     */
    @Parameter(property = "stylize.metadataDirectory", defaultValue = "${project.build.directory}/stylize", required = true)
    private File metadataDirectory;

    /** Skip the goal entirely. */
    @Parameter(property = "stylize.skip", defaultValue = "false")
    private boolean skip;

    /** Ignore the cache: run the engine for every selected asset and replace its cache entry. */
    @Parameter(property = "stylize.force", defaultValue = "false")
    private boolean force;

    /**
     * Render previews: every selected asset with its longest side capped at this many pixels (e.g. 128) and its own
     * settings otherwise, cached under its own key, written to the usual outputs and marked PREVIEW in the report.
     * 0 renders at full size.
     */
    @Parameter(property = "stylize.preview", defaultValue = "0")
    private int preview;

    /** Comma-separated ids of stylizations, batches or batch files to produce; empty produces all. */
    @Parameter(property = "stylize.only")
    private String only;

    /**
     * Fail instead of running on the CPU when ND4J loads no GPU backend (needs ND4J's CUDA backend added as a
     * dependency of this plugin). Does not change the images, so it is not part of cache keys.
     */
    @Parameter(property = "stylize.requireGpu", defaultValue = "false")
    private boolean requireGpu;

    /**
     * The most pixels (width times height) an input image may declare. The size is read from the file's header before
     * anything is decoded, so a small file declaring a huge image (a decompression bomb) fails its asset instead of
     * exhausting memory. Does not change the images, so it is not part of cache keys. Default 64000000 (64 megapixels).
     */
    @Parameter(property = "stylize.maxPixels", defaultValue = "64000000")
    private long maxPixels = ImageReader.DEFAULT_MAX_PIXELS;

    /** Seconds between progress lines while an image is generated. */
    @Parameter(property = "stylize.progressInterval", defaultValue = "5")
    private int progressInterval;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    private MojoExecution mojoExecution;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping stylize:generate (stylize.skip=true)");
            return;
        }
        BuildLog log = new MavenBuildLog(getLog());
        checkMaxPixels();
        Weights w = weights(log);
        Plan plan = plan(w);
        addResourceRoot();

        getLog().info("stylize: " + describeSelection(plan) + ", cache " + cacheRoot());
        AssetGenerator generator = new AssetGenerator(new ImageCache(cacheRoot()),
                new OutputPublisher(outputDirectory.toPath()), metadataDirectory.toPath(), manifestFile(),
                () -> new EngineRenderer(w.source(), w.identity().get(), w.options(), log, requireGpu, maxPixels), log,
                Math.max(1, progressInterval) * 1000L, force, System::nanoTime);
        ExecutionResult result;
        try (DirectoryLocks locks = lockWrittenDirectories()) {
            try {
                result = generator.execute(plan);
            } catch (IOException e) {
                throw new MojoExecutionException("stylize could not update " + outputDirectory + " or "
                        + metadataDirectory + ": " + e.getMessage(), e);
            }
            logSummary(result);
            writeReport(plan, result);
        } catch (IOException e) {
            throw new MojoExecutionException("stylize could not release its lock on " + outputDirectory + ": "
                    + e.getMessage(), e);
        }
        failOnFailures(result);
    }

    /**
     * Holds the output and metadata directories until the report is written, so a second build writing into them
     * waits. A lock that cannot be taken (an unwritable cache directory) costs only that protection: warned, not fatal.
     */
    private DirectoryLocks lockWrittenDirectories() {
        Path locks = cacheRoot().resolve("locks");
        try {
            return DirectoryLocks.acquire(locks, List.of(outputDirectory.toPath(), metadataDirectory.toPath()),
                    getLog()::info);
        } catch (IOException e) {
            getLog().warn("stylize: could not lock " + outputDirectory + " against other builds (" + e.getMessage()
                    + " in " + locks + "); go on, but do not run two builds into the same directories at once");
            return null;
        }
    }

    /**
     * Records this execution for the report and renders {@code index.html} from every execution's record. A report
     * that cannot be written is a warning: the images, which the build is for, are in place.
     */
    private void writeReport(Plan plan, ExecutionResult result) {
        Path directory = metadataDirectory.toPath().toAbsolutePath().normalize();
        try {
            String execution = executionId();
            List<ReportEntry> entries = ReportEntries.of(plan, result, directory,
                    outputDirectory.toPath().toAbsolutePath().normalize(), ExecutionRecord.read(directory, execution));
            new ExecutionRecord(execution, projectTitle(project), OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS)
                    .toString(), entries).write(directory);
            Path page = ReportPages.writeBuildPage(directory, projectTitle(project));
            getLog().info("stylize: report " + page.toUri());
        } catch (IOException | RuntimeException e) {
            getLog().warn("stylize: could not write the report in " + directory + ": " + e.getMessage());
        }
    }

    static String projectTitle(MavenProject project) {
        return project.getName() != null && !project.getName().isBlank() ? project.getName() : project.getArtifactId();
    }

    private void checkMaxPixels() throws MojoFailureException {
        if (maxPixels <= 0) {
            throw new MojoFailureException("stylize <maxPixels> (stylize.maxPixels): " + maxPixels + " is not allowed;"
                    + " use a positive number of pixels, e.g. " + ImageReader.DEFAULT_MAX_PIXELS
                    + " (the default, 64 megapixels)");
        }
    }

    /** The weights as configured, how to reach them, and their identity for cache keys (computed once, lazily). */
    record Weights(WeightsSource source, WeightsOptions options, Supplier<String> identity) {
    }

    Weights weights(BuildLog log) throws MojoFailureException {
        WeightsSource source = weightsSource();
        WeightsOptions options = WeightsOptions.defaults()
                .withCacheDirectory(cacheRoot().resolve("weights"))
                .withOffline(session != null && session.isOffline())
                .withLog(log::info);
        if (session != null && session.getRepositorySession() != null) {
            MavenProxies proxies = new MavenProxies(session.getRepositorySession(), ProxySelector.getDefault());
            options = options.withProxies(proxies, proxies.authenticator());
        }
        WeightsOptions configured = options;
        return new Weights(source, configured, memoize(() -> source.identity(configured)));
    }

    /** Configuration to plan: what this execution would do. Package-private for tests. */
    Plan plan() throws MojoFailureException {
        return plan(weights(new MavenBuildLog(getLog())));
    }

    private Plan plan(Weights weights) throws MojoFailureException {
        List<io.github.stylize.maven.plan.StylizationDeclaration> s = new ArrayList<>();
        if (stylizations != null) {
            stylizations.forEach(x -> s.add(x.toDeclaration()));
        }
        List<io.github.stylize.maven.plan.BatchDeclaration> b = new ArrayList<>();
        if (batches != null) {
            batches.forEach(x -> b.add(x.toDeclaration()));
        }
        try {
            return Planner.plan(new PlanRequest(s, b, defaults == null ? null : defaults.toOverrides(),
                    parseOnly(only), weights.identity(), new PlanRequest.WrittenDirectories(outputDirectory.toPath(),
                    metadataDirectory.toPath()), weights.source().localFile(), preview));
        } catch (PlanException e) {
            throw new MojoFailureException(e.getMessage() + "\nSee the parameters at: mvn stylize:help -Ddetail");
        }
    }

    WeightsSource weightsSource() throws MojoFailureException {
        try {
            return WeightsSource.parse(resolveWeights(weights, project.getBasedir().toPath()))
                    .withSha256(weightsSha256 == null || weightsSha256.isBlank() ? null : weightsSha256.trim());
        } catch (StylizeException e) {
            throw new MojoFailureException("stylize <weights> (stylize.weights): " + e.getMessage());
        }
    }

    /**
     * A relative weights path is relative to the project directory, like every other path in the configuration (not
     * to wherever Maven was started, which differs in a multi-module build). Default, random and URLs pass unchanged.
     */
    static String resolveWeights(String spec, Path basedir) {
        if (spec == null || spec.isBlank()) {
            return null;
        }
        String s = spec.trim();
        boolean keyword = s.equalsIgnoreCase("default") || s.equalsIgnoreCase("random");
        boolean url = s.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*");  // two letters at least: C:\ is a path
        if (keyword || url || Path.of(s).isAbsolute()) {
            return s;
        }
        return basedir.resolve(s).normalize().toString();
    }

    Path cacheRoot() {
        return (cacheDirectory != null ? cacheDirectory.toPath() : CacheDirectories.defaultRoot()).toAbsolutePath().normalize();
    }

    static Set<String> parseOnly(String only) {
        if (only == null) {
            return Set.of();
        }
        return Arrays.stream(only.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private void addResourceRoot() {
        Path out = outputDirectory.toPath().toAbsolutePath().normalize();
        boolean present = project.getResources().stream()
                .anyMatch(r -> r.getDirectory() != null && Path.of(r.getDirectory()).toAbsolutePath().normalize().equals(out));
        if (!present) {
            Resource resource = new Resource();
            resource.setDirectory(out.toString());
            project.addResource(resource);
        }
    }

    private Path manifestFile() {
        return OutputManifest.fileFor(metadataDirectory.toPath(), executionId(), outputDirectory.toPath());
    }

    /** This execution's id, safe in a file name. */
    private String executionId() {
        return mojoExecution == null || mojoExecution.getExecutionId() == null
                ? "default" : mojoExecution.getExecutionId().replaceAll("[^A-Za-z0-9._-]", "_");
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
            table.add(o.asset().id(), o.result().label(), o.millis(), o.asset().output());
        }
        table.lines().forEach(line -> getLog().info("  " + line));
        getLog().info(String.format("stylize: %d cached, %d generated, %d failed in %s%s",
                result.count(AssetOutcome.Result.CACHED), result.count(AssetOutcome.Result.GENERATED),
                result.count(AssetOutcome.Result.FAILED), SummaryTable.seconds(result.millis()),
                result.engineLoaded() ? "" : "; engine not started (ND4J not loaded)"));
    }

    private static void failOnFailures(ExecutionResult result) throws MojoFailureException {
        List<AssetOutcome> failures = result.failures();
        if (failures.isEmpty()) {
            return;
        }
        String list = failures.stream()
                .map(f -> "  - " + f.asset().description() + ": " + f.failure())
                .collect(Collectors.joining("\n"));
        throw new MojoFailureException("stylize: " + failures.size() + " of " + result.outcomes().size()
                + " assets failed (the others were written and cached):\n" + list);
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;
            private boolean done;

            @Override
            public synchronized T get() {
                if (!done) {
                    value = supplier.get();
                    done = true;
                }
                return value;
            }
        };
    }
}
