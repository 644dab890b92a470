package io.github.stylize.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference tables of the documentation are the engine's table: README.md and the site's tuning page hold exactly
 * {@link SettingsReference#markdownTable()}, so a setting added, changed or removed in {@link StyleSettings} fails
 * here until the documentation says the same.
 */
class SettingsReferenceTest {
    /** The repository root: tests run in the engine module's directory. */
    static final Path ROOT = Path.of("..");

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "site/markdown/tuning.md"})
    void theDocumentationHoldsTheSettingsTable(String document) throws IOException {
        String table = tableIn(Files.readAllLines(ROOT.resolve(document)));
        assertEquals(SettingsReference.markdownTable(), table, document + " differs from the settings table in"
                + " StyleSettings; replace its table with:\n" + SettingsReference.markdownTable());
    }

    @Test
    void everySettingIsARowWithItsDefaultAndKeyRule() {
        String table = SettingsReference.markdownTable();
        for (Setting<?> setting : StyleSettings.settings()) {
            assertTrue(table.contains("| `" + setting.name() + "` | "), setting.name());
        }
        assertTrue(table.contains("| `snapshotEvery` | `0` | 0 (no snapshots) or a positive number of iterations | no |"),
                table);
        assertTrue(table.contains("| `styleLayerWeights` | equal, 1/n |"), table);
    }

    @Test
    void theJavadocListReplacesThePlaceholderLineKeepingItsPrefix() {
        String filled = SettingsReference.fill("/**\n * Settings:\n * " + SettingsReference.JAVADOC_PLACEHOLDER
                + "\n */\nclass X {}");
        assertTrue(filled.startsWith("/**\n * Settings:\n * <ul>\n *   <li><code>size</code>: "), filled);
        assertTrue(filled.endsWith(" * </ul>\n */\nclass X {}"), filled);
        assertTrue(filled.contains("<li><code>snapshotEvery</code>: Write an intermediate image to"
                + " <code>target/stylize/snapshots/&lt;id&gt;/</code> every N iterations"), filled);
        assertTrue(filled.contains("Part of the cache key only when <code>optimizer</code> is <code>adam</code>."),
                filled);
        assertFalse(filled.contains("*/\n *"), "nothing ends the comment early");
    }

    /** The Markdown table that starts with the reference's header line, through its last row. */
    private static String tableIn(List<String> lines) {
        String header = SettingsReference.markdownTable().lines().findFirst().orElseThrow();
        int start = lines.indexOf(header);
        assertTrue(start >= 0, "no table with the header " + header);
        List<String> table = new ArrayList<>();
        for (int i = start; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            table.add(lines.get(i));
        }
        return String.join("\n", table) + "\n";
    }
}
