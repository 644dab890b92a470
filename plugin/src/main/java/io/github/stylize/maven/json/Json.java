package io.github.stylize.maven.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The plugin's JSON, as plain values: objects are {@link LinkedHashMap} (key order kept), arrays {@link List}, integral
 * numbers {@link Long}, other numbers {@link Double}. Non-finite doubles (a diverged loss) are written as the strings
 * "NaN", "Infinity", "-Infinity", which JSON has no numbers for; {@link #toDouble} reads both forms.
 */
public final class Json {
    /**
     * Deepest nesting of arrays and objects {@link #parse} accepts. Our files nest at most five deep; the limit keeps a
     * damaged or hostile file (100,000 opening brackets) from overflowing the stack, which would end the whole build.
     */
    public static final int MAX_DEPTH = 64;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                    .build())
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // {"key": value} one per line, arrays on one line ([1, 2], [{...}, {...}]), empty ones as {} and []
            .defaultPrettyPrinter(new DefaultPrettyPrinter()
                    .withSeparators(Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                            .withArrayValueSpacing(Separators.Spacing.AFTER)
                            .withObjectEmptySeparator("")
                            .withArrayEmptySeparator(""))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance))
            .build();

    private Json() {
    }

    /** Pretty-printed with two-space indentation and a final newline. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** On one line, without spaces: a line of a JSON Lines file (the benchmarks' results). */
    public static String line(Object value) {
        try {
            return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads and parses the JSON file {@code file}, refusing it before reading if it is longer than {@code maxBytes}
     * (a damaged file could otherwise exhaust the heap).
     *
     * @throws IllegalArgumentException on malformed or oversized input, naming the limit
     * @throws IOException              if the file cannot be read
     */
    public static Object read(Path file, long maxBytes) throws IOException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new IllegalArgumentException("JSON file of " + size + " bytes, more than the limit of " + maxBytes);
        }
        return parse(Files.readString(file));
    }

    /**
     * Parses one JSON value, nested at most {@link #MAX_DEPTH} deep.
     *
     * @throws IllegalArgumentException on malformed input, saying where
     */
    public static Object parse(String text) {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JacksonException e) {
            String what = e instanceof StreamConstraintsException && e.getOriginalMessage().contains("nesting depth")
                    ? "nested more than " + MAX_DEPTH + " deep" : e.getOriginalMessage();
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr();
            throw new IllegalArgumentException("malformed JSON" + where + ": " + what, e);
        }
    }

    /** A number read back by {@link #parse}: accepts the strings written for non-finite doubles. */
    public static double toDouble(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            return Double.parseDouble(s);
        }
        throw new IllegalArgumentException("not a number: " + value);
    }
}
