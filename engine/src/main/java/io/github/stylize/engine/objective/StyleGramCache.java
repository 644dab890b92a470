package io.github.stylize.engine.objective;

import io.github.stylize.engine.StylizeException;
import io.github.stylize.engine.image.RgbImage;
import io.github.stylize.engine.network.VggNetwork;
import io.github.stylize.engine.network.VggPreprocessing;
import io.github.stylize.engine.weights.VggWeights;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Style Gram matrices shared between stylizations: assets that use the same style image at the same size, with the
 * same weights, pooling and style layers, compute them once. Keyed by the style's pixels (not its path), so a
 * renamed copy is shared too. Give one cache to every request of a build; the default is one per request.
 */
public final class StyleGramCache {
    private record Key(String pixels, int width, int height, VggWeights weights, String network, List<String> layers) {
    }

    private final Map<Key, Map<String, INDArray>> grams = new ConcurrentHashMap<>();
    private int computed;

    /** The Gram matrices of {@code style} (read from {@code file}) at {@code layers}, computing them on first use. */
    public Map<String, INDArray> get(Path file, RgbImage style, VggNetwork network, List<String> layers) {
        Key key = new Key(digest(style), style.width(), style.height(), network.weights(), network.describe(),
                List.copyOf(layers));
        return grams.computeIfAbsent(key, k -> {
            synchronized (this) {
                computed++;
            }
            return Map.copyOf(StyleObjective.styleGrams(network,
                    VggPreprocessing.toNetworkInput(style, network.dataType()), layers));
        });
    }

    /** How many distinct style images this cache has analysed (the rest were served from it). */
    public synchronized int computedCount() {
        return computed;
    }

    private static String digest(RgbImage image) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ByteBuffer buffer = ByteBuffer.allocate(image.rgb().length * Float.BYTES);
            buffer.asFloatBuffer().put(image.rgb());
            sha.update(buffer);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new StylizeException("SHA-256 is not available in this JVM", e);
        }
    }
}
