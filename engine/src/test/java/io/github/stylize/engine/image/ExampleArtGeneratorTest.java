package io.github.stylize.engine.image;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class ExampleArtGeneratorTest {

    private static final String REGENERATE = "; if the drawing code changed on purpose, regenerate the art with "
            + "ExampleArtGenerator.main (see its javadoc) and commit the PNGs";

    @Test
    void generatingTwiceGivesIdenticalBytes() {
        Map<String, byte[]> first = ExampleArtGenerator.generate();
        Map<String, byte[]> second = ExampleArtGenerator.generate();
        assertEquals(first.keySet(), second.keySet());
        first.forEach((name, bytes) -> assertTrue(Arrays.equals(bytes, second.get(name)), name + " differs"));
    }

    @Test
    void committedArtIsExactlyWhatTheGeneratorDraws() throws IOException {
        Path art = repositoryRoot().resolve(ExampleArtGenerator.OUTPUT_DIRECTORY);
        for (Map.Entry<String, byte[]> file : ExampleArtGenerator.generate().entrySet()) {
            Path committed = art.resolve(file.getKey());
            assertTrue(Files.isRegularFile(committed), committed + " is missing" + REGENERATE);
            if (!Arrays.equals(file.getValue(), Files.readAllBytes(committed))) {
                fail(committed + " differs from what ExampleArtGenerator draws now" + REGENERATE);
            }
        }
    }

    /** The texture for tileable: its edges meet like any two neighbouring columns (rows) do. */
    @Test
    void theCobblesTileWithoutASeam() {
        RgbImage cobbles = ImageReader.read(repositoryRoot().resolve(ExampleArtGenerator.OUTPUT_DIRECTORY)
                .resolve("content/tiles/cobbles.png"));
        for (boolean columns : new boolean[]{true, false}) {
            double[] differences = neighbourDifferences(cobbles, columns);
            double interior = 0;
            double largest = 0;
            for (int i = 0; i < differences.length - 1; i++) {
                interior += differences[i] / (differences.length - 1);
                largest = Math.max(largest, differences[i]);
            }
            double seam = differences[differences.length - 1];
            assertTrue(seam <= largest, (columns ? "columns" : "rows") + ": seam " + seam + ", interior mean "
                    + interior + ", largest " + largest);
        }
    }

    /** Mean absolute difference between each column (row) and the next, the last one's next being the first. */
    private static double[] neighbourDifferences(RgbImage image, boolean columns) {
        int lines = columns ? image.width() : image.height();
        int along = columns ? image.height() : image.width();
        double[] differences = new double[lines];
        for (int line = 0; line < lines; line++) {
            for (int i = 0; i < along; i++) {
                int here = columns ? i * image.width() + line : line * image.width() + i;
                int next = columns ? i * image.width() + (line + 1) % lines : ((line + 1) % lines) * image.width() + i;
                for (int c = 0; c < 3; c++) {
                    differences[line] += Math.abs(image.rgb()[next * 3 + c] - image.rgb()[here * 3 + c]) / (along * 3.0);
                }
            }
        }
        return differences;
    }

    @Test
    void spritesHaveTransparentBackgroundsAndSizesFitTheQuickstart() {
        Path art = repositoryRoot().resolve(ExampleArtGenerator.OUTPUT_DIRECTORY);
        for (String sprite : new String[]{"content/sprites/tree.png", "content/sprites/crate.png"}) {
            RgbImage image = ImageReader.read(art.resolve(sprite));
            assertNotNull(image.alpha(), sprite + " has alpha");
            assertEquals(0f, image.alpha()[0], sprite + " top-left corner is transparent");
            assertEquals(1f, image.alpha()[64 * 128 + 64], sprite + " centre is opaque");
            assertEquals(128, image.width());
        }
        RgbImage cobbles = ImageReader.read(art.resolve("content/tiles/cobbles.png"));
        assertEquals(96, cobbles.width());
        assertEquals(96, cobbles.height());
        RgbImage harbor = ImageReader.read(art.resolve("content/harbor.png"));
        assertEquals(384, harbor.width());
        assertEquals(256, harbor.height());
        for (String style : new String[]{"styles/mosaic.png", "styles/waves.png"}) {
            RgbImage image = ImageReader.read(art.resolve(style));
            assertEquals(256, image.width());
            assertEquals(null, image.alpha(), style + " is opaque");
        }
    }

    /** The repository root: Surefire runs in the engine module, the art lives beside it. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("engine/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the repository root (a folder with engine/pom.xml) above "
                + Path.of("").toAbsolutePath());
    }
}
