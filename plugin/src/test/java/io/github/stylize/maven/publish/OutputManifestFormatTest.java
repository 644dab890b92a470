package io.github.stylize.maven.publish;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
