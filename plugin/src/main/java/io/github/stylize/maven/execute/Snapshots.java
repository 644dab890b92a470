package io.github.stylize.maven.execute;

import io.github.stylize.engine.files.AtomicFiles;
import io.github.stylize.engine.image.RgbImage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/** Writes intermediate images ({@code snapshotEvery}) for the user to watch a long run converge. */
final class Snapshots {
    private Snapshots() {
    }

    static void writePng(RgbImage image, Path file) throws IOException {
        int w = image.width();
        int h = image.height();
        BufferedImage out = new BufferedImage(w, h, image.hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        float[] rgb = image.rgb();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int r = channel(rgb[3 * i]);
                int g = channel(rgb[3 * i + 1]);
                int b = channel(rgb[3 * i + 2]);
                int a = image.hasAlpha() ? Math.round(Math.max(0f, Math.min(1f, image.alpha()[i])) * 255f) : 255;
                out.setRGB(x, y, (a << 24) | (r << 16) | (g << 8) | b);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "png", bytes);
        AtomicFiles.write(file, bytes.toByteArray());
    }

    private static int channel(float v) {
        return Math.round(Math.max(0f, Math.min(255f, v)));
    }
}
