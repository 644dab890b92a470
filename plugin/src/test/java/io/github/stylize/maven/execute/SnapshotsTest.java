package io.github.stylize.maven.execute;

import io.github.stylize.engine.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotsTest {
    @TempDir
    Path dir;

    @Test
    void aSnapshotIsEncodedAsTheOutputIsSoTransparentEdgesKeepTheirColour() throws IOException {
        // Half-transparent red, stored over white as RgbImage does (255, 127.5, 127.5), and opaque blue.
        RgbImage image = new RgbImage(2, 1, new float[]{255f, 127.5f, 127.5f, 0f, 0f, 255f}, new float[]{0.5f, 1f});
        Path file = dir.resolve("iteration-00010.png");

        Snapshots.writePng(image, file);

        BufferedImage png = ImageIO.read(file.toFile());
        int edge = png.getRGB(0, 0);
        assertEquals(128, edge >>> 24, "alpha");
        assertTrue(((edge >> 16) & 0xFF) >= 253 && ((edge >> 8) & 0xFF) <= 2 && (edge & 0xFF) <= 2,
                "the red of a half-transparent pixel, not red composited over white: " + Integer.toHexString(edge));
        assertEquals(0xFF0000FF, png.getRGB(1, 0));
    }

    @Test
    void aDivergedSnapshotIsAnIOExceptionNamingTheCauseAndWritesNothing() {
        RgbImage image = new RgbImage(1, 1, new float[]{Float.NaN, 0f, 0f}, null);
        Path file = dir.resolve("iteration-00020.png");

        IOException error = assertThrows(IOException.class, () -> Snapshots.writePng(image, file));

        assertTrue(error.getMessage().contains("diverged"), error.getMessage());
        assertFalse(Files.exists(file));
    }
}
