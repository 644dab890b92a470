package io.github.stylize.benchmark;

import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.ProgressListener;
import io.github.stylize.engine.StyleSettings;
import io.github.stylize.engine.StyleTransfer;
import io.github.stylize.engine.StyleTransferRequest;
import io.github.stylize.engine.StyleTransferResult;
import io.github.stylize.engine.image.ImageReader;
import io.github.stylize.engine.image.RgbImage;
import io.github.stylize.engine.network.NativeBackend;
import io.github.stylize.engine.weights.Hdf5WeightsReader;
import io.github.stylize.engine.weights.RandomVggWeights;
import io.github.stylize.engine.weights.VggWeights;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Is the smoothness of {@code iterateAveraging} more than lag? For each optimizer at its default settings: the plain
 * run, recording its image at every iteration (as snapshots), and the averaged run. Prints the final loss and noise
 * ({@link TimeToQuality#neighbourDifference}) of both, and the plain run's first iteration at or below the averaged
 * result's loss with the noise of its image then: if the average were only an earlier, less converged image, the two
 * would have the same noise at the same loss. {@code benchmark/iterate-averaging.sh} builds and runs it; the figures
 * are in site/markdown/quality.md.
 */
public final class IterateAveragingNoise {
    private IterateAveragingNoise() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> o = new LinkedHashMap<>(Map.of("--content",
                "examples/quickstart/src/main/stylize/content/harbor.png", "--style",
                "examples/quickstart/src/main/stylize/styles/mosaic.png", "--size", "128"));
        Arguments.parse(args, Set.of(), "IterateAveragingNoise [--weights FILE.h5] [--content PNG] [--style PNG]"
                + " [--size 128]", o::put);
        NativeBackend.ensureLoaded();
        VggWeights weights = o.containsKey("--weights") ? Hdf5WeightsReader.read(Path.of(o.get("--weights")))
                : RandomVggWeights.create(42);
        int size = Integer.parseInt(o.get("--size"));
        // The content stretched to size x size, as time-to-quality.sh does.
        Path content = TimeToQuality.squareContent(ImageReader.read(Path.of(o.get("--content"))), size);
        Path style = Path.of(o.get("--style"));
        System.out.printf(Locale.ROOT, "%s stretched to %dx%d, style %s, weights %s%n", o.get("--content"), size, size,
                style, o.getOrDefault("--weights", "random VGG19, seed 42"));
        for (StyleSettings.Optimizer optimizer : StyleSettings.Optimizer.values()) {
            StyleSettings settings = StyleSettings.builder().size(size).optimizer(optimizer).build();
            Map<Integer, Double> losses = new TreeMap<>();
            Map<Integer, Double> noise = new TreeMap<>();
            StyleTransferResult plain = StyleTransfer.run(StyleTransferRequest.builder().content(content).style(style)
                    .weights(weights).settings(settings.toBuilder().snapshotEvery(1).build())
                    .listener(new ProgressListener() {
                        @Override
                        public void iteration(IterationLoss loss) {
                            losses.put(loss.iteration(), loss.total());
                        }

                        @Override
                        public void snapshot(int iteration, RgbImage image) {
                            noise.put(iteration, TimeToQuality.neighbourDifference(image));
                        }
                    }).build());
            StyleTransferResult averaged = StyleTransfer.run(StyleTransferRequest.builder().content(content)
                    .style(style).weights(weights).settings(settings.toBuilder().iterateAveraging(true).build())
                    .build());
            double averagedLoss = last(averaged);
            int same = losses.entrySet().stream().filter(e -> e.getValue() <= averagedLoss
                    && noise.containsKey(e.getKey())).mapToInt(Map.Entry::getKey).findFirst().orElse(-1);
            System.out.printf(Locale.ROOT, "%s: plain: loss %.5g, noise %.2f, %d evaluations | averaged: loss %.5g,"
                            + " noise %.2f, %d evaluations | plain at the averaged loss: %s%n",
                    optimizer.name().toLowerCase(Locale.ROOT), last(plain),
                    TimeToQuality.neighbourDifference(plain.image()), plain.timings().evaluations(), averagedLoss,
                    TimeToQuality.neighbourDifference(averaged.image()), averaged.timings().evaluations(),
                    same < 0 ? "not reached" : String.format(Locale.ROOT, "iteration %d, loss %.5g, noise %.2f", same,
                            losses.get(same), noise.get(same)));
        }
    }

    private static double last(StyleTransferResult result) {
        return result.losses().get(result.losses().size() - 1).total();
    }
}
