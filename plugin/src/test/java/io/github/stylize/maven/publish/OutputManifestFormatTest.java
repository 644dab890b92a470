package io.github.stylize.maven.publish;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The bytes of an {@code outputs-*.json} manifest, pinned: the next build must read what this one wrote. */
class OutputManifestFormatTest {
    static final Path OUT = Path.of("/work/out").toAbsolutePath();
    static final OutputManifest MANIFEST = new OutputManifest(OUT,
            Map.of("b/two.png", "11".repeat(32), "a \"quoted\"\nname.png", "22".repeat(32)),
            Map.of("harbor.json", "33".repeat(32)));
    static final String JSON = """
            {
              "format": "stylize-output-manifest/2",
              "comment": "Files written by stylize:generate; undeclared ones are removed by the next build if\
             unchanged. Do not edit.",
              "outputDirectory": "%s",
              "outputs": {
                "a \\"quoted\\"\\nname.png": "2222222222222222222222222222222222222222222222222222222222222222",
                "b/two.png": "1111111111111111111111111111111111111111111111111111111111111111"
              },
              "metadata": {
                "harbor.json": "3333333333333333333333333333333333333333333333333333333333333333"
              }
            }
            """.formatted(OUT);

    /** The output directory relative to the working directory: the same directory here, but not as recorded. */
    static final Path RELATIVE = Path.of("").toAbsolutePath().relativize(OUT);

    @TempDir
    Path dir;

    @Test
    void theManifestIsWrittenByteForByteAsBeforeWithItsFilesSorted() throws IOException {
        Path file = dir.resolve("outputs-default.json");
        MANIFEST.write(file);
        assertEquals(JSON, Files.readString(file));
    }

    @Test
    void aManifestInThatFormatReadsBackWhole() throws IOException {
        Path file = Files.writeString(dir.resolve("outputs-default.json"), JSON);
        assertEquals(MANIFEST, OutputManifest.read(file, OUT, w -> fail(w)));
    }

    @Test
    void fieldsALaterPluginAddsAreIgnored() throws IOException {
        Path file = Files.writeString(dir.resolve("outputs-default.json"),
                JSON.replace("  \"outputs\": ", "  \"sizes\": {\"harbor.png\": 12},\n  \"outputs\": "));
        assertEquals(MANIFEST, OutputManifest.read(file, OUT, w -> fail(w)));
    }

    @Test
    void aManifestWithAFieldOfTheWrongKindIsNotUsedAndTheWarningSaysWhy() throws IOException {
        Map<String, String> damages = Map.of(
                "malformed JSON at outputs: Cannot deserialize value of type `java.util.LinkedHashMap<java.lang.String,"
                        + "java.lang.String>` from Array value (token `JsonToken.START_ARRAY`)", JSON.replace("\"outputs\": {", "\"outputs\": [{")
                        .replace("\"\n  },\n  \"metadata", "\"\n  }],\n  \"metadata"),
                "its outputDirectory, outputs or metadata are missing", JSON.replaceFirst("\"metadata\": \\{[^}]*}",
                        "\"metadata\": null"),
                "'abc' is not a SHA-256", JSON.replace("\"3333333333333333333333333333333333333333333333333333333333333333\"",
                        "\"abc\""),
                "not a stylize-output-manifest/2 file", JSON.replace("manifest/2", "manifest/1"),
                "it was written for " + RELATIVE, JSON.replace("\"" + OUT + "\"", "\"" + RELATIVE + "\""));
        for (Map.Entry<String, String> damage : damages.entrySet()) {
            assertTrue(!damage.getValue().equals(JSON), damage.getKey());
            Path file = Files.writeString(dir.resolve("outputs-default.json"), damage.getValue());
            java.util.List<String> warnings = new java.util.ArrayList<>();
            assertNull(OutputManifest.read(file, OUT, warnings::add), damage.getKey());
            assertEquals(java.util.List.of("The output manifest " + file + " cannot be used (" + damage.getKey()
                    + "); outputs that are no longer declared are not removed this time. Delete it or run mvn clean to"
                    + " start afresh"), warnings);
        }
    }
}
