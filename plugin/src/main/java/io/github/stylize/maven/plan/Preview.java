package io.github.stylize.maven.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code stylize.preview}: every selected asset rendered with its longest side capped at N pixels and its own settings
 * otherwise. The capped {@code size} is part of the settings, so a preview has its own cache key and never stands in
 * for the full render; since the objective is independent of the image size, the preview shows the full render's
 * balance of style and content. An asset that the cap would not shrink (its {@code size}, or its content image as its
 * header declares it, already within N) is left as it is: its preview is its full render, under the same key.
 */
final class Preview {
    /** The smallest and largest caps: {@code size}'s own bounds. */
    static final int MIN = 16;
    static final int MAX = 8192;

    private Preview() {
    }

    /** The problem with {@code preview} (0: off), or null. */
    static String problemWith(int preview) {
        if (preview == 0 || (preview >= MIN && preview <= MAX)) {
            return null;
        }
        return preview + " is not allowed; use 0 (no preview) or the longest side in pixels, from " + MIN + " to " + MAX
                + ", e.g. 128";
    }

    /**
     * The assets as previews of at most {@code preview} pixels; unchanged when it is 0. {@code declaredSize} gives a
     * content image's width and height from its header, or null where the header cannot be read (the cap then goes by
     * {@code size} alone).
     */
    static List<PlannedAsset> apply(List<PlannedAsset> assets, int preview, Function<Path, int[]> declaredSize) {
        if (preview == 0) {
            return assets;
        }
        List<PlannedAsset> previews = new ArrayList<>();
        for (PlannedAsset asset : assets) {
            int size = asset.settings().size();
            int[] content = declaredSize.apply(asset.content());
            int longestSideAsUsed = content == null ? size : Math.min(size, Math.max(content[0], content[1]));
            previews.add(longestSideAsUsed <= preview ? asset
                    : new PlannedAsset(asset.id(), asset.description(), asset.inputs(), asset.output(),
                    asset.settings().toBuilder().size(preview).build(), asset.key(), true));
        }
        return previews;
    }
}
