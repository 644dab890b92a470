package io.github.stylize.engine.image;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * What an image file's header declares, read without decoding a pixel and without loading {@link ImageReader}: for
 * planning, which must stay cheap when every output is up to date.
 */
public final class ImageHeaders {
    private ImageHeaders() {
    }

    /**
     * The width and height {@code file}'s header declares, or null when no installed decoder recognises the file or
     * its header cannot be read (the engine names what is wrong when it reads the file).
     */
    public static int[] declaredSize(Path file) {
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<javax.imageio.ImageReader> decoders = input == null ? null : ImageIO.getImageReaders(input);
            if (decoders == null || !decoders.hasNext()) {
                return null;
            }
            javax.imageio.ImageReader decoder = decoders.next();
            try {
                decoder.setInput(input, true, true);
                int width = decoder.getWidth(0);
                int height = decoder.getHeight(0);
                return width > 0 && height > 0 ? new int[]{width, height} : null;
            } finally {
                decoder.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
