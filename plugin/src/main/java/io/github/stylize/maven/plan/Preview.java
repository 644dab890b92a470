package io.github.stylize.maven.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code stylize.preview}: every selected asset rendered with its longest side capped at N pixels and its own settings
 * otherwise. The capped {@code size} is part of the settings, so a preview has its own cache key and never stands in
 * for the full render; since the objective is independent of the image size, the preview shows the full render's
 * balance of style and content.
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

    /** The assets as previews of at most {@code preview} pixels; unchanged when it is 0. */
    static List<PlannedAsset> apply(List<PlannedAsset> assets, int preview) {
        if (preview == 0) {
            return assets;
        }
        List<PlannedAsset> previews = new ArrayList<>();
        for (PlannedAsset asset : assets) {
            previews.add(new PlannedAsset(asset.id(), asset.description(), asset.inputs(), asset.output(),
                    asset.settings().toBuilder().size(Math.min(asset.settings().size(), preview))
                    .build(), asset.key(), true));
        }
        return previews;
    }
}
