package io.github.stylize.engine;

import io.github.stylize.engine.image.Resampler;

import java.util.Locale;

/**
 * The sizes the engine works at, computed from the images' declared sizes alone: the content shrunk into {@code size},
 * the style fitted to {@code styleScale} times the content's longest side. Pure Java, so the plugin's planner checks
 * them from file headers before any image is decoded, with the very rules {@link StyleTransfer} runs.
 */
public final class PreparedSizes {
    private PreparedSizes() {
    }

    /** The content's size as used: shrunk (never enlarged) so its longest side is at most {@code size}. */
    public static int[] content(int width, int height, int size) {
        return Math.max(width, height) <= size ? new int[]{width, height} : Resampler.fitLongestSide(width, height, size);
    }

    /** The style's size as used: its longest side {@code styleScale} times the longest side of the content as used. */
    public static int[] style(int width, int height, int contentLongestSide, double styleScale) {
        int longest = (int) Math.max(1, Math.round(contentLongestSide * styleScale));
        return Resampler.fitLongestSide(width, height, longest);
    }

    /**
     * Null if the style as used has at most {@code maxPixels} pixels; else why not, naming {@code styleScale} and the
     * largest value that fits (in hundredths), or saying that none does.
     */
    public static String styleProblem(String style, int width, int height, int[] content, double styleScale,
                                      long maxPixels) {
        int contentLongest = Math.max(content[0], content[1]);
        int[] used = style(width, height, contentLongest, styleScale);
        long pixels = (long) used[0] * used[1];
        if (pixels <= maxPixels) {
            return null;
        }
        double largest = largestStyleScale(width, height, contentLongest, maxPixels);
        return String.format(Locale.ROOT, "styleScale %s scales the style image %s to %dx%d (%d pixels) for the "
                        + "content's %dx%d as used, more than maxPixels (%d), which would exhaust memory; %s",
                styleScale, style, used[0], used[1], pixels, content[0], content[1], maxPixels, largest >= 0.05
                        ? String.format(Locale.ROOT, "use styleScale %.2f or less, or raise maxPixels", largest)
                        : "lower size, or raise maxPixels");
    }

    /** The largest styleScale, in hundredths, whose style has at most {@code maxPixels} pixels; 0 if none does. */
    static double largestStyleScale(int width, int height, int contentLongest, long maxPixels) {
        double aspect = (double) Math.max(width, height) / Math.min(width, height);
        long longest = (long) Math.sqrt(maxPixels * aspect) + 1;
        while (longest > 0 && pixels(width, height, longest) > maxPixels) {
            longest--; // pixels grow with the longest side, so this finds the largest that fits
        }
        // round(contentLongest * s) <= longest for every s <= longest / contentLongest
        return Math.floor(100.0 * longest / contentLongest) / 100;
    }

    private static long pixels(int width, int height, long longest) {
        int[] fitted = Resampler.fitLongestSide(width, height, (int) Math.min(Integer.MAX_VALUE, longest));
        return (long) fitted[0] * fitted[1];
    }
}
