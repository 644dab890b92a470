package io.github.stylize.engine;

import io.github.stylize.engine.image.ImageReader;
import io.github.stylize.engine.objective.StyleGramCache;
import io.github.stylize.engine.weights.VggWeights;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One stylization: content and style image files, settings, the already loaded weights and a listener. Immutable;
 * build with {@link #builder()}. Loading weights is left to the caller so that many requests can share one load.
 */
public final class StyleTransferRequest {
    private final Path content;
    private final Path style;
    private final StyleSettings settings;
    private final VggWeights weights;
    private final ProgressListener listener;
    private final StyleGramCache styleGrams;
    private final boolean requireGpu;
    private final long maxPixels;

    private StyleTransferRequest(Builder b) {
        this.content = b.content;
        this.style = b.style;
        this.settings = b.settings;
        this.weights = b.weights;
        this.listener = b.listener;
        this.styleGrams = b.styleGrams == null ? new StyleGramCache() : b.styleGrams;
        this.requireGpu = b.requireGpu;
        this.maxPixels = b.maxPixels;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path content() { return content; }
    public Path style() { return style; }
    public StyleSettings settings() { return settings; }
    public VggWeights weights() { return weights; }
    public ProgressListener listener() { return listener; }
    /** Where style Gram matrices are looked up and kept; shared between the requests of one build. */
    public StyleGramCache styleGrams() { return styleGrams; }
    /** Fail instead of running on the CPU when ND4J did not load a GPU backend. */
    public boolean requireGpu() { return requireGpu; }
    /** The most pixels an input image's header may declare; a larger one is refused before it is decoded. */
    public long maxPixels() { return maxPixels; }

    public static final class Builder {
        private Path content;
        private Path style;
        private StyleSettings settings = StyleSettings.defaults();
        private VggWeights weights;
        private ProgressListener listener = ProgressListener.NONE;
        private StyleGramCache styleGrams;
        private boolean requireGpu;
        private long maxPixels = ImageReader.DEFAULT_MAX_PIXELS;

        private Builder() {
        }

        public Builder content(Path v) { content = v; return this; }
        public Builder style(Path v) { style = v; return this; }
        public Builder settings(StyleSettings v) { settings = v; return this; }
        public Builder weights(VggWeights v) { weights = v; return this; }
        public Builder listener(ProgressListener v) { listener = v; return this; }
        /** Share one cache between requests so a style used by many assets is analysed once. */
        public Builder styleGrams(StyleGramCache v) { styleGrams = v; return this; }
        public Builder requireGpu(boolean v) { requireGpu = v; return this; }
        /** Default {@link ImageReader#DEFAULT_MAX_PIXELS}; must be positive. */
        public Builder maxPixels(long v) { maxPixels = v; return this; }

        public StyleTransferRequest build() {
            Objects.requireNonNull(content, "content image path");
            Objects.requireNonNull(style, "style image path");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(weights, "weights");
            Objects.requireNonNull(listener, "listener");
            if (maxPixels <= 0) {
                throw new IllegalArgumentException("maxPixels must be positive, not " + maxPixels);
            }
            weights.requireUpTo(settings.deepestLayer());
            return new StyleTransferRequest(this);
        }
    }
}
