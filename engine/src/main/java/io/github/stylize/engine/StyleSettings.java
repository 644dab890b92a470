package io.github.stylize.engine;

import io.github.stylize.engine.network.Vgg19Layers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every knob of one stylization, immutable and validated on {@link Builder#build()}: an invalid value is rejected
 * before any heavy work with an {@link InvalidSettingException} that names the setting and the allowed values.
 * Pure Java, so the plugin can compute cache keys from {@link #canonicalForm()} without loading ND4J.
 *
 * <p>The settings are declared once, in the table below ({@link Setting}): a new one is a line there plus its use in
 * the algorithm. The plugin's configuration, validation, cache key, metadata and reference tables follow from it.
 */
public final class StyleSettings {

    /**
     * Version of the algorithm's output for the same inputs and settings. Part of every cache key: bump it whenever a
     * change in the engine changes the pixels it produces.
     */
    public static final String ALGORITHM_VERSION = "4";

    public enum Optimizer { ADAM, LBFGS }

    public enum Init { NOISE, CONTENT, BLEND }

    public enum Pooling { AVG, MAX }

    public enum PreserveColors { NONE, LUMINANCE, HISTOGRAM }

    public enum Format {
        PNG("png"), JPG("jpg");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    public static final List<String> DEFAULT_STYLE_LAYERS =
            List.of("conv1_1", "conv2_1", "conv3_1", "conv4_1", "conv5_1");

    /** Iterations over which {@link #tolerance()} measures progress. */
    public static final int TOLERANCE_WINDOW = 10;

    private static final List<Setting<?>> TABLE = new ArrayList<>();

    // The table: every setting, declared once, in the order of the canonical form (which must not change: it is
    // hashed into every cache key). Everything else about a setting is derived from its line here. A setting added
    // later, whose default does what the engine did before it, is declared
    // inKeyWhen(s -> !s.get(StyleSettings.NEW).equals(theDefault), "it is set") so that existing keys stay valid;
    // otherwise ALGORITHM_VERSION is bumped with it.

    public static final Setting<Integer> SIZE = declare(Setting.whole("size", 512)
            .allowedIf(v -> v >= 16 && v <= 8192, "an integer from 16 to 8192 (pixels, longest side)")
            .doc("Largest longest side of the output in pixels: a larger content image is shrunk to it (aspect ratio"
                    + " kept), a smaller one keeps its size."));
    public static final Setting<Integer> ITERATIONS = declare(Setting.whole("iterations", 100)
            .allowedIf(v -> v >= 1 && v <= 100_000, "an integer from 1 to 100000")
            .doc("Optimizer steps at most (per `scales` level); `tolerance` may stop sooner. With `adam`, set about"
                    + " 300."));
    // The fast path: L-BFGS, stopped by the tolerance or after 100 iterations, reaches the loss of the classic setup's 300
    // Adam iterations in about a fifth of their time at 512² (site/markdown/performance.md, "Time to quality").
    public static final Setting<Optimizer> OPTIMIZER = declare(Setting.choice("optimizer", Optimizer.LBFGS, Map.of())
            .doc("`lbfgs`: L-BFGS with a strong-Wolfe line search (the paper's); `adam`: Adam (the classic setup's)."));
    public static final Setting<Double> LEARNING_RATE = declare(Setting.decimal("learningRate", 10.0)
            .allowedIf(v -> Double.isFinite(v) && v > 0, "a finite number > 0")
            .doc("Adam's step in pixel levels (0..255 scale); for `lbfgs`, the size of the first step."));
    public static final Setting<Double> ADAM_BETA1 = declare(Setting.decimal("adamBeta1", 0.9)
            .allowedIf(v -> v > 0 && v < 1, "a number between 0 and 1, exclusive")
            .doc("Adam's decay rate of the running mean of the gradient (beta1).")
            .inKeyWhen(s -> s.optimizer() == Optimizer.ADAM, "`optimizer` is `adam`"));
    public static final Setting<Double> ADAM_BETA2 = declare(Setting.decimal("adamBeta2", 0.999)
            .allowedIf(v -> v > 0 && v < 1, "a number between 0 and 1, exclusive")
            .doc("Adam's decay rate of the running mean of the squared gradient (beta2).")
            .inKeyWhen(s -> s.optimizer() == Optimizer.ADAM, "`optimizer` is `adam`"));
    public static final Setting<Double> CONTENT_WEIGHT = declare(Setting.decimal("contentWeight", 1.0)
            .allowedIf(v -> Double.isFinite(v) && v >= 0, "a finite number >= 0")
            .doc("alpha, the weight of the content loss: how much of the content's structure is kept."));
    public static final Setting<Double> STYLE_WEIGHT = declare(Setting.decimal("styleWeight", 1000.0)
            .allowedIf(v -> Double.isFinite(v) && v >= 0, "a finite number >= 0")
            .doc("beta, the weight of the style loss: how strongly the style's textures are imposed (alpha/beta ="
                    + " 1e-3 as in the paper, at 512x512; the same balance at every size)."));
    public static final Setting<Double> TV_WEIGHT = declare(Setting.decimal("tvWeight", 0.0)
            .allowedIf(v -> Double.isFinite(v) && v >= 0, "a finite number >= 0")
            .doc("Weight of the total-variation (smoothness) term; 0 disables it."));
    public static final Setting<String> CONTENT_LAYER = declare(Setting.text("contentLayer", "conv4_2")
            .check(StyleSettings::layerProblem, "a VGG19 layer, conv1_1 to conv5_4")
            .doc("VGG19 layer whose features are matched to the content's."));
    public static final Setting<List<String>> STYLE_LAYERS = declare(Setting.texts("styleLayers", DEFAULT_STYLE_LAYERS)
            .check(StyleSettings::styleLayersProblem, "one or more VGG19 layers, each named once")
            .doc("VGG19 layers whose Gram matrices are matched to the style's; deeper layers give larger-scale"
                    + " style."));
    public static final Setting<List<Double>> STYLE_LAYER_WEIGHTS = declare(Setting.decimals("styleLayerWeights", null)
            .derivedDefault("equal, 1/n")
            .check(StyleSettings::layerWeightsProblem, "one finite number >= 0 per style layer")
            .doc("w_l, the weight of each style layer's loss, one per `styleLayers` entry; a layer of weight 0 is not"
                    + " computed."));
    public static final Setting<Init> INIT = declare(Setting.choice("init", Init.BLEND, Map.of())
            .doc("Initial image: `noise` (the paper's white noise), `content`, or `blend` (noise mixed into the"
                    + " content)."));
    public static final Setting<Double> NOISE_RATIO = declare(Setting.decimal("noiseRatio", 0.6)
            .allowedIf(v -> v >= 0 && v <= 1, "a number from 0 to 1")
            .doc("For `init` `blend`: the share of noise in the initial image (the rest is the content image).")
            .inKeyWhen(s -> s.init() == Init.BLEND, "`init` is `blend`"));
    public static final Setting<Double> STYLE_SCALE = declare(Setting.decimal("styleScale", 1.0)
            .allowedIf(v -> v >= 0.05 && v <= 8, "a number from 0.05 to 8 (style image side relative to the content's)")
            .doc("Longest side of the style image relative to the content's: 0.5 makes style features twice as"
                    + " large."));
    public static final Setting<Pooling> POOLING = declare(Setting.choice("pooling", Pooling.AVG, Map.of())
            .doc("Pooling between VGG blocks: `avg` (the paper's choice, smoother gradients) or `max`."));
    public static final Setting<Long> SEED = declare(Setting.wholeLong("seed", 42)
            .allowedIf(v -> true, "any whole number")
            .doc("Seed of the initial noise: the same inputs, settings and backend give the same bytes."));
    public static final Setting<Integer> SCALES = declare(Setting.whole("scales", 1)
            .allowedIf(v -> v >= 1 && v <= 6, "an integer from 1 (full size only) to 6 (coarse-to-fine levels)")
            .doc("Coarse-to-fine levels: with 3, the image is optimized at a quarter, half, then full size, each"
                    + " level starting from the previous result enlarged; coarse levels settle large structures"
                    + " cheaply."));
    public static final Setting<Double> TOLERANCE = declare(Setting.decimal("tolerance", 0.01)
            .allowedIf(v -> Double.isFinite(v) && v >= 0 && v < 1, "0 (run every iteration) or a fraction such as 0.001")
            .doc("Early stopping: a level ends when its loss fell by less than this fraction over the last "
                    + TOLERANCE_WINDOW + " iterations; 0 runs every iteration."));
    public static final Setting<PreserveColors> PRESERVE_COLORS = declare(Setting.choice("preserveColors",
                    PreserveColors.NONE, Map.of())
            .doc("Keep the content's colours (Gatys et al. 2016): `none` takes the style's colours; `luminance`"
                    + " stylizes the luma Y of YIQ only (Y = 0.299 R + 0.587 G + 0.114 B, the style's Y matched to the"
                    + " content's mean and spread) and puts back the content's chroma I, Q; `histogram` first gives"
                    + " the style image the content's colour mean and covariance.")
            .inKeyWhen(s -> s.preserveColors() != PreserveColors.NONE, "it is not `none`"));
    public static final Setting<Format> FORMAT = declare(Setting.choice("format", Format.PNG, Map.of("jpeg", Format.JPG))
            .doc("Output format."));
    public static final Setting<Double> JPEG_QUALITY = declare(Setting.decimal("jpegQuality", 0.92)
            .allowedIf(v -> v > 0 && v <= 1, "a number in (0, 1]")
            .doc("JPEG quality, for `format` `jpg`.")
            .inKeyWhen(s -> s.format() == Format.JPG, "`format` is `jpg`"));
    public static final Setting<Boolean> TILEABLE = declare(Setting.flag("tileable", false)
            .doc("Make the output tile seamlessly in both directions: convolutions, poolings, total variation and"
                    + " resampling wrap around the image's edges. The content should tile itself (or use"
                    + " `contentWeight` 0).")
            .inKeyWhen(StyleSettings::tileable, "it is `true`"));
    public static final Setting<Boolean> ALPHA_MASK = declare(Setting.flag("alphaMask", false)
            .doc("Count only the content's opaque pixels (weighted by alpha) in the content and style losses, so a"
                    + " transparent background takes no part in the look; no effect on opaque images.")
            .inKeyWhen(StyleSettings::alphaMask, "it is `true`"));
    // Measured against the last iterate (site/markdown/quality.md, "Iterate averaging"): smoother, but at a higher
    // final loss, so the default output would no longer reach the classic setup's loss; off.
    public static final Setting<Boolean> ITERATE_AVERAGING = declare(Setting.flag("iterateAveraging", false)
            .doc("Output each level's exponential moving average of the iterates (decay 0.99, bias-corrected,"
                    + " restarted at each level) instead of the last iterate, for one more evaluation per level: a"
                    + " smoother image at a higher loss (at the defaults, 15 % less pixel-to-pixel difference and a"
                    + " 21 % higher loss).")
            .inKeyWhen(StyleSettings::iterateAveraging, "it is `true`"));
    public static final Setting<Integer> SNAPSHOT_EVERY = declare(Setting.whole("snapshotEvery", 0)
            .allowedIf(v -> v >= 0, "0 (no snapshots) or a positive number of iterations")
            .doc("Write an intermediate image to `target/stylize/snapshots/<id>/` every N iterations; 0 writes none."
                    + " Does not change the result.")
            .notInKey());

    private static <T> Setting<T> declare(Setting.Declaration<T> declaration) {
        Setting<T> setting = declaration.build();
        TABLE.add(setting);
        return setting;
    }

    /** Every setting, in the table's order. */
    public static List<Setting<?>> settings() {
        return Collections.unmodifiableList(TABLE);
    }

    /** The setting called {@code name}, if there is one. */
    public static Optional<Setting<?>> setting(String name) {
        return TABLE.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static String layerProblem(String layer) {
        return Vgg19Layers.indexOf(layer) >= 0 ? null : "'" + layer + "' is not a VGG19 layer; allowed layers are "
                + String.join(", ", Vgg19Layers.ALL);
    }

    private static String styleLayersProblem(List<String> layers) {
        if (layers.isEmpty()) {
            return "at least one style layer is needed; allowed layers are " + String.join(", ", Vgg19Layers.ALL);
        }
        for (String layer : layers) {
            String problem = layerProblem(layer);
            if (problem != null) {
                return problem;
            }
        }
        if (layers.stream().distinct().count() != layers.size()) {
            return "lists a layer twice: " + layers + "; name each layer once and set its weight in styleLayerWeights";
        }
        return null;
    }

    private static String layerWeightsProblem(List<Double> weights) {
        for (Double w : weights) {
            if (w == null || !Double.isFinite(w) || w < 0) {
                return "weight " + w + " is not allowed; each weight must be a finite number >= 0";
            }
        }
        return null;
    }

    /** Values by setting; every setting of the table has one. */
    private final Map<Setting<?>, Object> values;

    private StyleSettings(Map<Setting<?>, Object> values) {
        this.values = values;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static StyleSettings defaults() {
        return builder().build();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.values.putAll(values);
        return b;
    }

    /** This setting's value. */
    public <T> T get(Setting<T> setting) {
        return setting.cast(values.get(setting));
    }

    // Typed shorthands for the algorithm; each setting's meaning is documented in the table above.
    public int size() { return get(SIZE); }
    public int iterations() { return get(ITERATIONS); }
    public Optimizer optimizer() { return get(OPTIMIZER); }
    public double learningRate() { return get(LEARNING_RATE); }
    public double adamBeta1() { return get(ADAM_BETA1); }
    public double adamBeta2() { return get(ADAM_BETA2); }
    public double contentWeight() { return get(CONTENT_WEIGHT); }
    public double styleWeight() { return get(STYLE_WEIGHT); }
    public double tvWeight() { return get(TV_WEIGHT); }
    public String contentLayer() { return get(CONTENT_LAYER); }
    public List<String> styleLayers() { return get(STYLE_LAYERS); }
    /** One weight w_l per style layer; equal weights 1/n unless set. */
    public List<Double> styleLayerWeights() { return get(STYLE_LAYER_WEIGHTS); }
    public Init init() { return get(INIT); }
    public double noiseRatio() { return get(NOISE_RATIO); }
    public double styleScale() { return get(STYLE_SCALE); }
    public Pooling pooling() { return get(POOLING); }
    public long seed() { return get(SEED); }
    public Format format() { return get(FORMAT); }
    public double jpegQuality() { return get(JPEG_QUALITY); }
    public int snapshotEvery() { return get(SNAPSHOT_EVERY); }
    public PreserveColors preserveColors() { return get(PRESERVE_COLORS); }
    public int scales() { return get(SCALES); }
    public double tolerance() { return get(TOLERANCE); }
    public boolean tileable() { return get(TILEABLE); }
    public boolean alphaMask() { return get(ALPHA_MASK); }
    public boolean iterateAveraging() { return get(ITERATE_AVERAGING); }

    /** The style layers the loss reads: those of positive weight, when the style term has a positive weight. */
    public List<String> activeStyleLayers() {
        List<String> active = new ArrayList<>();
        for (int i = 0; i < styleLayers().size(); i++) {
            if (styleWeight() > 0 && styleLayerWeights().get(i) > 0) {
                active.add(styleLayers().get(i));
            }
        }
        return active;
    }

    /** Every layer the loss reads: the active style layers, and the content layer when its term has a weight. */
    public List<String> layersRead() {
        List<String> read = new ArrayList<>(activeStyleLayers());
        if (contentWeight() > 0) {
            read.add(contentLayer());
        }
        return read;
    }

    /** The deepest layer the loss reads: the network is built up to it and no further. */
    public String deepestLayer() {
        return layersRead().stream().max(Comparator.comparingInt(Vgg19Layers::indexOf)).orElseThrow();
    }

    /**
     * Every setting that can change the output image, one {@code name=value} per line in the table's order, with
     * numbers in Java's shortest round-trip form. The plugin hashes this into cache keys: settings that cannot change
     * the output ({@link #SNAPSHOT_EVERY}) are left out, and so are those that do not apply (JPEG quality for PNG).
     */
    public String canonicalForm() {
        StringBuilder s = new StringBuilder();
        line(s, "algorithmVersion", ALGORITHM_VERSION);
        for (Setting<?> setting : TABLE) {
            if (setting.inKey(this)) {
                line(s, setting.name(), canonical(setting));
            }
        }
        return s.toString();
    }

    private <T> String canonical(Setting<T> setting) {
        return setting.canonical(get(setting));
    }

    private static void line(StringBuilder s, String name, String value) {
        s.append(name).append('=').append(value).append('\n');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StyleSettings other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (Setting<?> setting : TABLE) {
            s.append(s.isEmpty() ? "" : " ").append(setting.name()).append('=').append(canonical(setting));
        }
        return s.toString();
    }

    /** Mutable builder; every setting starts at its default. */
    public static final class Builder {
        private final Map<Setting<?>, Object> values = new LinkedHashMap<>();

        private Builder() {
            for (Setting<?> setting : TABLE) {
                values.put(setting, setting.defaultValue());
            }
        }

        /** Sets {@code setting}; the value is validated by {@link #build()}. */
        public <T> Builder set(Setting<T> setting, T value) {
            values.put(setting, value);
            return this;
        }

        public Builder size(int v) { return set(SIZE, v); }
        public Builder iterations(int v) { return set(ITERATIONS, v); }
        public Builder optimizer(Optimizer v) { return set(OPTIMIZER, v); }
        public Builder learningRate(double v) { return set(LEARNING_RATE, v); }
        public Builder adamBeta1(double v) { return set(ADAM_BETA1, v); }
        public Builder adamBeta2(double v) { return set(ADAM_BETA2, v); }
        public Builder contentWeight(double v) { return set(CONTENT_WEIGHT, v); }
        public Builder styleWeight(double v) { return set(STYLE_WEIGHT, v); }
        public Builder tvWeight(double v) { return set(TV_WEIGHT, v); }
        public Builder contentLayer(String v) { return set(CONTENT_LAYER, v); }
        public Builder styleLayers(List<String> v) { return set(STYLE_LAYERS, v); }
        /** Per-layer style weights, one per style layer; null restores equal weights. */
        public Builder styleLayerWeights(List<Double> v) { return set(STYLE_LAYER_WEIGHTS, v); }
        public Builder init(Init v) { return set(INIT, v); }
        public Builder noiseRatio(double v) { return set(NOISE_RATIO, v); }
        public Builder styleScale(double v) { return set(STYLE_SCALE, v); }
        public Builder pooling(Pooling v) { return set(POOLING, v); }
        public Builder seed(long v) { return set(SEED, v); }
        public Builder format(Format v) { return set(FORMAT, v); }
        public Builder jpegQuality(double v) { return set(JPEG_QUALITY, v); }
        public Builder snapshotEvery(int v) { return set(SNAPSHOT_EVERY, v); }
        public Builder preserveColors(PreserveColors v) { return set(PRESERVE_COLORS, v); }
        public Builder scales(int v) { return set(SCALES, v); }
        public Builder tolerance(double v) { return set(TOLERANCE, v); }
        public Builder tileable(boolean v) { return set(TILEABLE, v); }
        public Builder alphaMask(boolean v) { return set(ALPHA_MASK, v); }
        public Builder iterateAveraging(boolean v) { return set(ITERATE_AVERAGING, v); }

        /**
         * Validates every setting, in the table's order, then the rules between settings; returns the immutable
         * settings.
         *
         * @throws InvalidSettingException naming the first setting that is not allowed
         */
        public StyleSettings build() {
            for (Setting<?> setting : TABLE) {
                validate(setting);
            }
            if (get(CONTENT_WEIGHT) == 0 && get(STYLE_WEIGHT) == 0) {
                throw new InvalidSettingException("styleWeight",
                        "contentWeight and styleWeight are both 0, so there is nothing to optimize; make at least one positive");
            }
            List<String> layers = List.copyOf(get(STYLE_LAYERS));
            List<Double> weights = get(STYLE_LAYER_WEIGHTS);
            if (weights != null && weights.size() != layers.size()) {
                throw new InvalidSettingException("styleLayerWeights", "has " + weights.size()
                        + " weights but styleLayers has " + layers.size() + " layers " + layers
                        + "; give one weight per style layer, or none for equal weights");
            }
            Map<Setting<?>, Object> built = new LinkedHashMap<>(values);
            built.put(STYLE_LAYERS, layers);
            built.put(STYLE_LAYER_WEIGHTS, weights == null
                    ? Collections.nCopies(layers.size(), 1.0 / layers.size()) : List.copyOf(weights));
            StyleSettings settings = new StyleSettings(Collections.unmodifiableMap(built));
            if (settings.layersRead().isEmpty()) {
                throw new InvalidSettingException("styleLayerWeights", "every style layer weight "
                        + settings.styleLayerWeights() + " is 0 and contentWeight is 0, so there is nothing to"
                        + " optimize; make a style layer weight or contentWeight positive");
            }
            return settings;
        }

        private <T> T get(Setting<T> setting) {
            return setting.cast(values.get(setting));
        }

        private <T> void validate(Setting<T> setting) {
            setting.validate(get(setting));
        }
    }
}
