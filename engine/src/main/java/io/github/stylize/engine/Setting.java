package io.github.stylize.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One setting of a stylization as declared in the table of {@link StyleSettings}: name, value type, default, allowed
 * values, one-line doc, and whether it is part of the cache key. Validation and its messages, the canonical form, the
 * parsing of configuration text and the reference tables are all derived from the declaration.
 *
 * @param <T> the value's Java type
 */
public final class Setting<T> {
    private final String name;
    private final Type<T> type;
    private final T defaultValue;
    private final String defaultText;
    private final boolean optional;
    private final Function<T, String> check;
    private final String allowed;
    private final String doc;
    private final Predicate<StyleSettings> inKey;
    private final String keyRule;

    private Setting(Declaration<T> d) {
        this.name = Objects.requireNonNull(d.name);
        this.type = d.type;
        this.defaultValue = d.defaultValue;
        this.defaultText = d.defaultText;
        this.optional = d.optional;
        this.check = d.check;
        this.allowed = Objects.requireNonNull(d.allowed, () -> name + ": allowed values not declared");
        this.doc = Objects.requireNonNull(d.doc, () -> name + ": doc not declared");
        this.inKey = d.inKey;
        this.keyRule = d.keyRule;
    }

    /** The name, as in the configuration ({@code <name>}), the canonical form and the metadata JSON. */
    public String name() {
        return name;
    }

    /** The value when nothing sets it; null for a setting whose default depends on others (see {@link #defaultText()}). */
    public T defaultValue() {
        return defaultValue;
    }

    /** The default as the configuration would spell it, or in words where it depends on other settings. */
    public String defaultText() {
        return defaultText != null ? defaultText : type.text(defaultValue);
    }

    /** What is allowed, in words: the text after "use" in the message for a value that is not. */
    public String allowed() {
        return allowed;
    }

    /** One line on what the setting does; {@code `name`} marks a setting or value. */
    public String doc() {
        return doc;
    }

    /** Whether the configuration writes a list: child elements, one per item, or comma-separated text. */
    public boolean isList() {
        return type instanceof ListType;
    }

    /** The element name of one item of a list setting ({@code styleLayers} holds {@code <styleLayer>}s). */
    public String itemName() {
        return name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
    }

    /** "yes", "no", or the condition under which the setting is part of the cache key. */
    public String keyRule() {
        return keyRule;
    }

    /** Whether this setting's value is part of the canonical form (and so of cache keys) of {@code settings}. */
    boolean inKey(StyleSettings settings) {
        return inKey.test(settings);
    }

    /**
     * The value the configuration text spells: a {@code String}, or for a {@linkplain #isList() list} a
     * {@code List<String>} of items (a single text is split at commas). Enumeration names are case-insensitive; text
     * is trimmed.
     *
     * @throws InvalidSettingException naming this setting when the text is not a value of its type
     */
    public T parse(Object text) {
        Objects.requireNonNull(text, name);
        return type.parse(this, text);
    }

    /** The value as the configuration would spell it: integral decimals without ".0", lists comma-separated. */
    public String text(T value) {
        return value == null ? defaultText() : type.text(value);
    }

    /** The value in the metadata JSON: numbers as numbers, enumerations in lower case, lists as arrays. */
    public Object json(T value) {
        return type.json(value);
    }

    /** Java's shortest round-trip form of numbers, enumeration names in lower case, lists joined with ','. */
    String canonical(T value) {
        return type.canonical(value);
    }

    /** @throws InvalidSettingException naming this setting when {@code value} is not allowed */
    void validate(T value) {
        if (value == null) {
            if (!optional) {
                throw new InvalidSettingException(name, "is missing; use " + allowed);
            }
            return;
        }
        String problem = check.apply(value);
        if (problem != null) {
            throw new InvalidSettingException(name, problem);
        }
    }

    @SuppressWarnings("unchecked")
    T cast(Object value) {
        return (T) value;
    }

    @Override
    public String toString() {
        return name;
    }

    /** An example of valid configuration for this setting, in the message for text of the wrong type. */
    private String example() {
        if (isList()) {
            return "<" + itemName() + ">" + firstItemText((ListType<?>) type) + "</" + itemName() + ">";
        }
        return "<" + name + ">" + defaultText() + "</" + name + "> (the default)";
    }

    private <E> String firstItemText(ListType<E> list) {
        List<?> items = (List<?>) StyleSettings.defaults().get(this);
        return list.element.text(list.element.cast(items.get(0)));
    }

    static Declaration<Integer> whole(String name, int defaultValue) {
        return new Declaration<>(name, WHOLE, defaultValue);
    }

    static Declaration<Long> wholeLong(String name, long defaultValue) {
        return new Declaration<>(name, LONG, defaultValue);
    }

    static Declaration<Double> decimal(String name, double defaultValue) {
        return new Declaration<>(name, DECIMAL, defaultValue);
    }

    /** A yes/no switch, written {@code true} or {@code false}. */
    static Declaration<Boolean> flag(String name, boolean defaultValue) {
        return new Declaration<>(name, FLAG, defaultValue).allowed("true or false");
    }

    static Declaration<String> text(String name, String defaultValue) {
        return new Declaration<>(name, TEXT, defaultValue);
    }

    static Declaration<List<String>> texts(String name, List<String> defaultValue) {
        return new Declaration<>(name, new ListType<>(TEXT), defaultValue);
    }

    static Declaration<List<Double>> decimals(String name, List<Double> defaultValue) {
        return new Declaration<>(name, new ListType<>(DECIMAL), defaultValue);
    }

    /** An enumeration, written as its constants' names in lower case; {@code aliases} are further spellings. */
    static <E extends Enum<E>> Declaration<E> choice(String name, E defaultValue, Map<String, E> aliases) {
        Class<E> type = defaultValue.getDeclaringClass();
        String names = Arrays.stream(type.getEnumConstants()).map(Setting::lower).collect(Collectors.joining(", "));
        int lastComma = names.lastIndexOf(", ");
        return new Declaration<>(name, new EnumType<>(type, aliases), defaultValue)
                .allowed(lastComma < 0 ? names : names.substring(0, lastComma) + " or " + names.substring(lastComma + 2));
    }

    /** A setting as written in the table, completed by its chained calls; {@link StyleSettings} builds it. */
    static final class Declaration<T> {
        private final String name;
        private final Type<T> type;
        private final T defaultValue;
        private String defaultText;
        private boolean optional;
        private Function<T, String> check = value -> null;
        private String allowed;
        private String doc;
        private Predicate<StyleSettings> inKey = settings -> true;
        private String keyRule = "yes";

        private Declaration(String name, Type<T> type, T defaultValue) {
            this.name = name;
            this.type = type;
            this.defaultValue = defaultValue;
        }

        /** Values for which {@code ok} holds; any other is reported as "V is not allowed; use {@code allowed}". */
        Declaration<T> allowedIf(Predicate<T> ok, String allowed) {
            this.check = value -> ok.test(value) ? null : value + " is not allowed; use " + allowed;
            this.allowed = allowed;
            return this;
        }

        /** A check with its own messages: {@code problem} returns what is wrong with a value, or null. */
        Declaration<T> check(Function<T, String> problem, String allowed) {
            this.check = problem;
            this.allowed = allowed;
            return this;
        }

        private Declaration<T> allowed(String allowed) {
            this.allowed = allowed;
            return this;
        }

        /** The default is absent (null) and derived from other settings, as {@code text} says. */
        Declaration<T> derivedDefault(String text) {
            this.optional = true;
            this.defaultText = text;
            return this;
        }

        Declaration<T> doc(String doc) {
            this.doc = doc;
            return this;
        }

        /** Part of the cache key only when {@code applies} holds, e.g. an Adam parameter for Adam runs. */
        Declaration<T> inKeyWhen(Predicate<StyleSettings> applies, String condition) {
            this.inKey = applies;
            this.keyRule = "when " + condition;
            return this;
        }

        /** Never part of the cache key: the setting cannot change the image. */
        Declaration<T> notInKey() {
            this.inKey = settings -> false;
            this.keyRule = "no";
            return this;
        }

        Setting<T> build() {
            return new Setting<>(this);
        }
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** How values of one Java type are written in configuration text, the canonical form and JSON. */
    private abstract static class Type<T> {
        abstract T parse(Setting<?> setting, Object text);

        @SuppressWarnings("unchecked")
        T cast(Object value) {
            return (T) value;
        }

        String canonical(T value) {
            return String.valueOf(value);
        }

        String text(T value) {
            return String.valueOf(value);
        }

        Object json(T value) {
            return value;
        }

        /** The number {@code parse} reads from the text, or "'x' is not {@code whatItIsNot}, e.g. ..." */
        static <N> N number(Setting<?> setting, Object text, Function<String, N> parse, String whatItIsNot) {
            String s = single(setting, text);
            try {
                return parse.apply(s.trim());
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(setting.name(), "'" + s + "' is not " + whatItIsNot + ", e.g. "
                        + setting.example());
            }
        }

        static String single(Setting<?> setting, Object text) {
            if (text instanceof String s) {
                return s;
            }
            throw new InvalidSettingException(setting.name(), "takes a single value, not a list; write e.g. "
                    + setting.example());
        }
    }

    private static final Type<Integer> WHOLE = new Type<>() {
        @Override
        Integer parse(Setting<?> setting, Object text) {
            // Beyond int: clamped, so the range check reports it with what is allowed.
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, LONG.parse(setting, text)));
        }
    };

    private static final Type<Long> LONG = new Type<>() {
        @Override
        Long parse(Setting<?> setting, Object text) {
            return number(setting, text, Long::parseLong, "a whole number; use digits");
        }
    };

    private static final Type<Double> DECIMAL = new Type<>() {
        @Override
        Double parse(Setting<?> setting, Object text) {
            return number(setting, text, Double::parseDouble, "a number; use a decimal number");
        }

        @Override
        String text(Double value) {
            return value == Math.rint(value) && Math.abs(value) < 1e15
                    ? String.valueOf(value.longValue()) : String.valueOf(value);
        }
    };

    private static final Type<Boolean> FLAG = new Type<>() {
        @Override
        Boolean parse(Setting<?> setting, Object text) {
            String s = single(setting, text).trim().toLowerCase(Locale.ROOT);
            if (s.equals("true") || s.equals("false")) {
                return Boolean.valueOf(s);
            }
            throw new InvalidSettingException(setting.name(), "'" + single(setting, text) + "' is not allowed; use "
                    + setting.allowed());
        }
    };

    private static final Type<String> TEXT = new Type<>() {
        @Override
        String parse(Setting<?> setting, Object text) {
            return single(setting, text).trim();
        }
    };

    private static final class EnumType<E extends Enum<E>> extends Type<E> {
        private final Class<E> type;
        private final Map<String, E> spellings = new LinkedHashMap<>();

        EnumType(Class<E> type, Map<String, E> aliases) {
            this.type = type;
            for (E constant : type.getEnumConstants()) {
                spellings.put(lower(constant), constant);
            }
            spellings.putAll(aliases);
        }

        @Override
        E parse(Setting<?> setting, Object text) {
            String s = single(setting, text);
            E value = spellings.get(s.trim().toLowerCase(Locale.ROOT));
            if (value == null) {
                String allowed = Arrays.stream(type.getEnumConstants()).map(Setting::lower)
                        .collect(Collectors.joining(", "));
                throw new InvalidSettingException(setting.name(), "'" + s + "' is not allowed; use one of " + allowed);
            }
            return value;
        }

        @Override
        String canonical(E value) {
            return lower(value);
        }

        @Override
        String text(E value) {
            return lower(value);
        }

        @Override
        Object json(E value) {
            return lower(value);
        }
    }

    private static final class ListType<T> extends Type<List<T>> {
        private final Type<T> element;

        ListType(Type<T> element) {
            this.element = element;
        }

        @Override
        List<T> parse(Setting<?> setting, Object text) {
            List<?> items = text instanceof String s ? Arrays.asList(s.split(",", -1)) : (List<?>) text;
            List<T> values = new ArrayList<>();
            for (Object item : items) {
                // A null item stays null: the setting's check names it.
                values.add(item == null ? null : element.parse(setting, item));
            }
            return Collections.unmodifiableList(values);
        }

        @Override
        String canonical(List<T> value) {
            return value.stream().map(element::canonical).collect(Collectors.joining(","));
        }

        @Override
        String text(List<T> value) {
            return value.stream().map(element::text).collect(Collectors.joining(","));
        }

        @Override
        Object json(List<T> value) {
            return value.stream().map(element::json).toList();
        }
    }
}
