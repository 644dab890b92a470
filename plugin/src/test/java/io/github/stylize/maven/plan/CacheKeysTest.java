package io.github.stylize.maven.plan;

import io.github.stylize.engine.StyleSettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CacheKeysTest {
    static final String CONTENT = "a".repeat(64);
    static final String STYLE = "b".repeat(64);

    /**
     * The key of a single-style asset at the default settings, computed outside Java from the documented layout and
     * the canonical form pinned in StyleSettingsTest: a change here sends every user's cache cold.
     */
    @Test
    void aSingleStylesKeyIsPinnedAndALoneStyleOfAListHasTheSameKey() {
        String pinned = "38226404e3bec3d353b708dfb926003975eede9c9b0f3b9eb844b1be357a74ec";
        assertEquals(pinned, CacheKeys.hash(CacheKeys.canonicalInput(CONTENT, STYLE, "sha256:w", StyleSettings.defaults())));
        assertEquals(pinned, CacheKeys.hash(CacheKeys.canonicalInput(new InputDigests(CONTENT,
                List.of(new CacheKeys.StyleDigest(STYLE, 0.5)), "sha256:w"), StyleSettings.defaults())));
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
