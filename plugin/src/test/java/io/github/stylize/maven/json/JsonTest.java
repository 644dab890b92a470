package io.github.stylize.maven.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {
    @Test
    void whatIsWrittenReadsBackEqualWithKeyOrderKept() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", "quote \" backslash \\ newline \n tab \t control \u0001 unicode é");
        m.put("a", 12L);
        m.put("d", 1.5e-7);
        m.put("t", true);
        m.put("n", null);
        m.put("list", List.of(1L, 2.5, "x"));
        m.put("objects", List.of(Map.of("k", 1L)));
        m.put("empty", Map.of());
        String text = Json.write(m);
        assertEquals(m, Json.parse(text, Map.class));
        assertEquals(List.of("z", "a", "d", "t", "n", "list", "objects", "empty"),
                List.copyOf(Json.parse(text, Map.class).keySet()));
    }

    @Test
    void nonFiniteNumbersBecomeStringsThatReadBackAsDoubles() {
        String text = Json.write(List.of(Double.NaN, Double.POSITIVE_INFINITY));
        assertEquals("[\"NaN\", \"Infinity\"]\n", text);
        assertArrayEquals(new double[] {Double.NaN, Double.POSITIVE_INFINITY}, Json.parse(text, double[].class));
        assertEquals(List.of("NaN", "Infinity"), Json.parse(text, List.class),
                "as a plain list, they are the strings written");
    }

    record Pair(String name, Path file) {
    }

    @Test
    void pathsAreWrittenAsPlainPathStringsNotUrisAndReadBack() {
        Pair pair = new Pair("a", Path.of("/tmp/some dir/a.png"));
        String text = Json.write(pair);
        assertEquals("{\n  \"name\": \"a\",\n  \"file\": \"/tmp/some dir/a.png\"\n}\n", text);
        assertEquals(pair, Json.parse(text, Pair.class));
    }

    @Test
    void fieldsARecordDoesNotKnowAreIgnoredSoALaterPluginsFilesStillRead() {
        assertEquals(new Pair("a", null), Json.parse("{\"name\": \"a\", \"addedLater\": {\"x\": [1]}}", Pair.class));
    }

    record Checked(long count) {
        Checked {
            if (count < 0) {
                throw new IllegalArgumentException("count is " + count + ", not a count");
            }
        }
    }

    @Test
    void aValueARecordDoesNotTakeIsRejectedNamingTheFieldAndTheRecordsOwnCheckIsTold() {
        assertEquals("malformed JSON: count is -1, not a count", assertThrows(IllegalArgumentException.class,
                () -> Json.parse("{\"count\": -1}", Checked.class)).getMessage());
        String wrongType = assertThrows(IllegalArgumentException.class,
                () -> Json.parse("[{\"count\": \"many\"}]", Checked[].class)).getMessage();
        assertTrue(wrongType.startsWith("malformed JSON at [0].count: Cannot deserialize value of type `long` from"
                + " String \"many\""), wrongType);
        String missing = assertThrows(IllegalArgumentException.class,
                () -> Json.parse("{}", Checked.class)).getMessage();
        assertTrue(missing.startsWith("malformed JSON"), missing);
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1]", Checked.class));
    }

    @Test
    void malformedInputIsRejectedSayingWhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.parse("{\"a\": 1,", Map.class));
        assertTrue(e.getMessage().startsWith("malformed JSON at line 1, column 9: Unexpected end-of-input"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1} x", Map.class));
    }

    @Test
    void nestingDeeperThanTheLimitIsMalformedNotAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.parse(deep, List.class));
        assertEquals("malformed JSON: nested more than " + Json.MAX_DEPTH + " deep", e.getMessage());
        String objects = "{\"a\": ".repeat(100_000) + "1" + "}".repeat(100_000);
        assertThrows(IllegalArgumentException.class, () -> Json.parse(objects, Map.class));
        String limit = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertEquals(List.of(), unwrap(Json.parse(limit, List.class), Json.MAX_DEPTH - 1), "exactly the limit is read");
    }

    private static Object unwrap(Object value, int levels) {
        for (int i = 0; i < levels; i++) {
            value = ((List<?>) value).get(0);
        }
        return value;
    }

    @Test
    void aFileLargerThanTheGivenLimitIsRefusedBeforeItIsRead(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("big.json"), "[" + "1, ".repeat(1000) + "1]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.read(file, 3000, List.class));
        assertEquals("JSON file of " + Files.size(file) + " bytes, more than the limit of 3000", e.getMessage());
        assertEquals(1001, Json.read(file, Files.size(file), List.class).size());
    }
}
