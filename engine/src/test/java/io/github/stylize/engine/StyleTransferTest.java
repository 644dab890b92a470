package io.github.stylize.engine;

import io.github.stylize.engine.image.ImageException;
import io.github.stylize.engine.image.ImageReader;
import io.github.stylize.engine.objective.StyleGramCache;
import io.github.stylize.engine.weights.VggWeights;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole engine on real files: images drawn here, a tiny VGG-layout HDF5 weights file written here. */
class StyleTransferTest {
    @TempDir
    static Path dir;
    static Path content;
    static Path style;
    static VggWeights weights;

    @BeforeAll
    static void makeInputs() throws IOException {
        content = dir.resolve("content.png");
        style = dir.resolve("style.png");
        ImageIO.write(drawContent(64, 48, false), "png", content.toFile());
        ImageIO.write(drawStyle(40, 40), "png", style.toFile());
        weights = TinyVgg.writeAndRead(dir);
    }

    /** The seed's setup (Adam, every iteration run), small: the tests below count its iterations and evaluations. */
    private static StyleSettings.Builder quick() {
        return StyleSettings.builder().size(64).iterations(50).learningRate(8).seed(5)
                .optimizer(StyleSettings.Optimizer.ADAM).tolerance(0);
    }

    private static StyleTransferResult run(StyleSettings settings, Path contentImage, ProgressListener listener) {
        return StyleTransfer.run(StyleTransferRequest.builder().content(contentImage).style(style)
                .settings(settings).weights(weights).listener(listener).build());
    }

    @Test
    void adamHalvesTheTotalLossWithinFiftyIterationsAndWritesAPngOfTheContentSize() throws IOException {
        List<IterationLoss> reported = new ArrayList<>();
        StyleTransferResult result = run(quick().build(), content, new ProgressListener() {
            @Override
            public void iteration(IterationLoss loss) {
                reported.add(loss);
            }
        });

        List<IterationLoss> losses = result.losses();
        assertEquals(51, losses.size(), "entry 0 is the initial image, then one entry per iteration");
        assertEquals(losses, reported);
        assertEquals(0, losses.get(0).iteration());
        double first = losses.get(0).total();
        double last = losses.get(50).total();
        assertTrue(last <= first / 2, "total loss " + first + " -> " + last);
        for (IterationLoss loss : losses) {
            assertEquals(loss.content() + loss.style() + loss.tv(), loss.total(), 1e-9 * loss.total());
        }

        BufferedImage written = ImageIO.read(new ByteArrayInputStream(result.encoded()));
        assertEquals(64, written.getWidth());
        assertEquals(48, written.getHeight());
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(result.encoded(), 4));
        assertTrue(result.run().backend().startsWith("CPU"), result.run().backend());
    }

    @Test
    void lbfgsAlsoHalvesTheLoss() {
        StyleTransferResult result = run(quick().optimizer(StyleSettings.Optimizer.LBFGS).iterations(20).learningRate(10)
                .build(), content, ProgressListener.NONE);
        assertTrue(result.losses().get(20).total() <= result.losses().get(0).total() / 2,
                result.losses().get(0).total() + " -> " + result.losses().get(20).total());
        RunTimings timings = result.timings();
        assertEquals(20, timings.iterations());
        // The first step has no curvature to go on and moves one pixel by learningRate: its line search must expand
        // the step several times, and each try is an evaluation the timings count.
        assertTrue(timings.evaluations() > 20 + 1, "line-search evaluations counted: " + timings.evaluations());
    }

    /**
     * Why the default is L-BFGS with a tolerance and at most 100 iterations: it ends below the loss of the seed's 300
     * Adam iterations after at most half their evaluations (at 512² in a fifth of the time, performance.md). Here the
     * tiny network's loss keeps falling by more than the tolerance, so the iteration cap is what ends it.
     */
    @Test
    void theDefaultFastPathEndsBelowTheSeedsLossInHalfTheEvaluations() {
        StyleSettings seedSetup = StyleSettings.builder().size(64).seed(5)
                .optimizer(StyleSettings.Optimizer.ADAM).learningRate(10).tolerance(0).iterations(300).build();
        StyleTransferResult seed = run(seedSetup, content, ProgressListener.NONE);
        StyleTransferResult fast = run(StyleSettings.builder().size(64).seed(5).build(), content, ProgressListener.NONE);
        double seedLoss = seed.losses().get(seed.losses().size() - 1).total();
        double fastLoss = fast.losses().get(fast.losses().size() - 1).total();
        assertEquals(301, seed.timings().evaluations());
        assertTrue(fast.timings().iterations() <= 100, "iterations: " + fast.timings().iterations());
        assertTrue(fastLoss <= seedLoss, "default's loss " + fastLoss + " vs Adam-300's " + seedLoss);
        assertTrue(2 * fast.timings().evaluations() <= seed.timings().evaluations(),
                "default's evaluations " + fast.timings().evaluations());
    }

    @Test
    void timingsCountOneEvaluationPerAdamIterationPlusTheInitialOne() {
        StyleTransferResult result = run(quick().iterations(6).build(), content, ProgressListener.NONE);
        RunTimings timings = result.timings();
        assertEquals(6, timings.iterations());
        assertEquals(6 + 1, timings.evaluations());
        assertEquals(timings.prepareMillis() + timings.optimizeMillis(), timings.totalMillis());
        assertEquals(timings.totalMillis(), result.totalMillis());
        assertEquals((double) timings.optimizeMillis() / 7, timings.millisPerEvaluation(), 1e-12);
    }

    @Test
    void millisPerEvaluationIsZeroWithoutEvaluations() {
        assertEquals(0, new RunTimings(5, 7, 0, 0).millisPerEvaluation());
        assertEquals(2.5, new RunTimings(5, 10, 3, 4).millisPerEvaluation());
        assertEquals(15, new RunTimings(5, 10, 3, 4).totalMillis());
        assertThrows(IllegalArgumentException.class, () -> new RunTimings(-1, 0, 0, 0));
    }

    @Test
    void theSameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() {
        StyleSettings settings = quick().iterations(8).init(StyleSettings.Init.NOISE).build();
        byte[] first = run(settings, content, ProgressListener.NONE).encoded();
        byte[] second = run(settings, content, ProgressListener.NONE).encoded();
        byte[] otherSeed = run(settings.toBuilder().seed(6).build(), content, ProgressListener.NONE).encoded();
        assertArrayEquals(first, second);
        assertFalse(Arrays.equals(first, otherSeed));
    }

    @Test
    void jpegOutputAndSnapshotsEveryNIterations() throws IOException {
        SnapshotRecorder snapshots = new SnapshotRecorder();
        StyleTransferResult result = run(quick().iterations(6).snapshotEvery(2).format(StyleSettings.Format.JPG).build(),
                content, snapshots);
        assertEquals(List.of(2, 4, 6), snapshots.iterations);
        assertTrue(snapshots.images.stream().allMatch(image -> image.width() == 64), "each at the content's size");
        assertEquals((byte) 0xFF, result.encoded()[0]);
        assertEquals((byte) 0xD8, result.encoded()[1]);
        BufferedImage written = ImageIO.read(new ByteArrayInputStream(result.encoded()));
        assertEquals(48, written.getHeight());
    }

    @Test
    void largeContentIsShrunkToSizeAndAlphaIsKeptInPng() throws IOException {
        Path sprite = dir.resolve("sprite.png");
        ImageIO.write(drawContent(128, 96, true), "png", sprite.toFile());
        StyleTransferResult result = run(quick().iterations(2).build(), sprite, ProgressListener.NONE);
        BufferedImage written = ImageIO.read(new ByteArrayInputStream(result.encoded()));
        assertEquals(64, written.getWidth());
        assertEquals(48, written.getHeight());
        assertTrue(written.getColorModel().hasAlpha());
        assertEquals(0, written.getRGB(0, 0) >>> 24, "transparent corner stays transparent");
        assertEquals(255, written.getRGB(32, 24) >>> 24, "opaque centre stays opaque");
    }

    @Test
    void aDivergingRunStopsWithAnErrorSuggestingALowerLearningRate() {
        StylizeException e = assertThrows(StylizeException.class,
                () -> run(quick().learningRate(1e38).iterations(5).build(), content, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("diverged") && e.getMessage().contains("Lower learningRate"), e.getMessage());
    }

    @Test
    void lbfgsCannotDivergeByItsStepSoItsErrorDoesNotBlameTheLearningRate() {
        // The loss overflows at the initial image: nothing L-BFGS's learningRate could change.
        StylizeException e = assertThrows(StylizeException.class, () -> run(quick()
                .optimizer(StyleSettings.Optimizer.LBFGS).styleWeight(1e308).iterations(5).build(), content,
                ProgressListener.NONE));
        assertTrue(e.getMessage().contains("iteration 0") && e.getMessage().contains("only sets its first step")
                && !e.getMessage().contains("Lower learningRate"), e.getMessage());
    }

    @Test
    void aLevelAtAZeroGradientEndsAsConvergedAndTheTimingsSaySo() {
        // Content only, starting from the content: the loss and its gradient are exactly 0.
        StyleTransferResult result = run(quick().optimizer(StyleSettings.Optimizer.LBFGS).styleWeight(0)
                .init(StyleSettings.Init.CONTENT).tolerance(0).build(), content, ProgressListener.NONE);
        assertEquals(1, result.losses().size(), "only the initial image: no step moved it");
        assertEquals(StopReason.CONVERGED, result.timings().stop());
        assertEquals(1, result.timings().evaluations());
        assertEquals(StopReason.ITERATIONS, run(quick().iterations(3).build(), content, ProgressListener.NONE)
                .timings().stop());
    }

    @Test
    void iterateAveragingOutputsTheAverageWithItsLossAsTheLastEntry() {
        StyleSettings settings = quick().iterations(10).build();
        StyleTransferResult plain = run(settings, content, ProgressListener.NONE);
        StyleTransferResult averaged = run(settings.toBuilder().iterateAveraging(true).build(), content,
                ProgressListener.NONE);
        assertEquals(11, averaged.losses().size());
        assertEquals(plain.losses().subList(0, 10), averaged.losses().subList(0, 10), "the same iterates");
        assertNotEquals(plain.losses().get(10).total(), averaged.losses().get(10).total(), "the average's loss");
        assertEquals(plain.timings().evaluations() + 1, averaged.timings().evaluations(), "one to evaluate it");
        assertFalse(Arrays.equals(plain.image().rgb(), averaged.image().rgb()));
    }

    @Test
    void coarseLevelsTooSmallForTheStyleAreSkippedInsteadOfFailing() {
        // styleScale 0.3: the 40x40 style is 19x19 at full size (64x48) but would be 10x10 at the 32x24 level,
        // under the 16 pixels conv5_1 needs; settings valid at full size must not fail at a coarse level.
        List<String> started = new ArrayList<>();
        run(quick().iterations(2).scales(3).styleScale(0.3).build(), content, new ProgressListener() {
            @Override
            public void started(int width, int height, int iterations, String backend) {
                started.add(width + "x" + height);
            }
        });
        assertEquals(List.of("64x48"), started);
    }

    @Test
    void layersOfWeightZeroAreNotComputedAndAllZeroWeightsAreAnInvalidSetting() {
        // conv5_1 at weight 0 and no content: weights that stop at block 4 are enough, as nothing reads conv5_1.
        VggWeights shallow = new VggWeights("shallow.h5", weights.layers().subList(0, 9));
        StyleSettings noDeepLayer = quick().iterations(2).contentWeight(0)
                .styleLayerWeights(List.of(0.25, 0.25, 0.25, 0.25, 0.0)).build();
        assertEquals("conv4_1", noDeepLayer.deepestLayer());
        StyleTransferResult result = StyleTransfer.run(StyleTransferRequest.builder().content(content).style(style)
                .settings(noDeepLayer).weights(shallow).build());
        assertEquals(0, result.losses().get(0).content());

        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> quick().contentWeight(0)
                .styleLayerWeights(List.of(0.0, 0.0, 0.0, 0.0, 0.0)).build());
        assertEquals("styleLayerWeights", e.setting());
        assertTrue(e.getMessage().contains("nothing to optimize"), e.getMessage());
    }

    @Test
    void anImageTooSmallForTheDeepestLayerIsRejectedNamingSizeAndTheFix() throws IOException {
        Path tiny = dir.resolve("tiny.png");
        ImageIO.write(drawContent(12, 10, false), "png", tiny.toFile());
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> run(quick().build(), tiny, ProgressListener.NONE));
        assertEquals("size", e.setting());
        assertTrue(e.getMessage().contains("12x10") && e.getMessage().contains("16 pixels"), e.getMessage());
        // never enlarged: a larger size cannot help a content smaller than size
        assertTrue(e.getMessage().endsWith("needs at least 16 pixels on each side; use a larger image, or shallower "
                + "layers"), e.getMessage());

        InvalidSettingException shrunk = assertThrows(InvalidSettingException.class,
                () -> run(quick().size(16).build(), content, ProgressListener.NONE));
        assertTrue(shrunk.getMessage().contains("is 16x12 pixels as used") && shrunk.getMessage().endsWith(
                "needs at least 16 pixels on each side; use a larger size or image, or shallower layers"),
                shrunk.getMessage());
    }

    @Test
    void maxPixelsLimitsBothInputsAndDefaultsToTheReadersLimit() throws IOException {
        assertEquals(ImageReader.DEFAULT_MAX_PIXELS, StyleTransferRequest.builder().content(content).style(style)
                .weights(weights).build().maxPixels());
        StyleSettings settings = quick().iterations(1).build();

        ImageException contentTooLarge = assertThrows(ImageException.class, () -> StyleTransfer.run(
                StyleTransferRequest.builder().content(content).style(style).settings(settings).weights(weights)
                        .maxPixels(64 * 48 - 1).build()));
        assertTrue(contentTooLarge.getMessage().contains(content + " declares 64x48 pixels")
                && contentTooLarge.getMessage().contains("raise maxPixels"), contentTooLarge.getMessage());

        Path smallContent = dir.resolve("small-content.png");
        ImageIO.write(drawContent(20, 20, false), "png", smallContent.toFile());
        ImageException styleTooLarge = assertThrows(ImageException.class, () -> StyleTransfer.run(
                StyleTransferRequest.builder().content(smallContent).style(style).settings(settings).weights(weights)
                        .maxPixels(40 * 40 - 1).build()));
        assertTrue(styleTooLarge.getMessage().contains(style + " declares 40x40 pixels"), styleTooLarge.getMessage());
    }

    @Test
    void aStyleScaleThatEnlargesTheStylePastMaxPixelsIsRefusedBeforeAllocatingItNamingTheLargestThatFits() {
        // content 64x48 and style 40x40 fit 100000 pixels; the style at 8 times the content's 64 would be 512x512
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> StyleTransfer.run(
                StyleTransferRequest.builder().content(content).style(style).settings(quick().styleScale(8).build())
                        .weights(weights).maxPixels(100_000).build()));
        assertEquals("styleScale", e.setting());
        assertEquals("Invalid setting 'styleScale': styleScale 8.0 scales the style image " + style + " to 512x512 "
                + "(262144 pixels) for the content's 64x48 as used, more than maxPixels (100000), which would exhaust "
                + "memory; use styleScale 4.93 or less, or raise maxPixels", e.getMessage());
    }

    @Test
    void aMissingContentImageIsReportedByName() {
        Path missing = dir.resolve("no-such-image.png");
        ImageException e = assertThrows(ImageException.class, () -> run(quick().build(), missing, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("no-such-image.png"), e.getMessage());
    }

    @Test
    void weightsThatStopShortOfTheDeepestLayerAreRejectedBeforeAnyWork() {
        VggWeights shallow = new VggWeights("shallow.h5", weights.layers().subList(0, 4));
        StylizeException e = assertThrows(StylizeException.class, () -> StyleTransferRequest.builder()
                .content(content).style(style).settings(quick().build()).weights(shallow).build());
        assertTrue(e.getMessage().contains("shallow.h5") && e.getMessage().contains("conv5_1"), e.getMessage());
        assertNotNull(StyleTransferRequest.builder().content(content).style(style).weights(shallow)
                .settings(quick().contentLayer("conv2_1").styleLayers(List.of("conv1_1", "conv2_2")).build()).build());
    }

    @Test
    void coarseToFineLevelsRunSmallestFirstAndReportTheFullSizeLevel() {
        List<String> started = new ArrayList<>();
        StyleTransferResult result = run(quick().iterations(4).scales(3).build(), content, new ProgressListener() {
            @Override
            public void started(int width, int height, int iterations, String backend) {
                started.add(width + "x" + height);
            }
        });
        // 64x48 halved is 32x24; halving again would go below the 16 pixels conv5_1 needs, so only two levels run.
        assertEquals(List.of("32x24", "64x48"), started);
        assertEquals(5, result.losses().size(), "the history is the full-size level's");
        assertEquals(64, result.image().width());
        assertEquals(4, result.timings().iterations(), "the full-size level's iterations");
        assertEquals(2 * (4 + 1), result.timings().evaluations(), "the evaluations of both levels");
    }

    @Test
    void toleranceStopsALevelOnceTheLossStallsOverTheWindow() {
        StyleTransferResult result = run(quick().iterations(40).tolerance(0.9).build(), content, ProgressListener.NONE);
        int window = StyleSettings.TOLERANCE_WINDOW;
        List<IterationLoss> losses = result.losses();
        assertTrue(losses.size() < 41, "stopped early: " + losses.size());
        double before = losses.get(losses.size() - 1 - window).total();
        double last = losses.get(losses.size() - 1).total();
        assertTrue(before - last < 0.9 * before, "stopped because progress fell under the tolerance");
        assertEquals(losses.size() - 1, result.timings().iterations(), "the iterations that ran, not the setting");
        assertEquals(losses.size(), result.timings().evaluations());
        if (losses.size() > window + 1) {
            double previousBefore = losses.get(losses.size() - 2 - window).total();
            double previousLast = losses.get(losses.size() - 2).total();
            assertTrue(previousBefore - previousLast >= 0.9 * previousBefore, "did not stop later than needed");
        }
    }

    @Test
    void assetsSharingAStyleAnalyseItOnce() {
        StyleGramCache shared = new StyleGramCache();
        for (StyleSettings settings : List.of(quick().iterations(1).build(), quick().iterations(2).seed(9).build(),
                quick().iterations(1).styleScale(0.5).build())) {
            StyleTransfer.run(StyleTransferRequest.builder().content(content).style(style).settings(settings)
                    .weights(weights).styleGrams(shared).build());
        }
        assertEquals(2, shared.computedCount(), "the same style at the same scale is analysed once, another scale again");
    }

    @Test
    void requireGpuFailsFastOnTheCpuBackendNamingTheFix() {
        StylizeException e = assertThrows(StylizeException.class, () -> StyleTransfer.run(StyleTransferRequest.builder()
                .content(content).style(style).settings(quick().build()).weights(weights).requireGpu(true).build()));
        assertTrue(e.getMessage().contains("requireGpu") && e.getMessage().contains("nd4j-cuda-11.6"), e.getMessage());
    }

    static BufferedImage drawContent(int width, int height, boolean transparentCorners) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        if (transparentCorners) {
            g.setPaint(new GradientPaint(0, 0, new Color(70, 130, 200), 0, height, new Color(240, 200, 120)));
            g.fillOval(width / 8, height / 8, width * 3 / 4, height * 3 / 4);
        } else {
            g.setPaint(new GradientPaint(0, 0, new Color(70, 130, 200), 0, height, new Color(240, 200, 120)));
            g.fillRect(0, 0, width, height);
        }
        g.setColor(new Color(40, 90, 40));
        g.fillOval(width / 3, height / 3, width / 3, height / 3);
        g.dispose();
        return image;
    }

    static BufferedImage drawStyle(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(250, 230, 60));
        g.fillRect(0, 0, width, height);
        g.setStroke(new BasicStroke(3));
        Color[] colors = {new Color(200, 30, 60), new Color(20, 40, 160), new Color(10, 10, 10)};
        for (int i = -height; i < width; i += 6) {
            g.setColor(colors[Math.floorMod(i, 3)]);
            g.drawLine(i, 0, i + height, height);
        }
        g.dispose();
        return image;
    }
}
