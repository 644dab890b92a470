package io.github.stylize.maven.report;

import io.github.stylize.maven.json.GoldenRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The bytes of {@code target/stylize/<id>.json}, pinned: a change of them is a change of the file format. */
class AssetMetadataFormatTest {
    static final WeightsProvenance WEIGHTS = new WeightsProvenance("file", "/models/vgg19.h5",
            "sha256:" + "cd".repeat(32));
    static final AssetMetadata FULL = new AssetMetadata("harbor", "ab".repeat(32), "img/harbor.png", true,
            GoldenRun.RUN, WEIGHTS, GoldenRun.settings());
    static final String FULL_JSON = """
            {
              "id": "harbor",
              "cacheKey": "abababababababababababababababababababababababababababababababab",
              "output": "img/harbor.png",
              "fromCache": true,
              "backend": "CPU (linux-x86_64)",
              "weights": {
                "kind": "file",
                "source": "/models/vgg19.h5",
                "digest": "sha256:cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"
              },
              "settings": %s,
              "losses": %s,
              "millis": 41200,
              "timings": %s
            }
            """.formatted(GoldenRun.SETTINGS_JSON, GoldenRun.LOSSES, GoldenRun.TIMINGS);
    /** Without weights (not written), without a stop reason, with no losses and no settings. */
    static final AssetMetadata BARE = new AssetMetadata("dock", "ef".repeat(32), "dock.jpg", false,
            GoldenRun.BARE_RUN, null, Map.of());
    static final String BARE_JSON = """
            {
              "id": "dock",
              "cacheKey": "efefefefefefefefefefefefefefefefefefefefefefefefefefefefefefefef",
              "output": "dock.jpg",
              "fromCache": false,
              "backend": "GPU",
              "settings": {},
              "losses": [],
              "millis": 5,
              "timings": %s
            }
            """.formatted(GoldenRun.BARE_TIMINGS);

    @TempDir
    Path dir;

    @Test
    void theMetadataIsWrittenByteForByteAsBefore() {
        assertEquals(FULL_JSON, FULL.toJson());
        assertEquals(BARE_JSON, BARE.toJson());
    }

    @Test
    void theMetadataReadsBackWholeFromThoseBytesIgnoringFieldsALaterPluginAdds() throws IOException {
        assertEquals(FULL, AssetMetadata.read(Files.writeString(dir.resolve("harbor.json"), FULL_JSON)));
        assertEquals(BARE, AssetMetadata.read(Files.writeString(dir.resolve("dock.json"), BARE_JSON)));
        String later = FULL_JSON.replace("  \"settings\": ", "  \"preview\": false,\n  \"settings\": ");
        assertEquals(FULL, AssetMetadata.read(Files.writeString(dir.resolve("later.json"), later)));
    }

    @Test
    void metadataWithMalformedWeightsOrTimingsIsRejectedNamingTheField() throws IOException {
        Path pretrained = Files.writeString(dir.resolve("kind.json"), FULL_JSON.replace("\"kind\": \"file\"",
                "\"kind\": \"pretrained\""));
        assertEquals("malformed JSON: weights.kind is pretrained, not one of [default, url, file, random]",
                assertThrows(IllegalArgumentException.class, () -> AssetMetadata.read(pretrained)).getMessage());
        Path noTotal = Files.writeString(dir.resolve("millis.json"), FULL_JSON.replace("  \"millis\": 41200,\n", ""));
        assertEquals("millis null is not the timings' total 41200",
                assertThrows(IllegalArgumentException.class, () -> AssetMetadata.read(noTotal)).getMessage());
    }
}
