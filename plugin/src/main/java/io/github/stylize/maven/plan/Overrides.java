package io.github.stylize.maven.plan;

import io.github.stylize.engine.InvalidSettingException;
import io.github.stylize.engine.Setting;
import io.github.stylize.engine.StyleSettings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Setting values as the user wrote them, by setting name: a text, or a list of texts for a list setting; a setting not
 * written here is absent. Layered: built-in defaults, then {@code <defaults>}, then the asset's own values;
 * {@link #toSettings} parses and validates the result. Values stay text until then so that a wrong one (a number
 * that is not, an unknown name) is reported by the planner with its asset and setting, not by Maven.
 */
public final class Overrides {
    public static final Overrides NONE = builder().build();

    /** Setting name to its text ({@code String}) or list of texts ({@code List<String>}). */
    private final Map<String, Object> values;
    /** Element names that name no setting, to what is wrong with them. */
    private final Map<String, String> unknown;

    private Overrides(Map<String, Object> values, Map<String, String> unknown) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.unknown = Collections.unmodifiableMap(new LinkedHashMap<>(unknown));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** These values, replaced by every value that {@code higher} sets. */
    public Overrides overriddenBy(Overrides higher) {
        Map<String, Object> mergedValues = new LinkedHashMap<>(values);
        mergedValues.putAll(higher.values);
        Map<String, String> mergedUnknown = new LinkedHashMap<>(unknown);
        mergedUnknown.putAll(higher.unknown);
        return new Overrides(mergedValues, mergedUnknown);
    }

    /** Whether this layer gives {@code name} a value, valid or not. */
    public boolean sets(String name) {
        return values.containsKey(name) || unknown.containsKey(name);
    }

    /**
     * The engine's defaults with these values applied, validated.
     *
     * @throws InvalidSettingException naming the first setting that is unknown, unreadable or not allowed
     */
    public StyleSettings toSettings() {
        if (!unknown.isEmpty()) {
            Map.Entry<String, String> first = unknown.entrySet().iterator().next();
            throw new InvalidSettingException(first.getKey(), first.getValue());
        }
        StyleSettings.Builder b = StyleSettings.builder();
        for (Setting<?> setting : StyleSettings.settings()) {
            Object text = values.get(setting.name());
            if (text != null) {
                parseInto(b, setting, text);
            }
        }
        return b.build();
    }

    private static <T> void parseInto(StyleSettings.Builder b, Setting<T> setting, Object text) {
        b.set(setting, setting.parse(text));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Overrides other && values.equals(other.values) && unknown.equals(other.unknown);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values, unknown);
    }

    @Override
    public String toString() {
        return "Overrides" + values + (unknown.isEmpty() ? "" : " unknown " + unknown.keySet());
    }

    /** Mutable builder; every value starts unset. */
    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();
        private final Map<String, String> unknown = new LinkedHashMap<>();

        private Builder() {
        }

        /** The text the user wrote for {@code setting}, a name from the engine's table. */
        public Builder set(String setting, String text) {
            values.put(known(setting), Objects.requireNonNull(text, setting));
            return this;
        }

        /** The items the user wrote for a list setting; a null item stays, for the engine's check to name. */
        public Builder set(String setting, List<String> texts) {
            values.put(known(setting), Collections.unmodifiableList(new ArrayList<>(texts)));
            return this;
        }

        /** An element that names no setting, with what is wrong; reported when the settings are built. */
        public Builder unknown(String name, String problem) {
            unknown.put(name, problem);
            return this;
        }

        private static String known(String setting) {
            if (StyleSettings.setting(setting).isEmpty()) {
                throw new IllegalArgumentException("no such setting: " + setting);
            }
            return setting;
        }

        public Overrides build() {
            return new Overrides(values, unknown);
        }
    }
}
