package io.github.stylize.engine;

/**
 * The objective's terms at one iteration, already multiplied by their weights: {@code total = content + style + tv}.
 * Iteration 0 is the initial image, before any update; iteration k is the image after k updates.
 */
public record IterationLoss(int iteration, double content, double style, double tv, double total) {
}
