package io.github.stylize.engine;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One style image of a stylization and its blend weight. Weights are relative: the style target is the weighted mean
 * of the styles' Gram matrices, so only their ratios matter, and a single style's weight has no effect.
 */
public record WeightedStyle(Path image, double weight) {
    public WeightedStyle {
        Objects.requireNonNull(image, "style image path");
        if (!Double.isFinite(weight) || weight <= 0) {
            throw new IllegalArgumentException("the weight of style image " + image + " is " + weight
                    + "; a style weight must be a finite number > 0");
        }
    }

    /** A style used alone. */
    public static WeightedStyle of(Path image) {
        return new WeightedStyle(image, 1);
    }
}
