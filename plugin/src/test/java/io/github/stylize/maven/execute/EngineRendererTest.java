package io.github.stylize.maven.execute;

import io.github.stylize.maven.testing.LineLog;
import io.github.stylize.engine.ProgressListener;
import io.github.stylize.engine.image.ImageReader;
import io.github.stylize.engine.weights.Hdf5WeightsWriter;
import io.github.stylize.engine.weights.NameStyle;
import io.github.stylize.engine.weights.RandomVggWeights;
import io.github.stylize.engine.weights.WeightsException;
import io.github.stylize.engine.weights.WeightsOptions;
import io.github.stylize.engine.weights.WeightsSource;
import io.github.stylize.maven.it.ItFixtures;
import io.github.stylize.maven.plan.Overrides;
import io.github.stylize.maven.plan.Plan;
import io.github.stylize.maven.plan.PlanRequest;
import io.github.stylize.maven.plan.Planner;
import io.github.stylize.maven.plan.StylizationDeclaration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real renderer's own checks, on the real engine with tiny weights. */
class EngineRendererTest {
    @TempDir
    Path dir;

    @Test
    void weightsReplacedAfterPlanningAreRefusedInsteadOfRenderingUnderTheOldKey() throws Exception {
        Path file = ItFixtures.writeTinyWeights(dir.resolve("tiny-vgg.h5"));
        WeightsSource weights = WeightsSource.parse(file.toString());
        WeightsOptions options = WeightsOptions.defaults().withCacheDirectory(dir.resolve("cache/weights"));
        String planned = weights.identity(options);
        Plan plan = Planner.plan(PlanRequest.builder().stylizations(List.of(new StylizationDeclaration("harbor",
                        ItFixtures.drawContent(dir.resolve("content.png"), 40, 32, 0),
                        ItFixtures.drawStyle(dir.resolve("style.png"), 32, 0), null, Overrides.NONE)))
                .defaults(Overrides.builder().set("size", "32").set("iterations", "2").build())
                .weightsIdentity(() -> planned).build());

        // Other weights of the same layout: the same size, other bytes.
        Hdf5WeightsWriter.write(RandomVggWeights.create(8L, ItFixtures.TINY_CHANNELS), file, NameStyle.KERAS_1);
        List<String> log = new ArrayList<>();
        EngineRenderer renderer = new EngineRenderer(weights, planned, options, LineLog.into(log),
                false, ImageReader.DEFAULT_MAX_PIXELS);

        WeightsException e = assertThrows(WeightsException.class,
                () -> renderer.render(plan.selected().get(0), ProgressListener.NONE));
        assertTrue(e.getMessage().startsWith("The VGG19 weights (VGG19 weights file " + file + ") changed while this"
                + " build ran: they were " + planned + " when it started and are sha256:"), e.getMessage());
    }
}
