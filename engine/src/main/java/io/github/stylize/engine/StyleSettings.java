package io.github.stylize.engine;

import io.github.stylize.engine.network.Vgg19Layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Every knob of one stylization, immutable and validated on {@link Builder#build()}: an invalid value is rejected
 * before any heavy work with an {@link InvalidSettingException} that names the setting and the allowed values.
 * Pure Java, so the plugin can compute cache keys from {@link #canonicalForm()} without loading ND4J.
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

    private final int size;
    private final int iterations;
    private final Optimizer optimizer;
    private final double learningRate;
    private final double adamBeta1;
    private final double adamBeta2;
    private final double contentWeight;
    private final double styleWeight;
    private final double tvWeight;
    private final String contentLayer;
    private final List<String> styleLayers;
    private final List<Double> styleLayerWeights;
    private final Init init;
    private final double noiseRatio;
    private final double styleScale;
    private final Pooling pooling;
    private final long seed;
    private final Format format;
    private final double jpegQuality;
    private final int snapshotEvery;
    private final int scales;
    private final double tolerance;

    private StyleSettings(Builder b) {
        this.size = b.size;
        this.iterations = b.iterations;
        this.optimizer = b.optimizer;
        this.learningRate = b.learningRate;
        this.adamBeta1 = b.adamBeta1;
        this.adamBeta2 = b.adamBeta2;
        this.contentWeight = b.contentWeight;
        this.styleWeight = b.styleWeight;
        this.tvWeight = b.tvWeight;
        this.contentLayer = b.contentLayer;
        this.styleLayers = List.copyOf(b.styleLayers);
        this.styleLayerWeights = b.styleLayerWeights == null
                ? Collections.nCopies(styleLayers.size(), 1.0 / styleLayers.size())
                : List.copyOf(b.styleLayerWeights);
        this.init = b.init;
        this.noiseRatio = b.noiseRatio;
        this.styleScale = b.styleScale;
        this.pooling = b.pooling;
        this.seed = b.seed;
        this.format = b.format;
        this.jpegQuality = b.jpegQuality;
        this.snapshotEvery = b.snapshotEvery;
        this.scales = b.scales;
        this.tolerance = b.tolerance;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static StyleSettings defaults() {
        return builder().build();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder()
                .size(size).iterations(iterations).optimizer(optimizer).learningRate(learningRate)
                .adamBeta1(adamBeta1).adamBeta2(adamBeta2)
                .contentWeight(contentWeight).styleWeight(styleWeight).tvWeight(tvWeight)
                .contentLayer(contentLayer).styleLayers(styleLayers).styleLayerWeights(styleLayerWeights)
                .init(init).noiseRatio(noiseRatio).styleScale(styleScale).pooling(pooling).seed(seed)
                .format(format).jpegQuality(jpegQuality).snapshotEvery(snapshotEvery)
                .scales(scales).tolerance(tolerance);
    }

    /** Largest longest side of the output in pixels: a larger content image is shrunk to it (aspect ratio kept), a smaller one keeps its size. */
    public int size() { return size; }
    /** Optimizer steps (updates of the image). */
    public int iterations() { return iterations; }
    public Optimizer optimizer() { return optimizer; }
    /** Adam's step size in pixel units (0..255 scale); for L-BFGS, the scale of the first step. */
    public double learningRate() { return learningRate; }
    public double adamBeta1() { return adamBeta1; }
    public double adamBeta2() { return adamBeta2; }
    /** alpha, the weight of the content loss. */
    public double contentWeight() { return contentWeight; }
    /** beta, the weight of the style loss. */
    public double styleWeight() { return styleWeight; }
    /** Weight of the total-variation (smoothness) term; 0 disables it. */
    public double tvWeight() { return tvWeight; }
    public String contentLayer() { return contentLayer; }
    public List<String> styleLayers() { return styleLayers; }
    /** One weight w_l per style layer; equal weights 1/n unless set. */
    public List<Double> styleLayerWeights() { return styleLayerWeights; }
    public Init init() { return init; }
    /** For {@link Init#BLEND}: the share of noise in the initial image (the rest is the content image). */
    public double noiseRatio() { return noiseRatio; }
    /** Longest side of the style image relative to the content's: 0.5 makes style features twice as large. */
    public double styleScale() { return styleScale; }
    public Pooling pooling() { return pooling; }
    public long seed() { return seed; }
    public Format format() { return format; }
    /** JPEG quality 0..1, used only when {@link #format()} is JPG. */
    public double jpegQuality() { return jpegQuality; }
    /** Take a snapshot image every N iterations; 0 takes none. Does not change the result. */
    public int snapshotEvery() { return snapshotEvery; }

    /**
     * Coarse-to-fine levels: with 3, the image is optimized at a quarter, then half, then full size, each level
     * starting from the previous result enlarged. Coarse levels are cheap and settle the large structures, so the
     * full-size level needs fewer iterations. 1 optimizes at full size only.
     */
    public int scales() { return scales; }
    /**
     * Early stopping: a level ends when its total loss fell by less than this fraction over the last
     * {@value #TOLERANCE_WINDOW} iterations. 0 always runs every iteration.
     */
    public double tolerance() { return tolerance; }

    /** Iterations over which {@link #tolerance()} measures progress. */
    public static final int TOLERANCE_WINDOW = 10;

    /** The deepest layer the objective reads: the network is built up to it and no further. */
    public String deepestLayer() {
        String deepest = contentLayer;
        for (String layer : styleLayers) {
            if (Vgg19Layers.indexOf(layer) > Vgg19Layers.indexOf(deepest)) {
                deepest = layer;
            }
        }
        return deepest;
    }

    /**
     * Every setting that can change the output image, one {@code name=value} per line in a fixed order, with numbers
     * in Java's shortest round-trip form. The plugin hashes this into cache keys: settings that cannot change the
     * output ({@link #snapshotEvery()}) are left out, and JPEG quality only counts for JPEG output.
     */
    public String canonicalForm() {
        StringBuilder s = new StringBuilder();
        line(s, "algorithmVersion", ALGORITHM_VERSION);
        line(s, "size", size);
        line(s, "iterations", iterations);
        line(s, "optimizer", optimizer.name().toLowerCase(Locale.ROOT));
        line(s, "learningRate", learningRate);
        if (optimizer == Optimizer.ADAM) {
            line(s, "adamBeta1", adamBeta1);
            line(s, "adamBeta2", adamBeta2);
        }
        line(s, "contentWeight", contentWeight);
        line(s, "styleWeight", styleWeight);
        line(s, "tvWeight", tvWeight);
        line(s, "contentLayer", contentLayer);
        line(s, "styleLayers", String.join(",", styleLayers));
        List<String> weights = new ArrayList<>();
        styleLayerWeights.forEach(w -> weights.add(Double.toString(w)));
        line(s, "styleLayerWeights", String.join(",", weights));
        line(s, "init", init.name().toLowerCase(Locale.ROOT));
        if (init == Init.BLEND) {
            line(s, "noiseRatio", noiseRatio);
        }
        line(s, "styleScale", styleScale);
        line(s, "pooling", pooling.name().toLowerCase(Locale.ROOT));
        line(s, "seed", seed);
        line(s, "scales", scales);
        line(s, "tolerance", tolerance);
        line(s, "format", format.extension());
        if (format == Format.JPG) {
            line(s, "jpegQuality", jpegQuality);
        }
        return s.toString();
    }

    private static void line(StringBuilder s, String name, Object value) {
        s.append(name).append('=').append(value).append('\n');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StyleSettings other && canonicalForm().equals(other.canonicalForm())
                && snapshotEvery == other.snapshotEvery;
    }

    @Override
    public int hashCode() {
        return Objects.hash(canonicalForm(), snapshotEvery);
    }

    @Override
    public String toString() {
        return canonicalForm().replace('\n', ' ').trim() + " snapshotEvery=" + snapshotEvery;
    }

    /** Mutable builder; every setting starts at its documented default. */
    public static final class Builder {
        private int size = 512;
        private int iterations = 100;
        // The fast path: L-BFGS, stopped by the tolerance or after 100 iterations, reaches the loss of the seed's 300
        // Adam iterations in about a fifth of their time at 512² (site/markdown/performance.md, "Time to quality").
        private Optimizer optimizer = Optimizer.LBFGS;
        private double learningRate = 10.0;
        private double adamBeta1 = 0.9;
        private double adamBeta2 = 0.999;
        private double contentWeight = 1.0;
        private double styleWeight = 1000.0;
        private double tvWeight = 0.0;
        private String contentLayer = "conv4_2";
        private List<String> styleLayers = DEFAULT_STYLE_LAYERS;
        private List<Double> styleLayerWeights;
        private Init init = Init.BLEND;
        private double noiseRatio = 0.6;
        private double styleScale = 1.0;
        private Pooling pooling = Pooling.AVG;
        private long seed = 42;
        private Format format = Format.PNG;
        private double jpegQuality = 0.92;
        private int snapshotEvery = 0;
        private int scales = 1;
        private double tolerance = 0.01;

        private Builder() {
        }

        public Builder size(int v) { size = v; return this; }
        public Builder iterations(int v) { iterations = v; return this; }
        public Builder optimizer(Optimizer v) { optimizer = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder adamBeta1(double v) { adamBeta1 = v; return this; }
        public Builder adamBeta2(double v) { adamBeta2 = v; return this; }
        public Builder contentWeight(double v) { contentWeight = v; return this; }
        public Builder styleWeight(double v) { styleWeight = v; return this; }
        public Builder tvWeight(double v) { tvWeight = v; return this; }
        public Builder contentLayer(String v) { contentLayer = v; return this; }
        public Builder styleLayers(List<String> v) { styleLayers = v; return this; }
        /** Per-layer style weights, one per style layer; null restores equal weights. */
        public Builder styleLayerWeights(List<Double> v) { styleLayerWeights = v; return this; }
        public Builder init(Init v) { init = v; return this; }
        public Builder noiseRatio(double v) { noiseRatio = v; return this; }
        public Builder styleScale(double v) { styleScale = v; return this; }
        public Builder pooling(Pooling v) { pooling = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder format(Format v) { format = v; return this; }
        public Builder jpegQuality(double v) { jpegQuality = v; return this; }
        public Builder snapshotEvery(int v) { snapshotEvery = v; return this; }
        public Builder scales(int v) { scales = v; return this; }
        public Builder tolerance(double v) { tolerance = v; return this; }

        /** Validates every setting and returns the immutable settings. */
        public StyleSettings build() {
            requireRange("size", size, 16, 8192, "an integer from 16 to 8192 (pixels, longest side)");
            requireRange("iterations", iterations, 1, 100_000, "an integer from 1 to 100000");
            requireNonNull("optimizer", optimizer, "adam or lbfgs");
            requirePositive("learningRate", learningRate);
            requireOpenUnit("adamBeta1", adamBeta1);
            requireOpenUnit("adamBeta2", adamBeta2);
            requireNonNegative("contentWeight", contentWeight);
            requireNonNegative("styleWeight", styleWeight);
            requireNonNegative("tvWeight", tvWeight);
            if (contentWeight == 0 && styleWeight == 0) {
                throw new InvalidSettingException("styleWeight",
                        "contentWeight and styleWeight are both 0, so there is nothing to optimize; make at least one positive");
            }
            requireLayer("contentLayer", contentLayer);
            if (styleLayers == null || styleLayers.isEmpty()) {
                throw new InvalidSettingException("styleLayers",
                        "at least one style layer is needed; allowed layers are " + String.join(", ", Vgg19Layers.ALL));
            }
            for (String layer : styleLayers) {
                requireLayer("styleLayers", layer);
            }
            if (styleLayers.stream().distinct().count() != styleLayers.size()) {
                throw new InvalidSettingException("styleLayers", "lists a layer twice: " + styleLayers
                        + "; name each layer once and set its weight in styleLayerWeights");
            }
            if (styleLayerWeights != null) {
                if (styleLayerWeights.size() != styleLayers.size()) {
                    throw new InvalidSettingException("styleLayerWeights", "has " + styleLayerWeights.size()
                            + " weights but styleLayers has " + styleLayers.size() + " layers " + styleLayers
                            + "; give one weight per style layer, or none for equal weights");
                }
                for (Double w : styleLayerWeights) {
                    if (w == null || !Double.isFinite(w) || w < 0) {
                        throw new InvalidSettingException("styleLayerWeights",
                                "weight " + w + " is not allowed; each weight must be a finite number >= 0");
                    }
                }
            }
            requireNonNull("init", init, "noise, content or blend");
            if (!(noiseRatio >= 0 && noiseRatio <= 1)) {
                throw new InvalidSettingException("noiseRatio", noiseRatio + " is not allowed; use a number from 0 to 1");
            }
            if (!(styleScale >= 0.05 && styleScale <= 8)) {
                throw new InvalidSettingException("styleScale",
                        styleScale + " is not allowed; use a number from 0.05 to 8 (style image side relative to the content's)");
            }
            requireNonNull("pooling", pooling, "avg or max");
            requireNonNull("format", format, "png or jpg");
            if (!(jpegQuality > 0 && jpegQuality <= 1)) {
                throw new InvalidSettingException("jpegQuality", jpegQuality + " is not allowed; use a number in (0, 1]");
            }
            requireRange("scales", scales, 1, 6, "an integer from 1 (full size only) to 6 (coarse-to-fine levels)");
            if (!(Double.isFinite(tolerance) && tolerance >= 0 && tolerance < 1)) {
                throw new InvalidSettingException("tolerance", tolerance
                        + " is not allowed; use 0 (run every iteration) or a fraction such as 0.001");
            }
            requireRange("snapshotEvery", snapshotEvery, 0, Integer.MAX_VALUE, "0 (no snapshots) or a positive number of iterations");
            return new StyleSettings(this);
        }

        private static void requireRange(String name, long value, long min, long max, String allowed) {
            if (value < min || value > max) {
                throw new InvalidSettingException(name, value + " is not allowed; use " + allowed);
            }
        }

        private static void requireNonNull(String name, Object value, String allowed) {
            if (value == null) {
                throw new InvalidSettingException(name, "is missing; use " + allowed);
            }
        }

        private static void requirePositive(String name, double value) {
            if (!(Double.isFinite(value) && value > 0)) {
                throw new InvalidSettingException(name, value + " is not allowed; use a finite number > 0");
            }
        }

        private static void requireNonNegative(String name, double value) {
            if (!(Double.isFinite(value) && value >= 0)) {
                throw new InvalidSettingException(name, value + " is not allowed; use a finite number >= 0");
            }
        }

        private static void requireOpenUnit(String name, double value) {
            if (!(value > 0 && value < 1)) {
                throw new InvalidSettingException(name, value + " is not allowed; use a number between 0 and 1, exclusive");
            }
        }

        private static void requireLayer(String name, String layer) {
            if (layer == null || Vgg19Layers.indexOf(layer) < 0) {
                throw new InvalidSettingException(name, "'" + layer + "' is not a VGG19 layer; allowed layers are "
                        + String.join(", ", Vgg19Layers.ALL));
            }
        }
    }
}
