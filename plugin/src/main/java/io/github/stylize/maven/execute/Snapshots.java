package io.github.stylize.maven.execute;

import io.github.stylize.engine.StyleSettings;
import io.github.stylize.engine.files.AtomicFiles;
import io.github.stylize.engine.image.ImageException;
import io.github.stylize.engine.image.ImageWriter;
import io.github.stylize.engine.image.RgbImage;

import java.io.IOException;
import java.nio.file.Path;

/** Writes intermediate images ({@code snapshotEvery}) for the user to watch a long run converge. */
final class Snapshots {
    private Snapshots() {
    }

    /**
     * Writes {@code image} as a PNG, encoded as the final outputs are; a snapshot that cannot be encoded (a diverged
     * run's non-finite pixels) is an {@link IOException}, which the caller reports as a warning.
     */
    static void writePng(RgbImage image, Path file) throws IOException {
        byte[] png;
        try {
            png = ImageWriter.encode(image, StyleSettings.Format.PNG, 1.0);
        } catch (ImageException e) {
            throw new IOException(e.getMessage(), e);
        }
        AtomicFiles.write(file, png);
    }
}
