package io.github.stylize.engine;

import io.github.stylize.engine.image.ImageReader;
import io.github.stylize.engine.objective.StyleGramCache;
import io.github.stylize.engine.weights.VggWeights;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One stylization: the content image file, one or more weighted style image files, settings, the already loaded weights and a listener. Immutable;
 * build with {@link #builder()}. Loading weights is left to the caller so that many requests can share one load.
 */
public final class StyleTransferRequest {
    private final Path content;
    private final List<WeightedStyle> styles;
    private final StyleSettings settings;
    private final VggWeights weights;
    private final ProgressListener listener;
    private final StyleGramCache styleGrams;
    private final boolean requireGpu;
    private final long maxPixels;
    private final Path contentMask;

    private StyleTransferRequest(Builder b) {
        this.content = b.content;
        this.styles = b.styles;
        this.settings = b.settings;
        this.weights = b.weights;
        this.listener = b.listener;
        this.styleGrams = b.styleGrams == null ? new StyleGramCache() : b.styleGrams;
        this.requireGpu = b.requireGpu;
        this.maxPixels = b.maxPixels;
        this.contentMask = b.contentMask;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path content() { return content; }
    /** The style images and their blend weights, at least one. */
    public List<WeightedStyle> styles() { return styles; }
    public StyleSettings settings() { return settings; }
    public VggWeights weights() { return weights; }
    public ProgressListener listener() { return listener; }
    /** Where style Gram matrices are looked up and kept; shared between the requests of one build. */
    public StyleGramCache styleGrams() { return styleGrams; }
    /** Fail instead of running on the CPU when ND4J did not load a GPU backend. */
    public boolean requireGpu() { return requireGpu; }
    /** The most pixels an input image's header may declare; a larger one is refused before it is decoded. */
    public long maxPixels() { return maxPixels; }
    /**
     * Where the style goes: an image of the content's size, white stylized, black kept as the content (see
     * {@link io.github.stylize.engine.image.ContentMask}); null styles every pixel.
     */
    public Path contentMask() { return contentMask; }

    public static final class Builder {
        private Path content;
        private List<WeightedStyle> styles;
        private StyleSettings settings = StyleSettings.defaults();
        private VggWeights weights;
        private ProgressListener listener = ProgressListener.NONE;
        private StyleGramCache styleGrams;
        private boolean requireGpu;
        private long maxPixels = ImageReader.DEFAULT_MAX_PIXELS;
        private Path contentMask;

        private Builder() {
        }

        public Builder content(Path v) { content = v; return this; }
        /** A single style image. */
        public Builder style(Path v) { styles = v == null ? null : List.of(WeightedStyle.of(v)); return this; }
        /** Several style images blended by weight (see {@link WeightedStyle}). */
        public Builder styles(List<WeightedStyle> v) { styles = v == null ? null : List.copyOf(v); return this; }
        public Builder settings(StyleSettings v) { settings = v; return this; }
        public Builder weights(VggWeights v) { weights = v; return this; }
        public Builder listener(ProgressListener v) { listener = v; return this; }
        /** Share one cache between requests so a style used by many assets is analysed once. */
        public Builder styleGrams(StyleGramCache v) { styleGrams = v; return this; }
        public Builder requireGpu(boolean v) { requireGpu = v; return this; }
        /** Default {@link ImageReader#DEFAULT_MAX_PIXELS}; must be positive. */
        public Builder maxPixels(long v) { maxPixels = v; return this; }
        /** Default none: every pixel is stylized; see {@link StyleTransferRequest#contentMask()}. */
        public Builder contentMask(Path v) { contentMask = v; return this; }

        public StyleTransferRequest build() {
            Objects.requireNonNull(content, "content image path");
            Objects.requireNonNull(styles, "style image path");
            if (styles.isEmpty()) {
                throw new IllegalArgumentException("at least one style image is needed");
            }
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
