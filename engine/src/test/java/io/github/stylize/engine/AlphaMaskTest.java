package io.github.stylize.engine;

import io.github.stylize.engine.image.ImageReader;
import io.github.stylize.engine.image.RgbImage;
import io.github.stylize.engine.network.NativeBackend;
import io.github.stylize.engine.network.VggNetwork;
import io.github.stylize.engine.network.VggPreprocessing;
import io.github.stylize.engine.objective.PositionMask;
import io.github.stylize.engine.objective.StyleObjective;
import io.github.stylize.engine.weights.RandomVggWeights;
import io.github.stylize.engine.weights.VggWeights;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code alphaMask} on whole runs: a sprite over a transparent background, an opaque image, an invisible one. */
class AlphaMaskTest {
    @TempDir
    static Path dir;
    static Path sprite;
    static Path style;
    static final VggWeights WEIGHTS = RandomVggWeights.create(3, new int[]{8, 12, 16, 16, 16});

    @BeforeAll
    static void makeInputs() throws IOException {
        NativeBackend.ensureLoaded();
        sprite = dir.resolve("sprite.png");
        ImageIO.write(StyleTransferTest.drawContent(64, 48, true), "png", sprite.toFile());
        style = dir.resolve("style.png");
        ImageIO.write(StyleTransferTest.drawStyle(40, 40), "png", style.toFile());
    }

    private static StyleSettings.Builder quick() {
        return StyleSettings.builder().size(64).iterations(40).seed(5).tolerance(0);
    }

    private static StyleTransferResult run(Path content, StyleSettings settings) {
        return StyleTransfer.run(StyleTransferRequest.builder().content(content).style(style).settings(settings)
                .weights(WEIGHTS).build());
    }

    /**
     * Masked, the optimizer matches the style's statistics with the sprite's own pixels; unmasked, the white
     * background takes part in them, so the sprite itself ends further from the style. Measured by the style loss
     * over the opaque pixels alone (the masked loss) of each output; both keep the sprite's alpha.
     */
    @Test
    void maskedTheSpritesOwnPixelsMatchTheStyleBetterThanWhenTheWhiteBackgroundCounts() {
        RgbImage masked = run(sprite, quick().alphaMask(true).build()).image();
        RgbImage unmasked = run(sprite, quick().build()).image();
        RgbImage content = ImageReader.read(sprite);
        assertArrayEquals(content.alpha(), masked.alpha(), "the output keeps the content's alpha");
        assertArrayEquals(content.alpha(), unmasked.alpha());

        double maskedLoss = opaqueStyleLoss(masked, content);
        double unmaskedLoss = opaqueStyleLoss(unmasked, content);
        System.out.printf("style loss over the opaque pixels: alphaMask %.4g, without %.4g (%.2fx)%n", maskedLoss,
                unmaskedLoss, unmaskedLoss / maskedLoss);
        assertTrue(maskedLoss < unmaskedLoss, "masked " + maskedLoss + " vs unmasked " + unmaskedLoss);
    }

    /** The style loss of {@code output}'s pixels where {@code content} is opaque, weighted by its alpha. */
    private static double opaqueStyleLoss(RgbImage output, RgbImage content) {
        StyleSettings settings = quick().contentWeight(0).build();
        VggNetwork network = new VggNetwork(WEIGHTS, settings.deepestLayer(), settings.pooling(), DataType.FLOAT);
        RgbImage styleImage = StyleTransfer.fitStyle(ImageReader.read(style), content, settings.styleScale());
        try (StyleObjective objective = new StyleObjective(network, settings,
                VggPreprocessing.toNetworkInput(output, DataType.FLOAT),
                StyleObjective.styleGrams(network, VggPreprocessing.toNetworkInput(styleImage, DataType.FLOAT),
                        settings.styleLayers()),
                new PositionMask(content.alpha(), content.width(), content.height(), false))) {
            return objective.evaluate(VggPreprocessing.toNetworkInput(output, DataType.FLOAT), false).style();
        }
    }

    @Test
    void onAnOpaqueImageAlphaMaskChangesNoPixel() throws IOException {
        Path opaque = dir.resolve("opaque.png");
        ImageIO.write(StyleTransferTest.drawContent(64, 48, false), "png", opaque.toFile());
        StyleSettings.Builder settings = quick().iterations(5);
        assertArrayEquals(run(opaque, settings.build()).encoded(), run(opaque, settings.alphaMask(true).build()).encoded());
    }

    @Test
    void aFullyTransparentContentIsAnInvalidAlphaMaskNamingTheFileAndTheFix() throws IOException {
        Path invisible = dir.resolve("invisible.png");
        ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_ARGB), "png", invisible.toFile());
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> run(invisible, quick().alphaMask(true).build()));
        assertTrue(e.getMessage().contains("alphaMask") && e.getMessage().contains(invisible.toString())
                && e.getMessage().contains("set alphaMask to false"), e.getMessage());
    }
}
