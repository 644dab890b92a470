package io.github.stylize.engine.image;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResamplerTest {

    @Test
    void lanczosKernelHasItsTextbookValues() {
        assertEquals(1.0, Resampler.lanczos(0), 0);
        assertEquals(0.0, Resampler.lanczos(1), 1e-15);
        assertEquals(0.0, Resampler.lanczos(-2), 1e-15);
        assertEquals(0.0, Resampler.lanczos(3), 0);
        assertEquals(0.0, Resampler.lanczos(7.5), 0);
        // sinc(0.5) * sinc(1/6) = (2/pi) * (0.5 / (pi/6))
        assertEquals((2 / Math.PI) * (3 / Math.PI), Resampler.lanczos(0.5), 1e-12);
        assertEquals(Resampler.lanczos(1.7), Resampler.lanczos(-1.7), 0);
    }

    @Test
    void downscalingWidensTheKernelByTheScaleFactor() {
        Resampler.Filter upscale = Resampler.filter(10, 20, false);
        Resampler.Filter downscale = Resampler.filter(40, 10, false); // factor 4: support 12 input pixels each side
        assertEquals(6, upscale.taps()[10].length);
        assertEquals(24, downscale.taps()[5].length);
        for (double[] weights : downscale.weights()) {
            assertEquals(1.0, Arrays.stream(weights).sum(), 1e-12);
        }
    }

    @Test
    void constantImageStaysConstantWhateverTheSize() {
        RgbImage constant = solid(37, 23, 90f, 150f, 210f, null);
        for (int[] size : new int[][]{{100, 61}, {5, 3}, {1, 1}, {37, 80}, {200, 7}}) {
            RgbImage resized = Resampler.resize(constant, size[0], size[1]);
            assertEquals(size[0], resized.width());
            assertEquals(size[1], resized.height());
            for (int p = 0; p < size[0] * size[1]; p++) {
                assertEquals(90f, resized.rgb()[p * 3], 1e-3);
                assertEquals(150f, resized.rgb()[p * 3 + 1], 1e-3);
                assertEquals(210f, resized.rgb()[p * 3 + 2], 1e-3);
            }
        }
    }

    @Test
    void linearRampStaysCloseToLinearAwayFromTheEdges() {
        int inWidth = 64;
        RgbImage ramp = horizontalRamp(inWidth, 4);
        for (int outWidth : new int[]{200, 27}) {
            RgbImage resized = Resampler.resize(ramp, outWidth, 4);
            double scale = (double) outWidth / inWidth;
            int margin = (int) Math.ceil(3 * Math.max(1, scale)) + 1; // clamp-to-edge bends the ramp near the border
            for (int x = margin; x < outWidth - margin; x++) {
                double sourceX = (x + 0.5) / scale - 0.5;
                double expected = sourceX * 4; // the ramp rises 4 per input pixel
                // Lanczos-3 reproduces a line up to a small ripple (measured 0.08, i.e. 0.02 input pixels).
                assertEquals(expected, resized.rgb()[(2 * outWidth + x) * 3], 0.1, "x=" + x + " of " + outWidth);
            }
        }
    }

    @Test
    void downscaledCheckerboardAveragesToGrey() {
        int n = 64;
        float[] rgb = new float[n * n * 3];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                Arrays.fill(rgb, (y * n + x) * 3, (y * n + x) * 3 + 3, (x + y) % 2 == 0 ? 0f : 255f);
            }
        }
        // A non-integer factor: without the widened kernel, the samples would alias into bright and dark blotches.
        RgbImage small = Resampler.resize(new RgbImage(n, n, rgb, null), 9, 9);
        for (float v : small.rgb()) {
            assertEquals(127.5, v, 2.0);
        }
    }

    @Test
    void transparentColourDoesNotBleedIntoOpaqueEdges() {
        // Opaque red next to fully transparent pixels whose rgb holds green: colour there must count for nothing.
        RgbImage image = new RgbImage(2, 1, new float[]{255, 0, 0, 0, 255, 0}, new float[]{1, 0});
        RgbImage resized = Resampler.resize(image, 16, 3);

        int partial = 0;
        for (int p = 0; p < 16 * 3; p++) {
            float a = resized.alpha()[p];
            float r = resized.rgb()[p * 3];
            float g = resized.rgb()[p * 3 + 1];
            float b = resized.rgb()[p * 3 + 2];
            assertTrue(a >= 0 && a <= 1, "alpha clamped: " + a);
            // Over white, red at partial coverage is (255, w, w) with w = 255 * (1 - a): green never exceeds blue.
            assertEquals(b, g, 1e-3, "no green tint at pixel " + p);
            assertEquals(255, r, 1e-3);
            assertEquals(255 * (1 - a), g, 1e-2);
            if (a > 0.05 && a < 0.95) {
                partial++;
            }
        }
        assertTrue(partial > 0, "the edge has partially covered pixels");
    }

    @Test
    void opaqueImagesStayOpaqueAndAlphaIsResizedToo() {
        RgbImage opaque = solid(8, 8, 10f, 20f, 30f, null);
        assertEquals(null, Resampler.resize(opaque, 3, 3).alpha());

        float[] alpha = new float[8 * 8];
        Arrays.fill(alpha, 0.25f);
        RgbImage translucent = Resampler.resize(solid(8, 8, 10f, 20f, 30f, alpha), 5, 13);
        for (float a : translucent.alpha()) {
            assertEquals(0.25f, a, 1e-6);
        }
    }

    @Test
    void sameSizeReturnsAnEqualCopy() {
        RgbImage ramp = horizontalRamp(10, 3);
        RgbImage same = Resampler.resize(ramp, 10, 3);
        assertArrayEquals(ramp.rgb(), same.rgb(), 0f);
        assertNotSame(ramp.rgb(), same.rgb());
    }

    @Test
    void resizingIsDeterministic() {
        float[] rgb = new float[31 * 17 * 3];
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = random.nextFloat() * 255;
        }
        RgbImage noise = new RgbImage(31, 17, rgb, null);
        assertArrayEquals(Resampler.resize(noise, 50, 9).rgb(), Resampler.resize(noise, 50, 9).rgb(), 0f);
    }

    @Test
    void fitLongestSideKeepsTheAspectRatioRoundedAndAtLeastOnePixel() {
        assertArrayEquals(new int[]{512, 341}, Resampler.fitLongestSide(384, 256, 512)); // 341.33
        assertArrayEquals(new int[]{171, 256}, Resampler.fitLongestSide(200, 300, 256)); // 170.67
        assertArrayEquals(new int[]{300, 300}, Resampler.fitLongestSide(7, 7, 300));
        assertArrayEquals(new int[]{1, 512}, Resampler.fitLongestSide(1, 4000, 512));
        assertArrayEquals(new int[]{16, 1}, Resampler.fitLongestSide(4000, 1, 16));
        assertThrows(IllegalArgumentException.class, () -> Resampler.fitLongestSide(0, 5, 10));
        assertThrows(IllegalArgumentException.class, () -> Resampler.fitLongestSide(5, 5, 0));

        RgbImage resized = Resampler.resizeToLongestSide(horizontalRamp(384, 256), 96);
        assertEquals(96, resized.width());
        assertEquals(64, resized.height());
    }

    private static RgbImage solid(int w, int h, float r, float g, float b, float[] alpha) {
        float[] rgb = new float[w * h * 3];
        for (int p = 0; p < w * h; p++) {
            rgb[p * 3] = r;
            rgb[p * 3 + 1] = g;
            rgb[p * 3 + 2] = b;
        }
        return new RgbImage(w, h, rgb, alpha);
    }

    private static RgbImage horizontalRamp(int w, int h) {
        float[] rgb = new float[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                Arrays.fill(rgb, (y * w + x) * 3, (y * w + x) * 3 + 3, x * 4f);
            }
        }
        return new RgbImage(w, h, rgb, null);
    }
}
