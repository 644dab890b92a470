package io.github.stylize.maven.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The plugin's one JSON mapper. Files are bound to typed records ({@link #read(Path, long, Class)},
 * {@link #parse(String, Class)}, {@link #write}); bound to {@code Object} or {@code Map}, objects are
 * {@link LinkedHashMap} (key order kept), arrays {@link List}, integral numbers {@link Long}, other numbers
 * {@link Double}. Non-finite doubles (a diverged loss) are written as the strings "NaN", "Infinity", "-Infinity",
 * which JSON has no numbers for, and read back into doubles. Paths are written as plain path strings, not
 * {@code file://} URIs. Fields a record does not know are ignored, so a file written by a later plugin with more in it
 * still reads.
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
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
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
            .addModule(new SimpleModule("plain paths")
                    .addSerializer(Path.class, ToStringSerializer.instance)
                    .addDeserializer(Path.class, new PathDeserializer()))
            .build();

    private Json() {
    }

    /** Pretty-printed with two-space indentation and a final newline; records in their declared property order. */
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
     * Reads the JSON file {@code file} and binds it to {@code type}, refusing it before reading if it is longer than
     * {@code maxBytes} (a damaged file could otherwise exhaust the heap).
     *
     * @throws IllegalArgumentException on malformed or oversized input, naming the limit, or a value {@code type} does
     *                                  not take
     * @throws IOException              if the file cannot be read
     */
    public static <T> T read(Path file, long maxBytes, Class<T> type) throws IOException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new IllegalArgumentException("JSON file of " + size + " bytes, more than the limit of " + maxBytes);
        }
        return parse(Files.readString(file), type);
    }

    /**
     * Parses one JSON value, nested at most {@link #MAX_DEPTH} deep, and binds it to {@code type}. The whole text is
     * parsed first, so damaged JSON is reported as such (with its line and column) whatever field it is in.
     *
     * @throws IllegalArgumentException on malformed input, saying where, or a value {@code type} does not take,
     *                                  naming the field
     */
    public static <T> T parse(String text, Class<T> type) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (JacksonException e) {
            String what = e instanceof StreamConstraintsException && e.getOriginalMessage().contains("nesting depth")
                    ? "nested more than " + MAX_DEPTH + " deep" : e.getOriginalMessage();
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr();
            throw new IllegalArgumentException("malformed JSON" + where + ": " + what, e);
        }
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JacksonException e) {
            String field = ownProblem(e) != null ? "" : field(e);
            throw new IllegalArgumentException("malformed JSON" + (field.isEmpty() ? "" : " at " + field) + ": "
                    + problem(e), e);
        }
    }

    /** Where in the value the binding failed, e.g. {@code losses[1].content}; empty at the top. */
    private static String field(JacksonException e) {
        if (!(e instanceof JsonMappingException m)) {
            return "";
        }
        return m.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }

    /** What is wrong: the message of a record's own check if one refused the value, else Jackson's. */
    private static String problem(JacksonException e) {
        Throwable own = ownProblem(e);
        return own != null ? own.getMessage() : e.getOriginalMessage();
    }

    /**
     * The exception a record's constructor or one of our deserializers threw; its message names the field itself, so
     * no path is added to it.
     */
    private static Throwable ownProblem(JacksonException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (!(t instanceof JacksonException)) {
                return t;
            }
        }
        return null;
    }

    /** A path as the string {@link Path#toString} gave, never a URI. */
    private static final class PathDeserializer extends StdScalarDeserializer<Path> {
        private static final long serialVersionUID = 1L;

        PathDeserializer() {
            super(Path.class);
        }

        @Override
        public Path deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return Path.of(_parseString(p, ctxt));
        }
    }
}
