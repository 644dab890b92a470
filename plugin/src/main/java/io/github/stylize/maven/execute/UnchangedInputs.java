package io.github.stylize.maven.execute;

import io.github.stylize.engine.StylizeException;
import io.github.stylize.engine.files.Digests;
import io.github.stylize.maven.plan.PlannedAsset;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Checks that an asset's input images still hold the bytes its cache key was computed from. The key is computed when
 * the build is planned and the engine reads the files later: an image replaced in between would otherwise be stored
 * under the old key, and the entry would pass its own checks forever. Checked before and after rendering, so the
 * engine decoded the bytes the key describes.
 */
final class UnchangedInputs {
    private UnchangedInputs() {
    }

    /** @throws StylizeException naming the file that changed since the build was planned */
    static void require(PlannedAsset asset) {
        require("content image", asset.digests().contentSha256(), asset.content());
        if (asset.contentMask() != null) {
            require("content mask", asset.digests().contentMaskSha256(), asset.contentMask());
        }
        for (int i = 0; i < asset.styles().size(); i++) {
            require("style image", asset.digests().styles().get(i).sha256(), asset.styles().get(i).image());
        }
    }

    private static void require(String what, String planned, Path file) {
        String now;
        try {
            now = Digests.sha256Hex(file);
        } catch (IOException e) {
            now = "unreadable (" + e.getMessage() + ")";
        }
        if (!now.equals(planned)) {
            throw new StylizeException("the " + what + " " + file + " changed while this build ran (SHA-256 "
                    + planned + " when the build started, now " + now + "); nothing was cached for it. Run the build"
                    + " again once the file is in its final state");
        }
    }
}
