package io.github.stylize.engine.image;

import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;

import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The EXIF orientation of a JPEG file (tags 1-8), read with TwelveMonkeys' metadata readers, and its application, so
 * that an image is upright as viewers show it.
 */
final class ExifOrientation {
    private ExifOrientation() {
    }

    /** The EXIF orientation (1-8) of a JPEG file; 1 (upright) when there is none or it cannot be parsed. */
    static int read(Path jpegFile) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(jpegFile))) {
            return read(in);
        }
    }

    /**
     * The Orientation tag of IFD0 in the first APP1 Exif segment before the first scan. Malformed metadata is ignored
     * (orientation 1): it must never make a readable image fail.
     */
    static int read(InputStream stream) {
        try (ImageInputStream input = new MemoryCacheImageInputStream(stream)) {
            List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(input, JPEG.APP1, "Exif");
            if (segments.isEmpty()) {
                return 1;
            }
            InputStream exif = segments.get(0).data(); // after the "Exif" identifier's terminator
            if (exif.read() < 0) { // the pad byte before the TIFF structure
                return 1;
            }
            try (ImageInputStream tiff = new MemoryCacheImageInputStream(exif)) {
                Entry orientation = new TIFFReader().read(tiff).getEntryById(TIFF.TAG_ORIENTATION);
                if (orientation != null && orientation.getValue() instanceof Number value
                        && value.intValue() >= 1 && value.intValue() <= 8) {
                    return value.intValue();
                }
                return 1;
            }
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

    /**
     * Turns a stored image upright according to its EXIF orientation: 2 mirror, 3 rotate 180, 4 flip vertically,
     * 5 transpose, 6 rotate 90 clockwise, 7 transverse, 8 rotate 90 counter-clockwise (1 and anything else: as is).
     */
    static RgbImage apply(RgbImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        boolean swapsSides = orientation >= 5;
        int outW = swapsSides ? h : w;
        int outH = swapsSides ? w : h;
        float[] rgb = new float[image.rgb().length];
        float[] alpha = image.hasAlpha() ? new float[image.alpha().length] : null;
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; } // 8
                }
                int from = sy * w + sx;
                int to = y * outW + x;
                System.arraycopy(image.rgb(), from * 3, rgb, to * 3, 3);
                if (alpha != null) {
                    alpha[to] = image.alpha()[from];
                }
            }
        }
        return new RgbImage(outW, outH, rgb, alpha);
    }
}
