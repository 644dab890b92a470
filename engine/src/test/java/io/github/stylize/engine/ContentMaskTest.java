package io.github.stylize.engine;

import io.github.stylize.engine.image.ContentMask;
import io.github.stylize.engine.image.ImageReader;
import io.github.stylize.engine.image.RgbImage;
import io.github.stylize.engine.network.NativeBackend;
import io.github.stylize.engine.weights.RandomVggWeights;
import io.github.stylize.engine.weights.VggWeights;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code <contentMask>}: the style goes where the mask is white; where it is black the content is kept. */
class ContentMaskTest {
    @TempDir
    static Path dir;
    static Path content;
    static Path style;
    /** White on the left half, black on the right. */
    static Path leftHalf;
    static final VggWeights WEIGHTS = RandomVggWeights.create(3, new int[]{8, 12, 16, 16, 16});

    @BeforeAll
    static void makeInputs() throws IOException {
        NativeBackend.ensureLoaded();
        content = dir.resolve("content.png");
        ImageIO.write(StyleTransferTest.drawContent(64, 48, false), "png", content.toFile());
        style = dir.resolve("style.png");
        ImageIO.write(StyleTransferTest.drawStyle(40, 40), "png", style.toFile());
        leftHalf = mask("left-half.png", 64, 48, 32);
    }

    /** A black mask of width x height, white in its first {@code whiteColumns} columns. */
    private static Path mask(String name, int width, int height, int whiteColumns) throws IOException {
        BufferedImage mask = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = mask.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, whiteColumns, height);
        g.dispose();
        Path file = dir.resolve(name);
        ImageIO.write(mask, "png", file.toFile());
        return file;
    }

    private static StyleTransferRequest.Builder request(StyleSettings settings, Path mask) {
        return StyleTransferRequest.builder().content(content).style(style).settings(settings).weights(WEIGHTS)
                .contentMask(mask);
    }

    private static StyleSettings.Builder quick() {
        return StyleSettings.builder().size(64).iterations(30).seed(5).tolerance(0);
    }

    /** Mean absolute difference in levels over the columns [from, to) of two images of one size. */
    private static double difference(RgbImage a, RgbImage b, int from, int to) {
        double sum = 0;
        int count = 0;
        for (int y = 0; y < a.height(); y++) {
            for (int x = from; x < to; x++) {
                for (int c = 0; c < 3; c++) {
                    int i = (y * a.width() + x) * 3 + c;
                    sum += Math.abs(Math.round(a.rgb()[i]) - Math.round(b.rgb()[i]));
                    count++;
                }
            }
        }
        return sum / count;
    }

    @Test
    void outsideTheMaskTheOutputIsTheContentAndInsideItIsStylized() {
        RgbImage output = StyleTransfer.run(request(quick().build(), leftHalf).build()).image();
        RgbImage original = ImageReader.read(content);
        double outside = difference(output, original, 32, 64);
        double inside = difference(output, original, 0, 32);
        System.out.printf("mean difference to the content: inside the mask %.2f, outside %.2f levels%n", inside,
                outside);
        assertEquals(0, outside, 0.5, "black half: the content's own pixels (rounding only)");
        assertTrue(inside > 10, "white half stylized, " + inside + " levels from the content");
    }

    /**
     * With three levels, colours preserved and snapshots, the mask is resized to every level with the content and
     * each snapshot keeps the content outside it, as the output does.
     */
    @Test
    void everyLevelAndEverySnapshotFollowTheMask() {
        List<RgbImage> snapshots = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void snapshot(int iteration, RgbImage image) {
                snapshots.add(image);
            }
        };
        StyleSettings settings = quick().scales(3).snapshotEvery(10)
                .preserveColors(StyleSettings.PreserveColors.LUMINANCE).build();
        RgbImage output = StyleTransfer.run(request(settings, leftHalf).listener(listener).build()).image();
        RgbImage original = ImageReader.read(content);
        assertEquals(3, snapshots.size(), "snapshots at iterations 10 and 20 of the last level, and the last image");
        snapshots.add(output);
        for (RgbImage image : snapshots) {
            assertEquals(0, difference(image, original, 32, 64), 0.5);
            assertTrue(difference(image, original, 0, 32) > 5);
        }
    }

    @Test
    void aMaskOfAnotherSizeIsRefusedNamingBothFilesAndTheFix() throws IOException {
        Path wrong = mask("wrong-size.png", 60, 48, 30);
        StylizeException e = assertThrows(StylizeException.class,
                () -> StyleTransfer.run(request(quick().build(), wrong).build()));
        assertTrue(e.getMessage().contains(wrong.toString()) && e.getMessage().contains("60x48")
                && e.getMessage().contains(content.toString()) && e.getMessage().contains("64x48")
                && e.getMessage().contains("export the mask at the content's size"), e.getMessage());
    }

    @Test
    void anAllBlackMaskIsRefusedBecauseNothingWouldBeStyled() throws IOException {
        Path black = mask("black.png", 64, 48, 0);
        StylizeException e = assertThrows(StylizeException.class,
                () -> StyleTransfer.run(request(quick().build(), black).build()));
        assertTrue(e.getMessage().contains(black.toString()) && e.getMessage().contains("nothing would be styled"),
                e.getMessage());
    }

    /** White counts fully, black not at all, grey by its level, and a transparent pixel as black whatever its colour. */
    @Test
    void theWeightIsTheGreyLevelWithTransparencyCountingAsBlack() throws IOException {
        BufferedImage image = new BufferedImage(4, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0xFFFFFFFF); // opaque white
        image.setRGB(1, 0, 0xFF808080); // opaque grey 128
        image.setRGB(2, 0, 0x00FFFFFF); // transparent white
        image.setRGB(3, 0, 0x80FFFFFF); // half-transparent white
        Path file = dir.resolve("weights.png");
        ImageIO.write(image, "png", file.toFile());
        float[] weights = ContentMask.weights(ContentMask.read(file, content, 4, 1, 1_000_000));
        assertEquals(1, weights[0], 1e-3);
        assertEquals(128 / 255.0, weights[1], 1e-3);
        assertEquals(0, weights[2], 1e-3);
        assertEquals(128 / 255.0, weights[3], 1e-2);
    }
}
