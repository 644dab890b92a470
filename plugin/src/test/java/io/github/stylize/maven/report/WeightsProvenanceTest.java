package io.github.stylize.maven.report;

import io.github.stylize.maven.json.Json;
import io.github.stylize.engine.weights.WeightsSource;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightsProvenanceTest {
    @Test
    void eachKindOfWeightsSourceIsRecordedWithWhereItComesFrom() {
        assertEquals(new WeightsProvenance("default", WeightsSource.DEFAULT_URL, "d"),
                WeightsProvenance.of(WeightsSource.parse(null), "d"));
        assertEquals(new WeightsProvenance("url", "https://models.example/vgg19.h5", "d"),
                WeightsProvenance.of(WeightsSource.parse("HTTPS://models.example/vgg19.h5"), "d"));
        assertEquals(new WeightsProvenance("file", "/models/vgg19.h5", "d"),
                WeightsProvenance.of(WeightsSource.parse("/models/../models/vgg19.h5"), "d"));
        WeightsProvenance random = WeightsProvenance.of(WeightsSource.parse("random"), "d");
        assertEquals(new WeightsProvenance("random", "random", "d"), random);
        assertTrue(random.random());
        assertFalse(WeightsProvenance.of(WeightsSource.parse(null), "d").random());
    }

    @Test
    void theJsonReadsBackAndAMalformedOneIsRejectedNamingTheField() {
        WeightsProvenance file = new WeightsProvenance("file", "/models/vgg19.h5", "sha256:" + "ab".repeat(32));
        assertEquals(file, Json.parse(Json.write(file), WeightsProvenance.class));
        assertEquals("malformed JSON: weights.source is missing", assertThrows(IllegalArgumentException.class,
                () -> Json.parse("{\"kind\": \"file\"}", WeightsProvenance.class)).getMessage());
        assertEquals("malformed JSON: weights.kind is pretrained, not one of [default, url, file, random]",
                assertThrows(IllegalArgumentException.class, () -> Json.parse(
                        "{\"kind\": \"pretrained\", \"source\": \"s\", \"digest\": \"d\"}",
                        WeightsProvenance.class)).getMessage());
    }
}
