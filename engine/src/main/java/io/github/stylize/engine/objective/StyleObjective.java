package io.github.stylize.engine.objective;

import io.github.stylize.engine.StyleSettings;
import io.github.stylize.engine.network.VggNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The function the optimizer minimizes over the pixels x of the generated image:
 * {@code L(x) = alpha * L_content + beta * sum_l w_l E_l + tvWeight * TV(x)}. The content features and the style Gram
 * matrices are computed once, here, and reused for every evaluation.
 */
public final class StyleObjective implements Objective {

    private final VggNetwork network;
    private final double contentWeight;
    private final double styleWeight;
    private final double tvWeight;
    private final String contentLayer;
    private final INDArray contentTarget;
    private final Map<String, INDArray> styleTargets;
    private final Map<String, Double> styleLayerWeights = new LinkedHashMap<>();

    /**
     * @param contentImage preprocessed [1, H, W, 3]; its features at the content layer become the target P
     * @param styleGrams   Gram matrices of the style image at each style layer (see {@link #styleGrams})
     */
    public StyleObjective(VggNetwork network, StyleSettings settings, INDArray contentImage,
                          Map<String, INDArray> styleGrams) {
        this.network = network;
        this.contentWeight = settings.contentWeight();
        this.styleWeight = settings.styleWeight();
        this.tvWeight = settings.tvWeight();
        this.contentLayer = settings.contentLayer();
        List<String> layers = settings.styleLayers();
        for (int i = 0; i < layers.size(); i++) {
            styleLayerWeights.put(layers.get(i), settings.styleLayerWeights().get(i));
        }
        this.styleTargets = Map.copyOf(styleGrams);
        VggNetwork.Activations contentActivations = network.forward(contentImage);
        this.contentTarget = contentActivations.get(contentLayer).dup();
        contentActivations.close();
    }

    /** The style image's Gram matrices at {@code layers}: computed once per style image, size and network. */
    public static Map<String, INDArray> styleGrams(VggNetwork network, INDArray styleImage, List<String> layers) {
        VggNetwork.Activations activations = network.forward(styleImage);
        Map<String, INDArray> grams = new HashMap<>();
        for (String layer : layers) {
            grams.put(layer, StyleLoss.gram(activations.get(layer)));
        }
        activations.close();
        return grams;
    }

    /** The loss at {@code image} ([1, H, W, 3], preprocessed) and, if {@code withGradient}, its gradient. */
    @Override
    public Evaluation evaluate(INDArray image, boolean withGradient) {
        VggNetwork.Activations activations = network.forward(image);
        Map<String, INDArray> layerGradients = new HashMap<>();

        double content = 0;
        if (contentWeight > 0) {
            LossTerm term = ContentLoss.valueAndGradient(activations.get(contentLayer), contentTarget, withGradient);
            content = contentWeight * term.value();
            if (withGradient) {
                accumulate(layerGradients, contentLayer, term.gradient().muli(contentWeight));
            }
        }

        double style = 0;
        if (styleWeight > 0) {
            for (Map.Entry<String, Double> layer : styleLayerWeights.entrySet()) {
                double weight = styleWeight * layer.getValue();
                if (weight == 0) {
                    continue;
                }
                LossTerm term = StyleLoss.valueAndGradient(activations.get(layer.getKey()),
                        styleTargets.get(layer.getKey()), withGradient);
                style += weight * term.value();
                if (withGradient) {
                    accumulate(layerGradients, layer.getKey(), term.gradient().muli(weight));
                }
            }
        }

        double tv = 0;
        INDArray tvGradient = null;
        if (tvWeight > 0) {
            LossTerm term = TotalVariationLoss.valueAndGradient(image, withGradient);
            tv = tvWeight * term.value();
            tvGradient = withGradient ? term.gradient().muli(tvWeight) : null;
        }

        INDArray gradient = null;
        if (withGradient) {
            gradient = network.backward(activations, layerGradients);
            layerGradients.values().forEach(INDArray::close);
            if (tvGradient != null) {
                gradient.addi(tvGradient);
                tvGradient.close();
            }
        }
        activations.close();
        return new Evaluation(content, style, tv, gradient);
    }

    private static void accumulate(Map<String, INDArray> gradients, String layer, INDArray gradient) {
        gradients.merge(layer, gradient, (a, b) -> {
            a.addi(b);
            b.close();
            return a;
        });
    }
}
