package io.github.stylize.engine.objective;

import io.github.stylize.engine.StyleSettings;
import io.github.stylize.engine.network.Vgg19Layers;
import io.github.stylize.engine.network.VggNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The function the optimizer minimizes over the pixels x of the generated image:
 * {@code L(x) = alpha * L_content + beta * sum_l w_l E_l + tvWeight * TV(x)}. The content features and the style Gram
 * matrices are computed once, here, and reused for every evaluation. Terms and layers whose weight is 0 are not
 * computed at all.
 *
 * <p>Every term is independent of the image size: the style loss compares Gram matrices divided by their own number
 * of positions ({@link StyleLoss}); the content loss and total variation are scaled to what they would be at
 * {@value #REFERENCE_SIDE}x{@value #REFERENCE_SIDE} pixels ({@link ContentLoss}, {@link TotalVariationLoss}). A
 * 512x512 render with a style image of as many pixels keeps the paper's (and the engine's earlier) balance; at other
 * sizes, at coarse levels of {@code scales}, and with any {@code styleScale}, the same weights give the same balance.
 *
 * <p>With {@code tileable} the network and the total variation wrap around the image's edges (the style image's Gram
 * matrices are computed without wrapping: the style is not a tile). With a {@link PositionMask} ({@code alphaMask}),
 * the content and style losses count each position by its weight.
 */
public final class StyleObjective implements Objective {
    /** The side of the square image at which every loss term equals the paper's unscaled one. */
    public static final int REFERENCE_SIDE = 512;

    private final VggNetwork network;
    private final double contentWeight;
    private final double styleWeight;
    private final double tvWeight;
    private final String contentLayer;
    /** The content layer's positions at the reference size; see {@link ContentLoss}. */
    private final long contentReferencePositions;
    /** Null when the content weight is 0. */
    private final INDArray contentTarget;
    private final Map<String, INDArray> styleTargets;
    private final Map<String, Double> styleLayerWeights = new LinkedHashMap<>();
    private final boolean wrap;
    /** Per layer read, its positions' weights [M, 1] and their sum; empty unmasked. */
    private final Map<String, INDArray> masks = new HashMap<>();
    private final Map<String, Double> maskedPositions = new HashMap<>();
    /** Created by the first evaluation, for its image size, and reused after. */
    private VggNetwork.Activations activations;
    private int evaluations;

    /**
     * @param contentImage preprocessed [1, H, W, 3]; its features at the content layer become the target P
     * @param styleGrams   Gram matrices of the style image at each style layer (see {@link #styleGrams})
     */
    public StyleObjective(VggNetwork network, StyleSettings settings, INDArray contentImage,
                          Map<String, INDArray> styleGrams) {
        this(network, settings, contentImage, styleGrams, null);
    }

    /**
     * @param mask how much each content position counts, for the content image's size; null counts every one fully
     * @throws IllegalArgumentException when the mask leaves no position of a layer the loss reads
     */
    public StyleObjective(VggNetwork network, StyleSettings settings, INDArray contentImage,
                          Map<String, INDArray> styleGrams, PositionMask mask) {
        this.network = network;
        this.wrap = settings.tileable();
        this.contentWeight = settings.contentWeight();
        this.styleWeight = settings.styleWeight();
        this.tvWeight = settings.tvWeight();
        this.contentLayer = settings.contentLayer();
        List<String> layers = settings.styleLayers();
        for (int i = 0; i < layers.size(); i++) {
            if (styleWeight > 0 && settings.styleLayerWeights().get(i) > 0) {
                styleLayerWeights.put(layers.get(i), settings.styleLayerWeights().get(i));
            }
        }
        this.styleTargets = Map.copyOf(styleGrams);
        long side = REFERENCE_SIDE >> (Vgg19Layers.block(contentLayer) - 1);
        this.contentReferencePositions = side * side;
        if (mask != null) {
            List<String> read = new ArrayList<>(styleLayerWeights.keySet());
            if (contentWeight > 0) {
                read.add(contentLayer);
            }
            for (String layer : read) {
                double positions = mask.positions(layer);
                if (!(positions > 0)) {
                    throw new IllegalArgumentException("The mask leaves no position of layer " + layer + " ("
                            + mask.size(layer)[0] + "x" + mask.size(layer)[1] + ") to count");
                }
                masks.put(layer, mask.column(layer, network.dataType()));
                maskedPositions.put(layer, positions);
            }
        }
        if (contentWeight > 0) {
            try (VggNetwork.Activations contentActivations = network.forward(contentImage, wrap)) {
                this.contentTarget = contentActivations.get(contentLayer).dup();
            }
        } else {
            this.contentTarget = null;
        }
    }

    /** The style image's Gram matrices at {@code layers}: computed once per style image, size and network. */
    public static Map<String, INDArray> styleGrams(VggNetwork network, INDArray styleImage, List<String> layers) {
        Map<String, INDArray> grams = new HashMap<>();
        try (VggNetwork.Activations activations = network.forward(styleImage)) {
            for (String layer : layers) {
                grams.put(layer, StyleLoss.gram(activations.get(layer)));
            }
        }
        return grams;
    }

    /**
     * The loss at {@code image} ([1, H, W, 3], preprocessed) and, if {@code withGradient}, its gradient (a new array
     * the caller owns). Every other array lives in buffers this objective reuses from one evaluation to the next.
     */
    @Override
    public Evaluation evaluate(INDArray image, boolean withGradient) {
        evaluations++;
        if (activations == null) {
            activations = network.activations(image.size(1), image.size(2), wrap);
        }
        network.forward(image, activations);

        ContentLoss.Evaluated contentTerm = null;
        double content = 0;
        if (contentWeight > 0) {
            contentTerm = ContentLoss.evaluate(activations.get(contentLayer), contentTarget, contentReferencePositions,
                    masks.get(contentLayer), maskedPositions.getOrDefault(contentLayer, 0.0));
            content = contentWeight * contentTerm.value();
        }

        Map<String, StyleLoss.Evaluated> styleTerms = new HashMap<>();
        double style = 0;
        for (Map.Entry<String, Double> layer : styleLayerWeights.entrySet()) {
            StyleLoss.Evaluated term = StyleLoss.evaluate(activations.get(layer.getKey()),
                    styleTargets.get(layer.getKey()), masks.get(layer.getKey()),
                    maskedPositions.getOrDefault(layer.getKey(), 0.0));
            styleTerms.put(layer.getKey(), term);
            style += styleWeight * layer.getValue() * term.value();
        }

        double tv = 0;
        INDArray tvGradient = null;
        if (tvWeight > 0) {
            LossTerm term = TotalVariationLoss.valueAndGradient(image, wrap, withGradient);
            tv = tvWeight * term.value();
            tvGradient = withGradient ? term.gradient().muli(tvWeight) : null;
        }

        INDArray gradient = null;
        if (withGradient) {
            ContentLoss.Evaluated contentAtLayer = contentTerm;
            gradient = network.backward(activations, (layer, target, accumulate) -> {
                boolean wrote = false;
                StyleLoss.Evaluated styleTerm = styleTerms.get(layer);
                if (styleTerm != null) {
                    styleTerm.writeGradient(target, styleWeight * styleLayerWeights.get(layer), accumulate);
                    wrote = true;
                }
                if (contentAtLayer != null && layer.equals(contentLayer)) {
                    contentAtLayer.writeGradient(target, contentWeight, accumulate || wrote);
                    wrote = true;
                }
                return wrote;
            });
            if (tvGradient != null) {
                gradient.addi(tvGradient);
                tvGradient.close();
            }
        }
        if (contentTerm != null) {
            contentTerm.close();
        }
        styleTerms.values().forEach(StyleLoss.Evaluated::close);
        return new Evaluation(content, style, tv, gradient);
    }

    /**
     * How many times {@link #evaluate} ran (each a forward pass, and a backward pass if the gradient was asked for),
     * whether the optimizer accepted the point or not.
     */
    public int evaluations() {
        return evaluations;
    }

    /** Frees the buffers and the content target. */
    @Override
    public void close() {
        if (activations != null) {
            activations.close();
            activations = null;
        }
        if (contentTarget != null) {
            contentTarget.close();
        }
        masks.values().forEach(INDArray::close);
    }
}
