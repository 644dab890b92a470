package io.github.stylize.maven.mojo;

import io.github.stylize.maven.plan.Overrides;

import java.util.ArrayList;
import java.util.List;

/**
 * The settings any of {@code <defaults>}, {@code <stylization>} and {@code <batch>} may set. Every field is optional:
 * an unset one comes from {@code <defaults>}, then from the engine's default. The defaults below are the engine's.
 * Numbers are received as text and parsed here, so a value such as {@code <iterations>lots</iterations>} is reported
 * by the planner with its asset and setting, not by Maven as a bare type-conversion error.
 */
public abstract class SettingsOverrides {
    /** Largest longest side of the output in pixels (16..8192): a larger content image is shrunk to it, a smaller one keeps its size. Default 512. */
    protected String size;
    /** Optimizer steps at most; {@code tolerance} may stop sooner. Default 100. */
    protected String iterations;
    /** {@code lbfgs} (the paper's) or {@code adam} (the seed's). Default lbfgs. */
    protected String optimizer;
    /** Step size in pixel units (0..255 scale); for lbfgs, the scale of the first step. Default 10. */
    protected String learningRate;
    /** Weight of the content loss (alpha). Default 1. */
    protected String contentWeight;
    /** Weight of the style loss (beta). Default 1000. */
    protected String styleWeight;
    /** Weight of the total-variation (smoothness) loss; 0 disables it. Default 0. */
    protected String tvWeight;
    /** VGG19 layer for the content loss. Default conv4_2. */
    protected String contentLayer;
    /** VGG19 layers for the style loss. Default conv1_1, conv2_1, conv3_1, conv4_1, conv5_1. */
    protected List<String> styleLayers;
    /** One weight per style layer. Default: equal weights 1/n. */
    protected List<String> styleLayerWeights;
    /** Initial image: {@code noise}, {@code content} or {@code blend} (noise mixed into the content). Default blend. */
    protected String init;
    /** For init blend: the share of noise, 0..1. Default 0.6. */
    protected String noiseRatio;
    /** Size of the style image relative to the content's (0.05..8); smaller makes style features larger. Default 1. */
    protected String styleScale;
    /** Pooling between VGG blocks: {@code avg} (as in the paper) or {@code max}. Default avg. */
    protected String pooling;
    /** Random seed for the initial noise. Default 42. */
    protected String seed;
    /** Output format: {@code png} or {@code jpg}. Default png. */
    protected String format;
    /** JPEG quality in (0, 1], for format jpg. Default 0.92. */
    protected String jpegQuality;
    /** Write an intermediate image to target/stylize/snapshots every N iterations; 0 writes none. Default 0. */
    protected String snapshotEvery;
    /**
     * Coarse-to-fine levels (1..6): with 3 the image is optimized at a quarter, half, then full size, each level
     * starting from the previous one enlarged. Default 1 (full size only).
     */
    protected String scales;
    /**
     * Early stopping: a level ends when its loss fell by less than this fraction over the last 10 iterations;
     * 0 runs every iteration. Default 0.01.
     */
    protected String tolerance;

    /** The values set here, for the planner; text that is not a number is passed on as unparsed. */
    public Overrides toOverrides() {
        Overrides.Builder b = Overrides.builder();
        b.size(whole(b, "size", size)).iterations(whole(b, "iterations", iterations)).optimizer(optimizer)
                .learningRate(decimal(b, "learningRate", learningRate))
                .contentWeight(decimal(b, "contentWeight", contentWeight))
                .styleWeight(decimal(b, "styleWeight", styleWeight)).tvWeight(decimal(b, "tvWeight", tvWeight))
                .contentLayer(contentLayer).styleLayers(styleLayers)
                .styleLayerWeights(decimals(b, "styleLayerWeights", styleLayerWeights))
                .init(init).noiseRatio(decimal(b, "noiseRatio", noiseRatio))
                .styleScale(decimal(b, "styleScale", styleScale)).pooling(pooling)
                .seed(seed == null ? null : wholeLong(b, "seed", seed))
                .format(format).jpegQuality(decimal(b, "jpegQuality", jpegQuality))
                .snapshotEvery(whole(b, "snapshotEvery", snapshotEvery))
                .scales(whole(b, "scales", scales)).tolerance(decimal(b, "tolerance", tolerance));
        return b.build();
    }

    private static Integer whole(Overrides.Builder b, String setting, String text) {
        Long value = text == null ? null : wholeLong(b, setting, text);
        if (value == null) {
            return null;
        }
        // Beyond int: clamped, so the range check reports it with what is allowed.
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    private static Long wholeLong(Overrides.Builder b, String setting, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            b.unparsed(setting, text);
            return null;
        }
    }

    private static Double decimal(Overrides.Builder b, String setting, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            b.unparsed(setting, text);
            return null;
        }
    }

    private static List<Double> decimals(Overrides.Builder b, String setting, List<String> texts) {
        if (texts == null) {
            return null;
        }
        List<Double> values = new ArrayList<>();
        for (String text : texts) {
            Double value = text == null ? null : decimal(b, setting, text);
            if (value == null && text != null) {
                return null;
            }
            values.add(value);
        }
        return values;
    }
}
