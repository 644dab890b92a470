package io.github.stylize.maven.execute;

import io.github.stylize.maven.testing.LineLog;
import io.github.stylize.engine.image.ImageReader;
import io.github.stylize.engine.weights.WeightsOptions;
import io.github.stylize.engine.weights.WeightsSource;
import io.github.stylize.maven.cache.ImageCache;
import io.github.stylize.maven.plan.Overrides;
import io.github.stylize.maven.plan.Plan;
import io.github.stylize.maven.plan.PlanRequest;
import io.github.stylize.maven.plan.Planner;
import io.github.stylize.maven.plan.StylizationDeclaration;
import io.github.stylize.maven.publish.OutputPublisher;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code stylize:generate} does for one asset, with the real engine, in a JVM of its own: the subject of the
 * process-level fault tests ({@code kill -9}, two builds at once). Every log line goes to stdout at once.
 *
 * <p>Arguments: the work directory (holding {@code tiny-vgg.h5}, {@code content.png}, {@code style.png} and the
 * shared {@code cache/}), the build directory (outputs and metadata), the number of iterations.
 */
public final class GenerateInAnotherJvm {
    private GenerateInAnotherJvm() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path build = Path.of(args[1]);
        int iterations = Integer.parseInt(args[2]);
        BuildLog log = new LineLog(GenerateInAnotherJvm::print);
        WeightsSource weights = WeightsSource.parse(work.resolve("tiny-vgg.h5").toString());
        WeightsOptions options = WeightsOptions.defaults().withCacheDirectory(work.resolve("cache/weights"));
        String identity = weights.identity(options);
        Plan plan = Planner.plan(PlanRequest.builder()
                .stylizations(List.of(new StylizationDeclaration("harbor", work.resolve("content.png"),
                        work.resolve("style.png"), null, Overrides.NONE)))
                .defaults(Overrides.builder().set("size", "48").set("iterations", String.valueOf(iterations)).build())
                .weightsIdentity(() -> identity).build());
        AssetGenerator generator = AssetGenerator.builder().cache(new ImageCache(work.resolve("cache")))
                .publisher(new OutputPublisher(build.resolve("generated-resources/stylize")))
                .metadataDirectory(build.resolve("stylize")).manifestFile(build.resolve("stylize/outputs-default.txt"))
                .renderer(() -> new EngineRenderer(weights, identity, options, log, false,
                        ImageReader.DEFAULT_MAX_PIXELS))
                .log(log).progressIntervalMillis(200).build();
        ExecutionResult result = generator.execute(plan);
        for (AssetOutcome outcome : result.outcomes()) {
            print("RESULT " + outcome.asset().id() + " " + outcome.status().label());
        }
        System.exit(result.failures().isEmpty() ? 0 : 1);
    }

    private static synchronized void print(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
