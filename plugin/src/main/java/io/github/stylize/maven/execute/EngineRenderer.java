package io.github.stylize.maven.execute;

import io.github.stylize.engine.ProgressListener;
import io.github.stylize.engine.StyleTransfer;
import io.github.stylize.engine.StyleTransferRequest;
import io.github.stylize.engine.StyleTransferResult;
import io.github.stylize.engine.StylizeException;
import io.github.stylize.engine.network.NativeBackend;
import io.github.stylize.engine.objective.StyleGramCache;
import io.github.stylize.engine.weights.VggWeights;
import io.github.stylize.engine.weights.WeightsException;
import io.github.stylize.engine.weights.WeightsOptions;
import io.github.stylize.engine.weights.WeightsSource;
import io.github.stylize.maven.plan.PlannedAsset;

import java.util.HashMap;
import java.util.Map;

/**
 * The real renderer: loads ND4J and the weights (once per JVM, so a multi-module build reads an 80 MB file once),
 * then runs the engine. The only class of the plugin that touches ND4J; it is created on the first cache miss.
 */
public final class EngineRenderer implements Renderer {
    /** Weights already loaded in this JVM, by their identity (a digest of their bytes). */
    private static final Map<String, VggWeights> LOADED = new HashMap<>();

    private final WeightsSource weights;
    private final String weightsIdentity;
    private final WeightsOptions options;
    private final BuildLog log;
    private final boolean requireGpu;
    private final long maxPixels;
    /** Style Gram matrices of this build: assets sharing a style image analyse it once. */
    private final StyleGramCache styleGrams = new StyleGramCache();

    private String backend;
    private VggWeights loaded;
    private StylizeException weightsFailure;

    /**
     * @param requireGpu fail each asset with the engine's explanation instead of running on the CPU when ND4J
     *                   loads no GPU backend
     * @param maxPixels  the most pixels an input image's header may declare (a decompression bomb is refused)
     */
    public EngineRenderer(WeightsSource weights, String weightsIdentity, WeightsOptions options, BuildLog log,
                          boolean requireGpu, long maxPixels) {
        this.weights = weights;
        this.weightsIdentity = weightsIdentity;
        this.options = options;
        this.log = log;
        this.requireGpu = requireGpu;
        this.maxPixels = maxPixels;
    }

    @Override
    public Rendering render(PlannedAsset asset, ProgressListener listener) {
        VggWeights vgg = weights();
        StyleTransferRequest request = StyleTransferRequest.builder()
                .content(asset.content())
                .contentMask(asset.contentMask())
                .styles(asset.styles())
                .settings(asset.settings())
                .weights(vgg)
                .listener(listener)
                .styleGrams(styleGrams)
                .requireGpu(requireGpu)
                .maxPixels(maxPixels)
                .build();
        StyleTransferResult result = StyleTransfer.run(request);
        return new Rendering(result.encoded(), result.run());
    }

    private VggWeights weights() {
        if (backend == null) {
            quietNd4jLogging();
            backend = NativeBackend.ensureLoaded();
            log.info("ND4J backend: " + backend);
        }
        if (weightsFailure != null) {
            // Every asset needs them: report the same cause without trying again.
            throw weightsFailure;
        }
        if (loaded == null) {
            try {
                synchronized (LOADED) {
                    loaded = LOADED.get(weightsIdentity);
                    if (loaded == null) {
                        log.info("Loading VGG19 weights: " + weights.describe());
                        VggWeights read = weights.load(options);
                        requireIdentity();
                        loaded = read;
                        LOADED.put(weightsIdentity, loaded);
                    }
                }
            } catch (StylizeException e) {
                weightsFailure = e;
                throw e;
            }
        }
        return loaded;
    }

    /**
     * The weights just loaded must be the ones the cache keys name: a file replaced since the build was planned would
     * otherwise put images of other weights under those keys for good.
     */
    private void requireIdentity() {
        String now = weights.identity(options);
        if (!now.equals(weightsIdentity)) {
            throw new WeightsException("The VGG19 weights (" + weights.describe() + ") changed while this build ran:"
                    + " they were " + weightsIdentity + " when it started and are " + now + " now; nothing was"
                    + " generated with them. Run the build again once the weights file is in its final state");
        }
    }

    /**
     * Keeps ND4J's and JavaCPP's INFO start-up chatter out of the build log. Maven's SLF4J binding reads these
     * properties when a logger is first created, which for ND4J's loggers is after this call.
     */
    private static void quietNd4jLogging() {
        for (String logger : new String[] {"org.nd4j", "org.deeplearning4j", "org.bytedeco", "org.reflections"}) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
        }
    }
}
