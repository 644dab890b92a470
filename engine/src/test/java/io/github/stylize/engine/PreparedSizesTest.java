package io.github.stylize.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreparedSizesTest {
    @Test
    void contentIsShrunkIntoSizeButNeverEnlarged() {
        assertArrayEquals(new int[]{512, 256}, PreparedSizes.content(2048, 1024, 512));
        assertArrayEquals(new int[]{30, 20}, PreparedSizes.content(30, 20, 512));
    }

    @Test
    void styleScaleEightOnA1024ContentIsRefusedNamingTheLargestScaleThatFits() {
        String problem = PreparedSizes.styleProblem("s.png", 600, 600, new int[]{1024, 1024}, 8, 64_000_000);
        assertEquals("styleScale 8.0 scales the style image s.png to 8192x8192 (67108864 pixels) for the content's "
                + "1024x1024 as used, more than maxPixels (64000000), which would exhaust memory; use styleScale 7.81 "
                + "or less, or raise maxPixels", problem);
        assertNull(PreparedSizes.styleProblem("s.png", 600, 600, new int[]{1024, 1024}, 7.81, 64_000_000));
        assertTrue(PreparedSizes.style(600, 600, 1024, 7.82)[0] * 7998L > 64_000_000, "7.82 does not fit");
    }

    @Test
    void theLargestScaleThatFitsIsExactForOtherAspectRatiosToo() {
        for (int[] c : new int[][]{{300, 100, 2000}, {100, 300, 2000}, {640, 480, 1000}, {7, 3, 50}}) {
            double largest = PreparedSizes.largestStyleScale(c[0], c[1], c[2], 1_000_000);
            int[] fits = PreparedSizes.style(c[0], c[1], c[2], largest);
            int[] over = PreparedSizes.style(c[0], c[1], c[2], Math.round(largest * 100 + 1) / 100.0);
            assertTrue((long) fits[0] * fits[1] <= 1_000_000, java.util.Arrays.toString(c));
            assertTrue((long) over[0] * over[1] > 1_000_000, java.util.Arrays.toString(c) + " " + largest);
        }
    }

    @Test
    void whenNoScaleFitsTheProblemSaysToLowerSize() {
        String problem = PreparedSizes.styleProblem("s.png", 100, 100, new int[]{10_000, 10}, 1, 1_000);
        assertTrue(problem.endsWith("; lower size, or raise maxPixels"), problem);
    }
}
