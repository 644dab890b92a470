package io.github.stylize.engine.objective;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The style target of several style images: at each layer, the weighted mean of their Gram matrices. For the quadratic style loss this has the same
 * gradient as the weighted mean of the per-style losses, at the cost of one loss per layer instead of one per style.
 * A single style's matrices are used as they are, so a one-style blend computes exactly what a single style does.
 */
public final class BlendedGrams implements AutoCloseable {
    private final Map<String, INDArray> grams;
    /** Whether {@link #grams} are arrays made here (freed by {@link #close}) rather than a cache's. */
    private final boolean owned;

    private BlendedGrams(Map<String, INDArray> grams, boolean owned) {
        this.grams = grams;
        this.owned = owned;
    }

    /**
     * @param perStyle each style's Gram matrices by layer, every one with the same layers
     * @param weights  one positive weight per style; normalized here to sum to 1
     */
    public static BlendedGrams of(List<Map<String, INDArray>> perStyle, List<Double> weights) {
        if (perStyle.size() != weights.size() || perStyle.isEmpty()) {
            throw new IllegalArgumentException(perStyle.size() + " styles but " + weights.size() + " weights");
        }
        if (perStyle.size() == 1) {
            return new BlendedGrams(perStyle.get(0), false);
        }
        double total = weights.stream().mapToDouble(Double::doubleValue).sum();
        Map<String, INDArray> blended = new HashMap<>();
        for (String layer : perStyle.get(0).keySet()) {
            INDArray sum = perStyle.get(0).get(layer).mul(weights.get(0) / total);
            for (int i = 1; i < perStyle.size(); i++) {
                try (INDArray term = perStyle.get(i).get(layer).mul(weights.get(i) / total)) {
                    sum.addi(term);
                }
            }
            blended.put(layer, sum);
        }
        return new BlendedGrams(Map.copyOf(blended), true);
    }

    /** The target Gram matrix of each layer. */
    public Map<String, INDArray> grams() {
        return grams;
    }

    @Override
    public void close() {
        if (owned) {
            grams.values().forEach(INDArray::close);
        }
    }
}
