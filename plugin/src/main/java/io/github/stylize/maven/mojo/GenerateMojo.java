package io.github.stylize.maven.mojo;

import io.github.stylize.engine.StylizeException;
import io.github.stylize.engine.image.ImageReader;
import io.github.stylize.engine.weights.WeightsOptions;
import io.github.stylize.engine.weights.WeightsSource;
import io.github.stylize.maven.build.BuildFailure;
import io.github.stylize.maven.build.BuildOrchestrator;
import io.github.stylize.maven.build.BuildRequest;
import io.github.stylize.maven.cache.CacheDirectories;
import io.github.stylize.maven.cache.RemoteCacheSettings;
import io.github.stylize.maven.execute.BuildLog;
import io.github.stylize.maven.plan.Plan;
import io.github.stylize.maven.plan.PlanRequest;
import io.github.stylize.maven.plan.Shard;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.configuration.PlexusConfiguration;

import java.io.File;
import java.io.IOException;
import java.net.ProxySelector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Generates the declared stylized images into {@code outputDirectory} and adds it as a resource root, so
 * {@code mvn package} puts them in the jar. An image whose inputs and settings were seen before is copied from the
 * cache, without starting the engine; only a cache miss loads ND4J and the VGG19 weights. Every execution ends by
 * writing {@code target/stylize/index.html}, a report of every asset, failed ones included.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true, requiresProject = true)
public class GenerateMojo extends GenerateMojoSettings {

    /**
     * The stylizations: one content image and one style image (or a weighted blend of several) each. Each
     * {@code <stylization>} takes
     * <ul>
     *   <li>{@code id} (required): unique; letters, digits, '.', '_', '-'; names {@code target/stylize/<id>.json};</li>
     *   <li>{@code content} (required): the content image, relative to the project directory;</li>
     *   <li>{@code contentMask}: where the style goes, an image of the content's size, white stylized, black kept as
     *       the content; default none (every pixel stylized);</li>
     *   <li>{@code style}: the style image; or {@code styles}: several, each
     *       {@code <style><image>...</image><weight>0.7</weight></style>}, blended by weight (one of the two is
     *       required);</li>
     *   <li>{@code output}: path relative to {@code outputDirectory}; default {@code <id>.<format>};</li>
     *   <li>any setting of {@code <defaults>}, overriding it for this asset.</li>
     * </ul>
     */
    @Parameter
    private PlexusConfiguration stylizations;

    /**
     * The batches: one style image (or a weighted blend) applied to every matching file of a directory; each file becomes an asset with id
     * {@code <batch id>/<relative path without extension>} that keeps its relative path. Each {@code <batch>} takes
     * <ul>
     *   <li>{@code id} (required): unique, like a stylization's;</li>
     *   <li>{@code directory} (required): the folder of content images;</li>
     *   <li>{@code includes}/{@code excludes}: Plexus DirectoryScanner patterns relative to {@code directory};
     *       default includes {@code **}{@code /*.png}, {@code **}{@code /*.jpg}, {@code **}{@code /*.jpeg}, no excludes;</li>
     *   <li>{@code style} or {@code styles} (one of the two is required): as in a stylization;</li>
     *   <li>{@code outputDirectory}: relative to the plugin's {@code outputDirectory}; default its root;</li>
     *   <li>any setting of {@code <defaults>}, overriding it for the batch.</li>
     * </ul>
     */
    @Parameter
    private PlexusConfiguration batches;

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
     * settings otherwise, cached under its own key, written to the usual outputs and marked PREVIEW in the report;
     * the build log warns that they are packaged like full renders. An asset the cap would not shrink is rendered as
     * it is, under its full render's key. 0 renders at full size.
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
     * exhausting memory; a style that {@code styleScale} would enlarge past it is a configuration problem. Reading an
     * image at the limit takes 1.4 GiB (8-bit RGB) to 1.8 GiB (16-bit RGBA) of heap, 23 to 30 bytes a pixel: give Maven
     * that much ({@code MAVEN_OPTS=-Xmx2g}) or lower the limit. Does not change the images, so it is not part of cache
     * keys. Default 64000000 (64 megapixels).
     */
    @Parameter(property = "stylize.maxPixels", defaultValue = "64000000")
    private long maxPixels = ImageReader.DEFAULT_MAX_PIXELS;

    /**
     * A cache shared by every machine of a team: one object per cache key at {@code url + key}, read with HTTP
     * {@code GET}, written with {@code HEAD} then {@code PUT} (never over an existing key). A missing image is looked
     * up in the local cache, then here (a hit is stored locally too), and only then generated; with {@code push}, a
     * generated image is uploaded. A failing server never fails the build: after a few retries one warning turns the
     * remote off for the rest of the build. Takes
     * <ul>
     *   <li>{@code url}: the cache's directory URL, http or https, without credentials
     *       (property {@code stylize.remoteCache.url});</li>
     *   <li>{@code serverId}: the settings.xml {@code <server>} whose username/password (encrypted ones decrypted as
     *       Maven does), {@code <configuration><httpHeaders>} (token auth) and {@code connectTimeout}/
     *       {@code requestTimeout} apply (property {@code stylize.remoteCache.serverId}); optional;</li>
     *   <li>{@code push}: upload generated images; default false, CI jobs that may write set it
     *       (property {@code stylize.remoteCache.push});</li>
     *   <li>{@code enabled}: default true (property {@code stylize.remoteCache.enabled}).</li>
     * </ul>
     * A property given with {@code -D} overrides the POM's element; one set in the POM's {@code <properties>} applies
     * where the element is absent. The {@code <proxy>} of settings.xml that Maven would use for the URL applies;
     * offline ({@code -o}) the remote is not used. Not part of cache keys.
     */
    @Parameter
    private RemoteCacheConfig remoteCache;

    /**
     * Build only one share of the assets, as shard {@code i/n} (1-based) of {@code n} parallel builds that push to the
     * remote cache: every shard computes the same split from the plan (balanced by expected cost, pixels times
     * iterations), generates the assets of its share that are in no cache, and skips the others. When unset, the
     * environment variables {@code CI_NODE_INDEX} and {@code CI_NODE_TOTAL} (GitLab's {@code parallel:}) apply if both
     * are set.
     */
    @Parameter(property = "stylize.shard")
    private String shard;

    /**
     * Generate nothing: fail, listing every asset found in no cache (local or remote). For the packaging job after the
     * shard builds, which must not spend hours generating what a shard failed to push.
     */
    @Parameter(property = "stylize.requireCached", defaultValue = "false")
    private boolean requireCached;

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
        checkParameterNames();
        checkMaxPixels();
        BuildRequest request = request(log);
        addResourceRoot();
        try {
            new BuildOrchestrator(request, log).run();
        } catch (BuildFailure e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("stylize could not update " + outputDirectory + " or "
                    + metadataDirectory + ": " + e.getMessage(), e);
        }
    }

    /** The configuration, resolved into one request. Package-private for tests. */
    BuildRequest request(BuildLog log) throws MojoFailureException {
        Weights w = weights(log);
        return BuildRequest.builder()
                .title(projectTitle(project))
                .executionId(executionId())
                .plan(planRequest(w))
                .outputDirectory(outputDirectory.toPath())
                .packagedCopies(packagedCopies())
                .metadataDirectory(metadataDirectory.toPath())
                .cacheDirectory(cacheRoot())
                .remoteCache(remoteCacheSettings())
                .weights(w.source(), w.options())
                .force(force)
                .requireCached(requireCached)
                .shard(shard(shard, System::getenv))
                .requireGpu(requireGpu)
                .progressIntervalMillis(Math.max(1, progressInterval) * 1000L)
                .build();
    }

    /** {@code stylize.shard}, else {@code CI_NODE_INDEX}/{@code CI_NODE_TOTAL} when both are set, else null. */
    static Shard shard(String property, Function<String, String> environment) throws MojoFailureException {
        try {
            if (property != null && !property.isBlank()) {
                return Shard.parse(property, "stylize <shard> (stylize.shard)");
            }
            String index = environment.apply("CI_NODE_INDEX");
            String total = environment.apply("CI_NODE_TOTAL");
            if (index != null && !index.isBlank() && total != null && !total.isBlank()) {
                return Shard.parse(index.trim() + "/" + total.trim(), "CI_NODE_INDEX/CI_NODE_TOTAL (stylize.shard"
                        + " is unset, so the CI's parallel job variables apply)");
            }
            return null;
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage());
        }
    }

    private RemoteCacheSettings remoteCacheSettings() throws MojoFailureException {
        Function<String, String> commandLine = name -> session == null ? null
                : session.getUserProperties().getProperty(name);
        Function<String, String> pom = name -> project == null ? null : project.getProperties().getProperty(name);
        return MavenRemoteCache.resolve(remoteCache, commandLine, pom,
                session == null ? null : session.getRepositorySession(), session == null ? null : session.getSettings(),
                session != null && session.isOffline(), new MavenBuildLog(getLog()));
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
        BuildLog log = new MavenBuildLog(getLog());
        try {
            return new BuildOrchestrator(request(log), log).plan();
        } catch (BuildFailure e) {
            throw new MojoFailureException(e.getMessage());
        }
    }

    private PlanRequest planRequest(Weights weights) throws MojoFailureException {
        ConfigurationReader read = ConfigurationReader.of(project.getBasedir().toPath(), session, mojoExecution);
        return PlanRequest.builder()
                .stylizations(read.stylizations(stylizations))
                .batches(read.batches(batches))
                .defaults(read.defaults(defaults))
                .only(parseOnly(only))
                .weightsIdentity(weights.identity())
                .written(new PlanRequest.WrittenDirectories(outputDirectory.toPath(), metadataDirectory.toPath()))
                .weightsFile(weights.source().localFile())
                .maxPixels(maxPixels)
                .preview(preview)
                .build();
    }

    private static void addChildNames(Object configuration, List<String> names) {
        if (configuration instanceof org.codehaus.plexus.util.xml.Xpp3Dom dom) {
            Arrays.stream(dom.getChildren()).map(org.codehaus.plexus.util.xml.Xpp3Dom::getName)
                    .filter(n -> !names.contains(n)).forEach(names::add);
        }
    }

    /** Refuses unknown (misspelled) parameters of the plugin's configuration before any work. */
    private void checkParameterNames() throws MojoFailureException {
        if (mojoExecution == null || mojoExecution.getPlugin() == null || mojoExecution.getMojoDescriptor() == null
                || mojoExecution.getMojoDescriptor().getParameters() == null) {
            return;
        }
        Set<String> known = new java.util.TreeSet<>();
        for (org.apache.maven.plugin.descriptor.Parameter p : mojoExecution.getMojoDescriptor().getParameters()) {
            known.add(p.getName());
            if (p.getAlias() != null) {
                known.add(p.getAlias());
            }
        }
        // The execution's own configuration has been cut down to known parameters by now: read what the POM says.
        List<String> written = new ArrayList<>();
        addChildNames(mojoExecution.getPlugin().getConfiguration(), written);
        mojoExecution.getPlugin().getExecutions().stream()
                .filter(e -> e.getId().equals(mojoExecution.getExecutionId()))
                .forEach(e -> addChildNames(e.getConfiguration(), written));
        List<String> problems = ParameterNames.unknown(written, known, "the plugin's <configuration>");
        if (!problems.isEmpty()) {
            BuildFailure failure = BuildOrchestrator.failBeforeAnyWork(metadataDirectory.toPath(), executionId(),
                    projectTitle(project), "stylize configuration has " + (problems.size() == 1 ? "1 problem"
                            : problems.size() + " problems") + " (no image was generated):\n  - "
                            + String.join("\n  - ", problems), problems, new MavenBuildLog(getLog()));
            throw new MojoFailureException(failure.getMessage());
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

    /**
     * Where the resources step copies the output directory for packaging: {@code target/classes}, under the
     * resource's {@code targetPath} if the user declared the directory as a resource with one.
     */
    private Path packagedCopies() {
        String classes = project.getBuild() == null ? null : project.getBuild().getOutputDirectory();
        if (classes == null) {
            return null;
        }
        Path out = outputDirectory.toPath().toAbsolutePath().normalize();
        String targetPath = project.getResources().stream()
                .filter(r -> r.getDirectory() != null && Path.of(r.getDirectory()).toAbsolutePath().normalize().equals(out))
                .map(Resource::getTargetPath).filter(t -> t != null && !t.isBlank()).findFirst().orElse("");
        return Path.of(classes).resolve(targetPath);
    }

    /** This execution's id, safe in a file name. */
    private String executionId() {
        return mojoExecution == null || mojoExecution.getExecutionId() == null
                ? "default" : mojoExecution.getExecutionId().replaceAll("[^A-Za-z0-9._-]", "_");
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
