package io.github.stylize.maven.mojo;

import io.github.stylize.maven.plan.Overrides;

import java.util.List;

/**
 * The settings any of {@code <defaults>}, {@code <stylization>} and {@code <batch>} may set. Every field is optional:
 * an unset one comes from {@code <defaults>}, then from the engine's default. The defaults below are the engine's.
 */
public abstract class SettingsOverrides {
    /** Largest longest side of the output in pixels (16..8192): a larger content image is shrunk to it, a smaller one keeps its size. Default 512. */
    protected Integer size;
    /** Optimizer steps. Default 300. */
    protected Integer iterations;
    /** {@code adam} or {@code lbfgs}. Default adam. */
    protected String optimizer;
    /** Step size in pixel units (0..255 scale); for lbfgs, the scale of the first step. Default 10. */
    protected Double learningRate;
    /** Weight of the content loss (alpha). Default 1. */
    protected Double contentWeight;
    /** Weight of the style loss (beta). Default 1000. */
    protected Double styleWeight;
    /** Weight of the total-variation (smoothness) loss; 0 disables it. Default 0. */
    protected Double tvWeight;
    /** VGG19 layer for the content loss. Default conv4_2. */
    protected String contentLayer;
    /** VGG19 layers for the style loss. Default conv1_1, conv2_1, conv3_1, conv4_1, conv5_1. */
    protected List<String> styleLayers;
    /** One weight per style layer. Default: equal weights 1/n. */
    protected List<Double> styleLayerWeights;
    /** Initial image: {@code noise}, {@code content} or {@code blend} (noise mixed into the content). Default blend. */
    protected String init;
    /** For init blend: the share of noise, 0..1. Default 0.6. */
    protected Double noiseRatio;
    /** Size of the style image relative to the content's (0.05..8); smaller makes style features larger. Default 1. */
    protected Double styleScale;
    /** Pooling between VGG blocks: {@code avg} (as in the paper) or {@code max}. Default avg. */
    protected String pooling;
    /** Random seed for the initial noise. Default 42. */
    protected Long seed;
    /** Output format: {@code png} or {@code jpg}. Default png. */
    protected String format;
    /** JPEG quality in (0, 1], for format jpg. Default 0.92. */
    protected Double jpegQuality;
    /** Write an intermediate image to target/stylize/snapshots every N iterations; 0 writes none. Default 0. */
    protected Integer snapshotEvery;
    /**
     * Coarse-to-fine levels (1..6): with 3 the image is optimized at a quarter, half, then full size, each level
     * starting from the previous one enlarged. Default 1 (full size only).
     */
    protected Integer scales;
    /**
     * Early stopping: a level ends when its loss fell by less than this fraction over the last 10 iterations;
     * 0 runs every iteration. Default 0.
     */
    protected Double tolerance;

    /** The values set here, for the planner. */
    public Overrides toOverrides() {
        return Overrides.builder()
                .size(size).iterations(iterations).optimizer(optimizer).learningRate(learningRate)
                .contentWeight(contentWeight).styleWeight(styleWeight).tvWeight(tvWeight)
                .contentLayer(contentLayer).styleLayers(styleLayers).styleLayerWeights(styleLayerWeights)
                .init(init).noiseRatio(noiseRatio).styleScale(styleScale).pooling(pooling).seed(seed)
                .format(format).jpegQuality(jpegQuality).snapshotEvery(snapshotEvery)
                .scales(scales).tolerance(tolerance)
                .build();
    }
}
