package io.github.stylize.maven.plan;

import io.github.stylize.engine.StyleSettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class CacheKeysTest {
    static final String CONTENT = "a".repeat(64);
    static final String STYLE = "b".repeat(64);

    /**
     * The key of a single-style asset at the default settings, computed outside Java from the documented layout and
     * the canonical form pinned in StyleSettingsTest: a change here sends every user's cache cold.
     */
    @Test
    void aSingleStylesKeyIsPinnedWhateverTheLoneStylesWeight() {
        String pinned = "38226404e3bec3d353b708dfb926003975eede9c9b0f3b9eb844b1be357a74ec";
        for (double weight : new double[]{1, 0.5}) {
            assertEquals(pinned, CacheKeys.hash(CacheKeys.canonicalInput(new InputDigests(CONTENT,
                    List.of(new CacheKeys.StyleDigest(STYLE, weight)), "sha256:w"), StyleSettings.defaults())));
        }
    }

    /** A content mask adds its digest's line after the content's; an asset without one keeps the pinned key above. */
    @Test
    void aContentMasksDigestFollowsTheContentsAndChangesTheKey() {
        InputDigests masked = new InputDigests(CONTENT, "d".repeat(64), List.of(new CacheKeys.StyleDigest(STYLE, 1)),
                "sha256:w");
        String text = CacheKeys.canonicalInput(masked, StyleSettings.defaults());
        assertEquals("stylize-cache-key/1\ncontent.sha256=" + CONTENT + "\ncontentMask.sha256=" + "d".repeat(64)
                + "\nstyle.sha256=" + STYLE + "\nweights=sha256:w\n" + StyleSettings.defaults().canonicalForm(), text);
        InputDigests otherMask = new InputDigests(CONTENT, "e".repeat(64), masked.styles(), "sha256:w");
        assertNotEquals(CacheKeys.hash(text), CacheKeys.hash(CacheKeys.canonicalInput(otherMask,
                StyleSettings.defaults())));
    }

    @Test
    void aBlendsCanonicalTextListsEachStylesDigestAndWeightInOrder() {
        String text = CacheKeys.canonicalInput(new InputDigests(CONTENT, List.of(new CacheKeys.StyleDigest(STYLE, 0.7),
                new CacheKeys.StyleDigest("c".repeat(64), 0.3)), "sha256:w"), StyleSettings.defaults());
        assertEquals("stylize-cache-key/1\ncontent.sha256=" + CONTENT + "\nstyle.1.sha256=" + STYLE
                + "\nstyle.1.weight=0.7\nstyle.2.sha256=" + "c".repeat(64) + "\nstyle.2.weight=0.3\nweights=sha256:w\n"
                + StyleSettings.defaults().canonicalForm(), text);
    }
}
