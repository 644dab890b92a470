package io.github.stylize.engine;

import io.github.stylize.engine.image.ImageReader;
import io.github.stylize.engine.image.Resampler;
import io.github.stylize.engine.image.RgbImage;
import io.github.stylize.engine.network.NativeBackend;
import io.github.stylize.engine.network.VggNetwork;
import io.github.stylize.engine.network.VggPreprocessing;
import io.github.stylize.engine.objective.StyleLoss;
import io.github.stylize.engine.objective.StyleObjective;
import io.github.stylize.engine.weights.VggWeights;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #11: the objective means the same at every image size. The style loss compares Gram matrices of images with
 * different pixel counts fairly, and the balance of style against content does not move with the size. Tiny random
 * VGG-layout weights written here; images drawn here.
 */
class SizeIndependenceTest {
    @TempDir
    static Path dir;
    static VggWeights weights;

    @BeforeAll
    static void writeWeights() throws IOException {
        NativeBackend.ensureLoaded();
        weights = TinyVgg.writeAndRead(dir);
    }

    /**
     * A stationary texture (a 16-pixel periodic pattern) as the style at 128x128 and as the generated image at other
     * sizes and aspect ratios: at every style layer its own features match the style's Gram matrices, up to the
     * convolutions' zero-padded borders (at most 0.07 measured). The paper's unnormalized Gram matrices differ by the
     * pixel-count ratio there: 1.0 of the target's norm for twice the pixels (measured on commit 66d440c: 1.00 to
     * 1.31, and 0.13 to 0.16 for 192x384, an eighth more pixels than the style).
     */
    @Test
    void aStationaryTextureHasNearZeroStyleLossAtItsOwnFeaturesAtEverySizeAndAspectRatio() {
        List<String> layers = StyleSettings.DEFAULT_STYLE_LAYERS;
        VggNetwork network = new VggNetwork(weights, "conv5_1", StyleSettings.Pooling.AVG, DataType.FLOAT);
        Map<String, INDArray> target = StyleObjective.styleGrams(network, input(texture(256, 256)), layers);
        List<String> failures = new ArrayList<>();
        for (int[] size : new int[][]{{256, 256}, {512, 256}, {192, 384}, {384, 384}, {448, 320}}) {
            try (VggNetwork.Activations activations = network.forward(input(texture(size[0], size[1])))) {
                for (String layer : layers) {
                    INDArray features = activations.get(layer);
                    INDArray a = target.get(layer);
                    // sqrt(E / E(0)): the loss relative to that of an image with no features at all
                    double relative;
                    try (StyleLoss.Evaluated term = StyleLoss.evaluate(features, a);
                         StyleLoss.Evaluated atZero = StyleLoss.evaluate(Nd4j.zerosLike(features), a)) {
                        relative = Math.sqrt(term.value() / atZero.value());
                    }
                    if (relative > 0.1) {
                        failures.add(size[0] + "x" + size[1] + " " + layer + ": " + relative);
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), "sqrt(E / E at zero features) above 0.1: " + failures);
    }

    /**
     * The ratio of weighted style to weighted content loss at the initial image is the same at 128², 256² and 512²
     * (each within 10 % of their mean), with the default settings (blend initialization, styleScale 1): what an artist tunes on a small
     * render holds at the full size. The pair is two stationary textures, each cut at the size rendered rather than
     * resized to it, since resizing a picture changes its content (a quarter of the pixels hold four times the edges
     * per position) and that is not what this checks. The paper's content sum grows with the pixel count: 16 times
     * between 128² and 512².
     */
    @Test
    void styleToContentBalanceAtTheInitialImageIsTheSameAt128And256And512() throws IOException {
        List<Double> ratios = new ArrayList<>();
        for (int size : new int[]{128, 256, 512}) {
            Path content = dir.resolve("content-" + size + ".png");
            Path style = dir.resolve("style-" + size + ".png");
            ImageIO.write(toBufferedImage(waves(size, size)), "png", content.toFile());
            ImageIO.write(toBufferedImage(texture(size, size)), "png", style.toFile());
            StyleTransferResult result = StyleTransfer.run(StyleTransferRequest.builder().content(content).style(style)
                    .settings(StyleSettings.builder().size(size).iterations(1)
                            .optimizer(StyleSettings.Optimizer.ADAM).build())
                    .weights(weights).build());
            IterationLoss initial = result.losses().get(0);
            ratios.add(initial.style() / initial.content());
        }
        // Each within 10 % of their mean (measured: -8 %, +1 %, +6 %). What remains is the zero-padded border, a share of
        // the positions that halves with each doubling of the side; the paper's terms would differ 16-fold.
        double mean = ratios.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        for (double ratio : ratios) {
            assertTrue(Math.abs(ratio - mean) <= 0.1 * mean, "style/content at 128², 256², 512²: " + ratios);
        }
    }

    /**
     * A 64-pixel preview predicts the 128-pixel render of the same settings better than under the paper's terms: the
     * full render reduced to the preview's size (which removes only what no 64-pixel image can show) has style
     * statistics closer to the preview's. The paper's terms are this engine's with {@code contentWeight} times M/R
     * (M the content layer's positions at the size, R = 4096 at 512x512): exact here, where the content and the style
     * are square and the style is fitted to the same size, so every Gram matrix is over as many positions as the
     * paper's. The pair is the quickstart's harbor and mosaic stretched to 128x128: a picture, whose layout the
     * content term keeps. Measured: 0.41 against 0.60 under the paper's terms; with this engine's content weight
     * scaled down once more by M/R, as a return to the paper's terms would do to both sides, 0.60 against 0.62, which
     * fails. With the stationary {@link #waves} as content the two come out the same (0.71, 0.71): the gain is in
     * the layout. Measured with VGG19's shape by benchmark/quality.sh (site/markdown/quality.md).
     */
    @Test
    void aPreviewIsCloserToTheReducedFullRenderThanUnderThePapersTerms() throws IOException {
        Path content = dir.resolve("preview-content.png");
        Path style = dir.resolve("preview-style.png");
        Path quickstart = Path.of("../examples/quickstart/src/main/stylize");
        ImageIO.write(toBufferedImage(Resampler.resize(ImageReader.read(quickstart.resolve("content/harbor.png")), 128,
                128)), "png", content.toFile());
        ImageIO.write(toBufferedImage(Resampler.resize(ImageReader.read(quickstart.resolve("styles/mosaic.png")), 128,
                128)), "png", style.toFile());
        double now = previewDistance(content, style, false);
        double paper = previewDistance(content, style, true);
        assertTrue(now < 0.8 * paper, "Gram distance of the preview to the reduced full render: " + now
                + ", under the paper's terms " + paper);
    }

    /** The mean relative Gram distance over the style layers of the 64 preview to the 128 render reduced to 64. */
    private static double previewDistance(Path content, Path style, boolean papersTerms) {
        RgbImage full = render(content, style, 128, papersTerms);
        RgbImage preview = render(content, style, 64, papersTerms);
        List<String> layers = StyleSettings.DEFAULT_STYLE_LAYERS;
        VggNetwork network = new VggNetwork(weights, "conv5_1", StyleSettings.Pooling.AVG, DataType.FLOAT);
        Map<String, INDArray> reduced = StyleObjective.styleGrams(network,
                input(Resampler.resize(full, preview.width(), preview.height())), layers);
        Map<String, INDArray> previewGrams = StyleObjective.styleGrams(network, input(preview), layers);
        double sum = 0;
        for (String layer : layers) {
            INDArray target = reduced.get(layer);
            sum += previewGrams.get(layer).sub(target).norm2Number().doubleValue() / target.norm2Number().doubleValue();
        }
        return sum / layers.size();
    }

    private static RgbImage render(Path content, Path style, int size, boolean papersTerms) {
        double positions = (size / 8.0) * (size / 8.0); // conv4_2 is after three 2x2 poolings
        return StyleTransfer.run(StyleTransferRequest.builder().content(content).style(style)
                .settings(StyleSettings.builder().size(size).contentWeight(papersTerms ? positions / 4096 : 1).build())
                .weights(weights).build()).image();
    }

    private static INDArray input(RgbImage image) {
        return VggPreprocessing.toNetworkInput(image, DataType.FLOAT);
    }

    /** Colour waves of periods 32 and 48 pixels: a second stationary texture, unlike {@link #texture}. */
    static RgbImage waves(int width, int height) {
        return paint(width, height, (x, y) -> {
            double u = 2 * Math.PI * x / 32;
            double v = 2 * Math.PI * y / 48;
            return new double[]{120 + 90 * Math.sin(u + v), 130 + 80 * Math.cos(v), 110 + 100 * Math.sin(2 * u - v)};
        });
    }

    private static BufferedImage toBufferedImage(RgbImage image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        float[] rgb = image.rgb();
        for (int p = 0; p < image.width() * image.height(); p++) {
            int r = Math.round(rgb[3 * p]);
            int g = Math.round(rgb[3 * p + 1]);
            int b = Math.round(rgb[3 * p + 2]);
            out.setRGB(p % image.width(), p / image.width(), (r << 16) | (g << 8) | b);
        }
        return out;
    }

    /** Diagonal stripes and a checker of period 16 in three colours: the same statistics everywhere. */
    static RgbImage texture(int width, int height) {
        return paint(width, height, (x, y) -> {
            double u = 2 * Math.PI * x / 16;
            double v = 2 * Math.PI * y / 16;
            return new double[]{128 + 100 * Math.sin(u + v), 128 + 90 * Math.sin(2 * u) * Math.cos(v),
                    (x / 8 + y / 8) % 2 == 0 ? 40 : 210};
        });
    }

    /** An image whose pixel (x, y) has the colour {@code rgb(x, y)}. */
    private static RgbImage paint(int width, int height, java.util.function.BiFunction<Integer, Integer, double[]> rgb) {
        float[] values = new float[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double[] colour = rgb.apply(x, y);
                for (int c = 0; c < 3; c++) {
                    values[(y * width + x) * 3 + c] = (float) colour[c];
                }
            }
        }
        return new RgbImage(width, height, values, null);
    }
}
