package io.github.stylize.maven.mojo;

import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.RunSummary;
import io.github.stylize.engine.RunTimings;
import io.github.stylize.engine.StyleSettings;
import io.github.stylize.engine.weights.WeightsOptions;
import io.github.stylize.engine.weights.WeightsSource;
import io.github.stylize.maven.cache.ImageCache;
import io.github.stylize.maven.cache.NewEntry;
import io.github.stylize.maven.json.Json;
import io.github.stylize.maven.plan.Plan;
import io.github.stylize.maven.plan.PlannedAsset;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.MojoFailureException;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.util.repository.DefaultProxySelector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The goal as Maven configures it: XML configuration to effective settings to plan, skip, cache hits. */
@MojoTest
class GenerateMojoTest extends MojoTestSupport {
    static Path quickstart;

    @BeforeAll
    static void drawImages() {
        quickstart = drawInputImages("quickstart");
    }

    @Override
    String projectName() {
        return "quickstart";
    }

    @Test
    @Basedir("/unit/quickstart")
    @InjectMojo(goal = "generate", pom = "pom.xml")
    void configurationBecomesEffectiveSettingsAndAPlan(GenerateMojo mojo) throws Exception {
        Plan plan = mojo.plan();

        assertEquals(List.of("harbor-mosaic", "harbor-waves", "sprites/crate", "sprites/tree"), ids(plan.selected()));
        assertEquals(List.of("harbor-mosaic.png", "images/harbor-waves.jpg", "sprites/crate.png", "sprites/tree.png"),
                plan.selected().stream().map(PlannedAsset::output).toList());

        StyleSettings mosaic = plan.selected().get(0).settings();
        assertEquals(64, mosaic.size(), "from <defaults>");
        assertEquals(20, mosaic.iterations(), "the stylization's own value wins");
        assertEquals(StyleSettings.Optimizer.LBFGS, mosaic.optimizer());
        assertEquals(500.0, mosaic.styleWeight());
        assertEquals(List.of("conv1_1", "conv2_1"), mosaic.styleLayers(), "list form");
        assertEquals(List.of(0.75, 0.25), mosaic.styleLayerWeights());
        assertEquals(quickstart.resolve("src/main/stylize/content/harbor.png"), plan.selected().get(0).content(),
                "relative paths resolve against the project directory");

        StyleSettings waves = plan.selected().get(1).settings();
        assertEquals(List.of("conv1_1", "conv3_1"), waves.styleLayers(), "comma-separated form");
        assertEquals(StyleSettings.Format.JPG, waves.format());
        assertEquals(StyleSettings.Init.NOISE, waves.init());
        assertEquals(StyleSettings.Pooling.MAX, waves.pooling());
        assertEquals(7, waves.seed());
        assertEquals(2, waves.scales());
        assertEquals(0.001, waves.tolerance());
        assertEquals(10, waves.iterations());

        StyleSettings tree = plan.selected().get(3).settings();
        assertEquals(32, tree.size(), "the batch's own value");
        assertEquals(10, tree.iterations());
        assertEquals(quickstart.resolve("src/main/stylize/styles/waves.png"), plan.selected().get(3).styles().get(0).image());
    }

    @Test
    @Basedir("/unit/quickstart")
    @InjectMojo(goal = "generate", pom = "pom.xml")
    @MojoParameter(name = "only", value = "harbor-waves, sprites")
    void onlyNarrowsTheSelection(GenerateMojo mojo) throws Exception {
        Plan plan = mojo.plan();
        assertEquals(List.of("harbor-waves", "sprites/crate", "sprites/tree"), ids(plan.selected()));
        assertEquals(4, plan.declared().size());
    }

    @Test
    @Basedir("/unit/quickstart")
    @InjectMojo(goal = "generate", pom = "pom.xml")
    @MojoParameter(name = "skip", value = "true")
    void skipDoesNothing(GenerateMojo mojo) throws Exception {
        List<String> log = captureLog(mojo);
        mojo.execute();
        assertEquals(List.of("INFO Skipping stylize:generate (stylize.skip=true)"), log);
        assertFalse(Files.exists(target.resolve("generated-resources")));
    }

    @Test
    @Basedir("/unit/quickstart")
    @InjectMojo(goal = "generate", pom = "pom.xml")
    @MojoParameter(name = "maxPixels", value = "0")
    void aMaxPixelsBelowOneIsRefusedNamingTheParameterAndWhatIsAllowed(GenerateMojo mojo) {
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("stylize <maxPixels> (stylize.maxPixels): 0 is not allowed; use a positive number of pixels,"
                + " e.g. 64000000 (the default, 64 megapixels)", e.getMessage());
        assertFalse(Files.exists(target.resolve("generated-resources")));
    }

    @Test
    @Basedir("/unit/quickstart")
    @InjectMojo(goal = "generate", pom = "pom.xml")
    @MojoParameter(name = "maxPixels", value = "500")
    void maxPixelsBoundsTheStyleAsPreparedAtPlanningTime(GenerateMojo mojo) {
        // the 16x16 styles fitted to the 24x16 harbor are 24x24, 576 pixels; the 8x8 sprites' are 64
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("stylize configuration has 2 problems (no image was generated):"),
                e.getMessage());
        assertTrue(e.getMessage().contains("stylization 'harbor-waves' <styleScale>: styleScale 1.0 scales the style "
                + "image " + quickstart.resolve("src/main/stylize/styles/waves.png") + " to 24x24 (576 pixels) for the "
                + "content's 24x16 as used, more than maxPixels (500), which would exhaust memory; use styleScale 0.91 "
                + "or less, or raise maxPixels"), e.getMessage());
        assertFalse(Files.exists(target.resolve("generated-resources")));
    }

    @Test
    @Basedir("/unit/quickstart")
    @InjectMojo(goal = "generate", pom = "pom.xml")
    void theWeightsDownloadUsesTheProxiesOfSettingsXml(GenerateMojo mojo) throws Exception {
        DefaultProxySelector proxies = new DefaultProxySelector();
        proxies.add(new org.eclipse.aether.repository.Proxy("http", "proxy.example", 3128, null), null);
        DefaultRepositorySystemSession repositorySession = new DefaultRepositorySystemSession();
        repositorySession.setProxySelector(proxies);
        @SuppressWarnings("deprecation")
        MavenSession session = new MavenSession(null, repositorySession, new DefaultMavenExecutionRequest(),
                new DefaultMavenExecutionResult());
        MojoExtension.setVariableValueToObject(mojo, "session", session);

        WeightsOptions options = mojo.weights(new MavenBuildLog(mojo.getLog())).options();

        assertEquals(List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.example", 3128))),
                options.proxies().select(URI.create(WeightsSource.DEFAULT_URL)));
        assertNotNull(options.proxyAuthenticator());
    }

    @Test
    @Basedir("/unit/quickstart")
    @InjectMojo(goal = "generate", pom = "pom.xml")
    void cachedAssetsArePublishedAsResourcesWithoutStartingTheEngine(GenerateMojo mojo) throws Exception {
        Path cache = target.resolve("user-cache");
        MojoExtension.setVariableValueToObject(mojo, "cacheDirectory", cache.toFile());
        Plan plan = mojo.plan();
        ImageCache images = new ImageCache(cache);
        for (PlannedAsset asset : plan.selected()) {
            images.put(asset.cacheKey(), new NewEntry(asset.id().getBytes(StandardCharsets.UTF_8), asset.settings().format().extension(),
                    new RunSummary("CPU earlier", List.of(new IterationLoss(0, 2, 2, 0, 4)), new RunTimings(9, 90, 0, 1)),
                    asset.cacheKeyInput(), Map.of()));
        }
        List<String> log = captureLog(mojo);

        mojo.execute();

        Path out = target.resolve("generated-resources/stylize");
        assertArrayEquals("sprites/tree".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(out.resolve("sprites/tree.png")));
        assertArrayEquals("harbor-waves".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(out.resolve("images/harbor-waves.jpg")));
        List<String> roots = project.getResources().stream().map(Resource::getDirectory).toList();
        assertEquals(List.of(out.toString()), roots, "the output directory is a resource root, so it is packaged");
        Map<?, ?> meta = Json.parse(Files.readString(target.resolve("stylize/sprites/tree.json")), Map.class);
        assertEquals(true, meta.get("fromCache"));
        assertEquals("CPU earlier", meta.get("backend"));
        assertEquals(99L, meta.get("millis"));
        assertEquals(1L, ((Map<?, ?>) meta.get("timings")).get("evaluations"), "the timings of the cached run");
        assertTrue(log.stream().anyMatch(l -> l.contains("4 cached, 0 generated, 0 failed")
                && l.endsWith("engine not started (ND4J not loaded)")), String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.matches("INFO   sprites/tree +cached +\\d+\\.\\d s  sprites/tree\\.png")),
                String.join("\n", log));
    }

}
