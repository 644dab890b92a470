package io.github.stylize.maven.plan;

import io.github.stylize.engine.InvalidSettingException;
import io.github.stylize.engine.StyleSettings;

import java.util.ArrayList;
import java.util.Arrays;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Setting values as the user wrote them, each one optional (null = not set here). Layered: built-in defaults, then
 * {@code <defaults>}, then the asset's own values; {@link #applyTo} turns the result into validated settings.
 * Enumerations are kept as text so a wrong value gets our message listing the allowed ones, not a reflection error;
 * numbers that did not parse are kept as text in {@code unparsed} (setting name to what the user wrote) for the same
 * reason, so the planner can name the asset and the setting instead of Maven failing on a type conversion.
 */
public record Overrides(
        Integer size,
        Integer iterations,
        String optimizer,
        Double learningRate,
        Double contentWeight,
        Double styleWeight,
        Double tvWeight,
        String contentLayer,
        List<String> styleLayers,
        List<Double> styleLayerWeights,
        String init,
        Double noiseRatio,
        Double styleScale,
        String pooling,
        Long seed,
        String format,
        Double jpegQuality,
        Integer snapshotEvery,
        Integer scales,
        Double tolerance,
        Map<String, String> unparsed) {

    public Overrides {
        unparsed = unparsed == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(unparsed));
    }

    public static final Overrides NONE = builder().build();

    public static Builder builder() {
        return new Builder();
    }

    /** These values, replaced by every value that {@code higher} sets. */
    public Overrides overriddenBy(Overrides higher) {
        return new Overrides(
                pick(higher.size, size),
                pick(higher.iterations, iterations),
                pick(higher.optimizer, optimizer),
                pick(higher.learningRate, learningRate),
                pick(higher.contentWeight, contentWeight),
                pick(higher.styleWeight, styleWeight),
                pick(higher.tvWeight, tvWeight),
                pick(higher.contentLayer, contentLayer),
                pick(higher.styleLayers, styleLayers),
                pick(higher.styleLayerWeights, styleLayerWeights),
                pick(higher.init, init),
                pick(higher.noiseRatio, noiseRatio),
                pick(higher.styleScale, styleScale),
                pick(higher.pooling, pooling),
                pick(higher.seed, seed),
                pick(higher.format, format),
                pick(higher.jpegQuality, jpegQuality),
                pick(higher.snapshotEvery, snapshotEvery),
                pick(higher.scales, scales),
                pick(higher.tolerance, tolerance),
                mergeUnparsed(higher));
    }

    /** Ours, except where {@code higher} sets a value, plus {@code higher}'s own. */
    private Map<String, String> mergeUnparsed(Overrides higher) {
        Map<String, String> merged = new LinkedHashMap<>();
        unparsed.forEach((setting, text) -> {
            if (!higher.sets(setting)) {
                merged.put(setting, text);
            }
        });
        merged.putAll(higher.unparsed);
        return merged;
    }

    /** Whether this layer gives {@code setting} a value, valid or not. */
    public boolean sets(String setting) {
        if (unparsed.containsKey(setting)) {
            return true;
        }
        for (RecordComponent component : Overrides.class.getRecordComponents()) {
            if (component.getName().equals(setting)) {
                try {
                    return component.getAccessor().invoke(this) != null;
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return false; // a setting not exposed here, e.g. adamBeta1
    }

    private static <T> T pick(T higher, T lower) {
        return higher != null ? higher : lower;
    }

    /**
     * The engine's defaults with these values applied, validated.
     *
     * @throws InvalidSettingException naming the first setting that is not allowed
     */
    public StyleSettings toSettings() {
        for (RecordComponent component : Overrides.class.getRecordComponents()) {
            String text = unparsed.get(component.getName());
            if (text != null) {
                throw notANumber(component.getName(), text, component.getType());
            }
        }
        StyleSettings.Builder b = StyleSettings.builder();
        applyTo(b);
        return b.build();
    }

    private void applyTo(StyleSettings.Builder b) {
        if (size != null) b.size(size);
        if (iterations != null) b.iterations(iterations);
        if (optimizer != null) b.optimizer(parse("optimizer", optimizer, StyleSettings.Optimizer.class));
        if (learningRate != null) b.learningRate(learningRate);
        if (contentWeight != null) b.contentWeight(contentWeight);
        if (styleWeight != null) b.styleWeight(styleWeight);
        if (tvWeight != null) b.tvWeight(tvWeight);
        if (contentLayer != null) b.contentLayer(contentLayer.trim());
        if (styleLayers != null) b.styleLayers(styleLayers.stream().map(String::trim).toList());
        if (styleLayerWeights != null) b.styleLayerWeights(styleLayerWeights);
        if (init != null) b.init(parse("init", init, StyleSettings.Init.class));
        if (noiseRatio != null) b.noiseRatio(noiseRatio);
        if (styleScale != null) b.styleScale(styleScale);
        if (pooling != null) b.pooling(parse("pooling", pooling, StyleSettings.Pooling.class));
        if (seed != null) b.seed(seed);
        if (format != null) b.format(parseFormat(format));
        if (jpegQuality != null) b.jpegQuality(jpegQuality);
        if (snapshotEvery != null) b.snapshotEvery(snapshotEvery);
        if (scales != null) b.scales(scales);
        if (tolerance != null) b.tolerance(tolerance);
    }

    /** "'lots' is not a whole number; use digits, e.g. <iterations>100</iterations> (the default)". */
    private static InvalidSettingException notANumber(String setting, String text, Class<?> type) {
        boolean whole = type == Integer.class || type == Long.class;
        String example = switch (setting) {
            case "styleLayerWeights" -> "<styleLayerWeight>0.2</styleLayerWeight>";
            default -> "<" + setting + ">" + defaultText(setting) + "</" + setting + "> (the default)";
        };
        return new InvalidSettingException(setting, "'" + text + "' is not " + (whole ? "a whole number" : "a number")
                + "; use " + (whole ? "digits" : "a decimal number") + ", e.g. " + example);
    }

    private static String defaultText(String setting) {
        StyleSettings d = StyleSettings.defaults();
        Object value = switch (setting) {
            case "size" -> d.size();
            case "iterations" -> d.iterations();
            case "learningRate" -> d.learningRate();
            case "contentWeight" -> d.contentWeight();
            case "styleWeight" -> d.styleWeight();
            case "tvWeight" -> d.tvWeight();
            case "noiseRatio" -> d.noiseRatio();
            case "styleScale" -> d.styleScale();
            case "seed" -> d.seed();
            case "jpegQuality" -> d.jpegQuality();
            case "snapshotEvery" -> d.snapshotEvery();
            case "scales" -> d.scales();
            case "tolerance" -> d.tolerance();
            default -> throw new IllegalArgumentException("not a numeric setting: " + setting);
        };
        return value instanceof Double v && v == Math.rint(v) && Math.abs(v) < 1e15
                ? String.valueOf(v.longValue()) : String.valueOf(value);
    }

    private static StyleSettings.Format parseFormat(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("jpeg")) {
            return StyleSettings.Format.JPG;
        }
        return parse("format", v, StyleSettings.Format.class);
    }

    private static <E extends Enum<E>> E parse(String setting, String value, Class<E> type) {
        String wanted = value.trim();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(wanted)) {
                return constant;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        throw new InvalidSettingException(setting, "'" + value + "' is not allowed; use one of " + allowed);
    }

    /** Mutable builder; every value starts unset. */
    public static final class Builder {
        private Integer size;
        private Integer iterations;
        private String optimizer;
        private Double learningRate;
        private Double contentWeight;
        private Double styleWeight;
        private Double tvWeight;
        private String contentLayer;
        private List<String> styleLayers;
        private List<Double> styleLayerWeights;
        private String init;
        private Double noiseRatio;
        private Double styleScale;
        private String pooling;
        private Long seed;
        private String format;
        private Double jpegQuality;
        private Integer snapshotEvery;
        private Integer scales;
        private Double tolerance;
        private final Map<String, String> unparsed = new LinkedHashMap<>();

        private Builder() {
        }

        /** A value the user wrote for {@code setting} that is not a number; reported when the settings are built. */
        public Builder unparsed(String setting, String text) { unparsed.put(setting, text); return this; }

        public Builder size(Integer v) { size = v; return this; }
        public Builder iterations(Integer v) { iterations = v; return this; }
        public Builder optimizer(String v) { optimizer = v; return this; }
        public Builder learningRate(Double v) { learningRate = v; return this; }
        public Builder contentWeight(Double v) { contentWeight = v; return this; }
        public Builder styleWeight(Double v) { styleWeight = v; return this; }
        public Builder tvWeight(Double v) { tvWeight = v; return this; }
        public Builder contentLayer(String v) { contentLayer = v; return this; }
        public Builder styleLayers(List<String> v) { styleLayers = copy(v); return this; }
        public Builder styleLayerWeights(List<Double> v) { styleLayerWeights = copy(v); return this; }
        public Builder init(String v) { init = v; return this; }
        public Builder noiseRatio(Double v) { noiseRatio = v; return this; }
        public Builder styleScale(Double v) { styleScale = v; return this; }
        public Builder pooling(String v) { pooling = v; return this; }
        public Builder seed(Long v) { seed = v; return this; }
        public Builder format(String v) { format = v; return this; }
        public Builder jpegQuality(Double v) { jpegQuality = v; return this; }
        public Builder snapshotEvery(Integer v) { snapshotEvery = v; return this; }
        public Builder scales(Integer v) { scales = v; return this; }
        public Builder tolerance(Double v) { tolerance = v; return this; }

        // Keeps null elements: the engine's validation names them instead of a NullPointerException here.
        private static <T> List<T> copy(List<T> v) {
            return v == null ? null : Collections.unmodifiableList(new ArrayList<>(v));
        }

        public Overrides build() {
            return new Overrides(size, iterations, optimizer, learningRate, contentWeight, styleWeight, tvWeight,
                    contentLayer, styleLayers, styleLayerWeights, init, noiseRatio, styleScale, pooling, seed, format,
                    jpegQuality, snapshotEvery, scales, tolerance, unparsed);
        }
    }
}
