package io.github.stylize.benchmark;

import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.StyleSettings;
import io.github.stylize.engine.StyleTransfer;
import io.github.stylize.engine.StyleTransferRequest;
import io.github.stylize.engine.StyleTransferResult;
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
                emit(out, label, "preview_conv4_2_distance", b.get("conv4_2").sub(a.get("conv4_2"))
                        .norm2Number().doubleValue() / a.get("conv4_2").norm2Number().doubleValue());
                try (VggNetwork.Activations c = network.forward(input(preview.image()))) {
                    emit(out, label, "preview_own_size_gram_distance", gramDistance(c, a));
                }
            }
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
