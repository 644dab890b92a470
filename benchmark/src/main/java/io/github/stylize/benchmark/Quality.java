package io.github.stylize.benchmark;

import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.StyleSettings;
import io.github.stylize.engine.StyleTransfer;
import io.github.stylize.engine.StyleTransferRequest;
import io.github.stylize.engine.StyleTransferResult;
import io.github.stylize.engine.image.ImageReader;
import io.github.stylize.engine.image.Resampler;
import io.github.stylize.engine.image.RgbImage;
import io.github.stylize.engine.network.NativeBackend;
import io.github.stylize.engine.network.VggNetwork;
import io.github.stylize.engine.network.VggPreprocessing;
import io.github.stylize.engine.weights.Hdf5WeightsReader;
import io.github.stylize.engine.weights.VggWeights;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Issue #11's measurements of "the look", run by {@code benchmark/quality.sh} on the engine of two revisions. Uses only
 * engine API that both sides of the comparison have, and computes its own measure (Gram matrices over their positions,
 * with ND4J directly), so the same program measures the engine before and after a change to the objective.
 * <ul>
 *   <li><b>balance</b>: weighted style / weighted content loss at the initial image (default settings, blend
 *       initialization) with the content fitted to 128, 256 and 512 pixels; and the initial style loss at styleScale
 *       0.5 relative to 1 at 256.</li>
 *   <li><b>preview</b>: the default render at {@code --preview} pixels, enlarged to the {@code --full} render's size,
 *       against that render: the mean over the five default style layers of {@code |G(preview) - G(full)| / |G(full)|},
 *       and the relative distance of their conv4_2 features (where the content loss looks); and the same Gram
 *       distance with each image at its own size (Gram matrices over their own positions compare across sizes), which
 *       leaves out what enlarging cannot restore.</li>
 *   <li><b>preview at its own resolution</b>: the full render reduced (Lanczos, which averages every pixel it covers)
 *       to the preview's size, against the preview: the same mean relative Gram distance and relative conv4_2
 *       distance with the reduced full render as reference, and the mean absolute difference of their pixels (0..255,
 *       over every pixel and channel). Reducing removes the detail finer than a preview pixel, which a preview cannot
 *       show, so these ask only whether the preview shows what the full render shows at the preview's resolution.
 *       For comparison, the same pixel difference between the enlarged preview and the full render itself.</li>
 *   <li><b>where each render sits between style and content</b>, at the full render's size: the mean relative Gram
 *       distance to the style image (fitted as the render fits it, {@code styleScale} 1) and the relative conv4_2
 *       distance to the content image (resized to the full render's size), of the full render and of the enlarged
 *       preview; and {@code balance_preview_over_full}, the ratio of the two renders' style distance / content
 *       distance (1: the preview strikes the same balance as the full render). Distances rather than the engine's
 *       loss, so that the same formula, independent of either side's normalization, measures both. The same ratio at
 *       the preview's size ({@code balance_at_preview_size_preview_over_reduced_full}: the preview and the reduced
 *       full render, against the style and the content fitted to the preview's size) leaves out the blur of
 *       enlarging, which moves the enlarged preview away from the sharp content.</li>
 * </ul>
 * One JSON line per measurement ({@code --out}), labelled with {@code --label}.
 */
public final class Quality {
    private static final List<String> LAYERS = StyleSettings.DEFAULT_STYLE_LAYERS;

    private Quality() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> o = new LinkedHashMap<>(Map.of("--content",
                "examples/quickstart/src/main/stylize/content/harbor.png", "--style",
                "examples/quickstart/src/main/stylize/styles/mosaic.png", "--preview", "128", "--full", "256",
                "--label", "run"));
        String usage = "Quality --weights FILE.h5 [--content PNG] [--style PNG] [--preview 128] [--full 256]"
                + " [--label NAME] [--out results.jsonl] [--skip-preview]";
        Arguments.parse(args, Set.of("--skip-preview"), usage, (name, value) -> o.put(name, value == null ? "" : value));
        NativeBackend.ensureLoaded();
        VggWeights weights = Hdf5WeightsReader.read(Path.of(o.get("--weights")));
        Path content = Path.of(o.get("--content"));
        Path style = Path.of(o.get("--style"));
        Path out = o.containsKey("--out") ? Path.of(o.get("--out")) : null;
        String label = o.get("--label");

        for (int size : new int[]{128, 256, 512}) {
            IterationLoss initial = initial(content, style, weights, StyleSettings.builder().size(size));
            emit(out, label, "balance_" + size, initial.style() / initial.content());
        }
        double half = initial(content, style, weights, StyleSettings.builder().size(256).styleScale(0.5)).style();
        double whole = initial(content, style, weights, StyleSettings.builder().size(256)).style();
        emit(out, label, "style_loss_scale_half_over_one", half / whole);

        if (!o.containsKey("--skip-preview")) {
            StyleTransferResult full = run(content, style, weights, StyleSettings.builder()
                    .size(Integer.parseInt(o.get("--full"))).build());
            StyleTransferResult preview = run(content, style, weights, StyleSettings.builder()
                    .size(Integer.parseInt(o.get("--preview"))).build());
            RgbImage enlarged = Resampler.resize(preview.image(), full.image().width(), full.image().height());
            VggNetwork network = new VggNetwork(weights, "conv5_1", StyleSettings.Pooling.AVG, DataType.FLOAT);
            try (VggNetwork.Activations a = network.forward(input(full.image()));
                 VggNetwork.Activations b = network.forward(input(enlarged))) {
                emit(out, label, "preview_gram_distance", gramDistance(b, a));
                emit(out, label, "preview_conv4_2_distance", featureDistance(b, a));
                try (VggNetwork.Activations c = network.forward(input(preview.image()))) {
                    emit(out, label, "preview_own_size_gram_distance", gramDistance(c, a));
                }
            }
            RgbImage reduced = Resampler.resize(full.image(), preview.image().width(), preview.image().height());
            try (VggNetwork.Activations p = network.forward(input(preview.image()));
                 VggNetwork.Activations r = network.forward(input(reduced))) {
                emit(out, label, "preview_vs_reduced_full_gram_distance", gramDistance(p, r));
                emit(out, label, "preview_vs_reduced_full_conv4_2_distance", featureDistance(p, r));
            }
            emit(out, label, "preview_vs_reduced_full_pixel_difference", meanAbsoluteDifference(preview.image(), reduced));
            emit(out, label, "enlarged_preview_vs_full_pixel_difference", meanAbsoluteDifference(enlarged, full.image()));

            double[] fullPosition = position(network, full.image(), content, style);
            double[] previewPosition = position(network, enlarged, content, style);
            emit(out, label, "full_style_distance", fullPosition[0]);
            emit(out, label, "full_content_distance", fullPosition[1]);
            emit(out, label, "enlarged_preview_style_distance", previewPosition[0]);
            emit(out, label, "enlarged_preview_content_distance", previewPosition[1]);
            emit(out, label, "balance_preview_over_full", (previewPosition[0] / previewPosition[1])
                    / (fullPosition[0] / fullPosition[1]));
            double[] reducedPosition = position(network, reduced, content, style);
            double[] ownPosition = position(network, preview.image(), content, style);
            emit(out, label, "balance_at_preview_size_preview_over_reduced_full", (ownPosition[0] / ownPosition[1])
                    / (reducedPosition[0] / reducedPosition[1]));
            emit(out, label, "full_evaluations", full.timings().evaluations());
            emit(out, label, "preview_evaluations", preview.timings().evaluations());
        }
    }

    private static IterationLoss initial(Path content, Path style, VggWeights weights, StyleSettings.Builder settings) {
        return run(content, style, weights, settings.optimizer(StyleSettings.Optimizer.ADAM).iterations(1).build())
                .losses().get(0);
    }

    private static StyleTransferResult run(Path content, Path style, VggWeights weights, StyleSettings settings) {
        return StyleTransfer.run(StyleTransferRequest.builder().content(content).style(style).weights(weights)
                .settings(settings).build());
    }

    private static INDArray input(RgbImage image) {
        return VggPreprocessing.toNetworkInput(image, DataType.FLOAT);
    }

    /** The mean over the style layers of |G(x) - G(reference)| / |G(reference)|. */
    private static double gramDistance(VggNetwork.Activations x, VggNetwork.Activations reference) {
        double sum = 0;
        for (String layer : LAYERS) {
            INDArray target = gram(reference.get(layer));
            sum += gram(x.get(layer)).subi(target).norm2Number().doubleValue() / target.norm2Number().doubleValue();
        }
        return sum / LAYERS.size();
    }

    /**
     * {style distance, content distance} of {@code image}: the mean relative Gram distance to the style image fitted
     * to the image's longest side (as {@code styleScale} 1 fits it), and the relative conv4_2 distance to the content
     * image resized to the image's size.
     */
    private static double[] position(VggNetwork network, RgbImage image, Path content, Path style) {
        RgbImage styleImage = ImageReader.read(style);
        int[] styleSize = Resampler.fitLongestSide(styleImage.width(), styleImage.height(),
                Math.max(image.width(), image.height()));
        RgbImage contentImage = Resampler.resize(ImageReader.read(content), image.width(), image.height());
        try (VggNetwork.Activations s = network.forward(input(Resampler.resize(styleImage, styleSize[0], styleSize[1])));
             VggNetwork.Activations c = network.forward(input(contentImage));
             VggNetwork.Activations x = network.forward(input(image))) {
            return new double[]{gramDistance(x, s), featureDistance(x, c)};
        }
    }

    /** |F(x) - F(reference)| / |F(reference)| at conv4_2, the default content layer. */
    private static double featureDistance(VggNetwork.Activations x, VggNetwork.Activations reference) {
        INDArray target = reference.get("conv4_2");
        return x.get("conv4_2").sub(target).norm2Number().doubleValue() / target.norm2Number().doubleValue();
    }

    /** The mean of |a - b| over every pixel and channel, in 0..255 levels; the images have the same size. */
    private static double meanAbsoluteDifference(RgbImage a, RgbImage b) {
        double sum = 0;
        for (int i = 0; i < a.rgb().length; i++) {
            sum += Math.abs(a.rgb()[i] - b.rgb()[i]);
        }
        return sum / a.rgb().length;
    }

    /** F F^T / M of features [1, h, w, N]. */
    private static INDArray gram(INDArray features) {
        INDArray x = features.reshape('c', features.size(1) * features.size(2), features.size(3));
        return Nd4j.gemm(x, x, true, false).divi(x.size(0));
    }

    private static void emit(Path out, String label, String measure, double value) throws IOException {
        System.out.printf("%s %s %.6g%n", label, measure, value);
        if (out != null) {
            Files.writeString(out, "{\"label\":\"" + label + "\",\"measure\":\"" + measure + "\",\"value\":" + value
                    + "}\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
