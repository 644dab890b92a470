package io.github.stylize.engine;

import io.github.stylize.engine.image.ColorTransfer;
import io.github.stylize.engine.image.ImageReader;
import io.github.stylize.engine.image.RgbImage;
import io.github.stylize.engine.weights.VggWeights;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code preserveColors} on the quickstart's real images, with a tiny random VGG written here. */
class PreserveColorsTest {
    static final Path ART = Path.of("../examples/quickstart/src/main/stylize");
    static final Path HARBOR = ART.resolve("content/harbor.png");
    static final Path WAVES = ART.resolve("styles/waves.png");
    static final Path MOSAIC = ART.resolve("styles/mosaic.png");
    /**
     * The most the chroma of an 8-bit output may differ from the content's, in levels of 0..255: the output keeps the
     * content's I and Q exactly (ColorTransfer.withLuminance), and rounding each channel to a byte moves I by at most
     * 0.5 (0.596 + 0.274 + 0.322) = 0.596 and Q by 0.5 (0.211 + 0.523 + 0.312) = 0.523.
     */
    static final double CHROMA_TOLERANCE = 0.6;

    @TempDir
    static Path dir;
    static VggWeights weights;

    @BeforeAll
    static void writeWeights() throws IOException {
        weights = TinyVgg.writeAndRead(dir);
    }

    private static StyleSettings.Builder quick() {
        return StyleSettings.builder().size(96).iterations(15).seed(3).tolerance(0);
    }

    private static RgbImage run(StyleSettings settings) throws IOException {
        StyleTransferResult result = StyleTransfer.run(StyleTransferRequest.builder().content(HARBOR).style(WAVES)
                .settings(settings).weights(weights).build());
        Path written = Files.write(dir.resolve("out-" + settings.preserveColors() + ".png"), result.encoded());
        return ImageReader.read(written, ImageReader.DEFAULT_MAX_PIXELS);
    }

    private static RgbImage contentAsUsed(int size) {
        return StyleTransfer.fitContent(ImageReader.read(HARBOR, ImageReader.DEFAULT_MAX_PIXELS), size, false);
    }

    /**
     * With several scales, snapshots come from the last level only, each at the content's size: a coarse level's
     * image is smaller than the content whose colours are put back, which once ended the run with an index error.
     */
    @Test
    void luminanceWithSeveralScalesAndSnapshotsSnapshotsTheLastLevelAtTheContentsSize() {
        SnapshotRecorder listener = new SnapshotRecorder();
        StyleTransfer.run(StyleTransferRequest.builder().content(HARBOR).style(WAVES).weights(weights)
                .settings(quick().scales(2).snapshotEvery(5).preserveColors(StyleSettings.PreserveColors.LUMINANCE)
                        .build())
                .listener(listener).build());
        RgbImage content = contentAsUsed(96);
        assertEquals(List.of(5, 10, 15), listener.iterations, "iterations 5 and 10 of the last level, and the last");
        for (RgbImage snapshot : listener.images) {
            assertEquals(content.width() + "x" + content.height(), snapshot.width() + "x" + snapshot.height());
        }
    }

    @Test
    void luminanceKeepsTheContentsChromaInTheWrittenImageWhileItsLuminanceIsStylized() throws IOException {
        RgbImage output = run(quick().preserveColors(StyleSettings.PreserveColors.LUMINANCE).build());
        RgbImage content = contentAsUsed(96);
        assertEquals(content.width(), output.width());
        float[] out = output.rgb();
        float[] in = content.rgb();
        double worstChroma = 0;
        double lumaChange = 0;
        for (int i = 0; i < in.length; i += 3) {
            worstChroma = Math.max(worstChroma, Math.abs(chromaI(out, i) - chromaI(in, i)));
            worstChroma = Math.max(worstChroma, Math.abs(chromaQ(out, i) - chromaQ(in, i)));
            lumaChange += Math.abs(ColorTransfer.luma(out, i) - ColorTransfer.luma(in, i));
        }
        assertTrue(worstChroma <= CHROMA_TOLERANCE, "chroma moved by " + worstChroma + " levels");
        lumaChange /= in.length / 3.0;
        assertTrue(lumaChange > 2, "the luminance was stylized, not copied: mean change " + lumaChange + " levels");
    }

    @Test
    void withoutPreservationTheChromaIsTheStyleTransfersOwn() throws IOException {
        RgbImage output = run(quick().build());
        RgbImage content = contentAsUsed(96);
        double worstChroma = 0;
        for (int i = 0; i < content.rgb().length; i += 3) {
            worstChroma = Math.max(worstChroma, Math.abs(chromaI(output.rgb(), i) - chromaI(content.rgb(), i)));
        }
        assertTrue(worstChroma > 10 * CHROMA_TOLERANCE, "the luminance test's tolerance can fail: " + worstChroma);
    }

    @Test
    void histogramGivesThePreparedStyleTheContentsColourMeanAndCovariance() {
        RgbImage content = contentAsUsed(512);
        RgbImage style = ImageReader.read(WAVES, ImageReader.DEFAULT_MAX_PIXELS);
        RgbImage prepared = StyleTransfer.prepareStyle(style, content, StyleSettings.PreserveColors.HISTOGRAM);

        double[] contentMean = ColorTransfer.mean(content);
        double[] preparedMean = ColorTransfer.mean(prepared);
        assertArrayEquals(contentMean, preparedMean, 0.01, "mean R, G, B in levels");
        double[][] contentCovariance = ColorTransfer.covariance(content, contentMean);
        double[][] preparedCovariance = ColorTransfer.covariance(prepared, preparedMean);
        for (int r = 0; r < 3; r++) {
            // 1e-4 of the largest variance: float pixels, double sums
            assertArrayEquals(contentCovariance[r], preparedCovariance[r], 1e-4 * largest(contentCovariance),
                    "covariance row " + r);
        }
        double[] styleMean = ColorTransfer.mean(style);
        assertTrue(Math.abs(styleMean[2] - contentMean[2]) > 5, "the style's colours differed to begin with");
    }

    @Test
    void luminancePreparesAGreyStyleWithTheContentsLuminanceMeanAndSpread() {
        RgbImage content = contentAsUsed(512);
        RgbImage prepared = StyleTransfer.prepareStyle(ImageReader.read(MOSAIC, ImageReader.DEFAULT_MAX_PIXELS),
                content, StyleSettings.PreserveColors.LUMINANCE);
        float[] rgb = prepared.rgb();
        for (int i = 0; i < rgb.length; i += 3) {
            assertTrue(rgb[i] == rgb[i + 1] && rgb[i] == rgb[i + 2], "grey at pixel " + i / 3);
        }
        RgbImage contentLuminance = ColorTransfer.luminance(content);
        assertEquals(ColorTransfer.mean(contentLuminance)[0], ColorTransfer.mean(prepared)[0], 0.01);
        assertEquals(ColorTransfer.covariance(contentLuminance, ColorTransfer.mean(contentLuminance))[0][0],
                ColorTransfer.covariance(prepared, ColorTransfer.mean(prepared))[0][0],
                1e-4 * ColorTransfer.covariance(contentLuminance, ColorTransfer.mean(contentLuminance))[0][0]);
    }

    @Test
    void histogramRunsAndGivesTheOutputColoursCloserToTheContentsThanNone() throws IOException {
        double[] content = ColorTransfer.mean(contentAsUsed(96));
        double none = distance(ColorTransfer.mean(run(quick().build())), content);
        double histogram = distance(ColorTransfer.mean(run(quick()
                .preserveColors(StyleSettings.PreserveColors.HISTOGRAM).build())), content);
        // the run starts from the content (blend), so its mean colour moves little either way; deterministic (seed)
        assertTrue(histogram < 0.9 * none, "mean colour distance to the content's: histogram " + histogram
                + ", none " + none);
    }

    private static double distance(double[] a, double[] b) {
        return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
    }

    private static double largest(double[][] m) {
        return Math.max(m[0][0], Math.max(m[1][1], m[2][2]));
    }

    private static double chromaI(float[] rgb, int i) {
        return 0.596 * rgb[i] - 0.274 * rgb[i + 1] - 0.322 * rgb[i + 2];
    }

    private static double chromaQ(float[] rgb, int i) {
        return 0.211 * rgb[i] - 0.523 * rgb[i + 1] + 0.312 * rgb[i + 2];
    }
}
