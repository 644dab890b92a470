package io.github.stylize.maven.plan;

import io.github.stylize.engine.image.ImageReader;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the planner needs: immutable, built with {@link #builder()}, which names every part and defaults what is not
 * set (no declarations, no {@code <defaults>}, all ids, outputs where no input is, the engine's
 * {@link ImageReader#DEFAULT_MAX_PIXELS}, no preview).
 */
public final class PlanRequest {
    private final List<StylizationDeclaration> stylizations;
    private final List<BatchDeclaration> batches;
    private final Overrides defaults;
    private final Set<String> only;
    private final Supplier<String> weightsIdentity;
    private final WrittenDirectories written;
    private final Path weightsFile;
    private final long maxPixels;
    private final int preview;

    private PlanRequest(Builder b) {
        stylizations = b.stylizations == null ? List.of() : List.copyOf(b.stylizations);
        batches = b.batches == null ? List.of() : List.copyOf(b.batches);
        defaults = b.defaults == null ? Overrides.NONE : b.defaults;
        only = b.only == null ? Set.of() : Set.copyOf(b.only);
        weightsIdentity = Objects.requireNonNull(b.weightsIdentity, "weightsIdentity");
        written = b.written == null ? WrittenDirectories.NONE : b.written;
        weightsFile = b.weightsFile;
        maxPixels = b.maxPixels;
        preview = b.preview;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The declared stylizations, in declaration order. */
    public List<StylizationDeclaration> stylizations() { return stylizations; }
    /** The declared batches. */
    public List<BatchDeclaration> batches() { return batches; }
    /** {@code <defaults>}, under every asset's own values. */
    public Overrides defaults() { return defaults; }
    /** Ids (of stylizations, batches or batch items) to produce; empty means all. */
    public Set<String> only() { return only; }
    /**
     * Digest of the weights for cache keys; may throw a {@code StylizeException} whose message is reported against
     * the {@code weights} parameter. Called once.
     */
    public Supplier<String> weightsIdentity() { return weightsIdentity; }
    /** The directories the build writes into, which no input may overlap. */
    public WrittenDirectories written() { return written; }
    /** The local weights file, an input like the images; null for downloaded or random weights. */
    public Path weightsFile() { return weightsFile; }
    /** The largest image the engine may read or prepare ({@code stylize.maxPixels}). */
    public long maxPixels() { return maxPixels; }
    /** {@code stylize.preview}: cap every selected asset's longest side at this many pixels; 0 off. */
    public int preview() { return preview; }

    /**
     * The directories an execution writes into, by the parameter that names them.
     *
     * @param outputDirectory   the images ({@code outputDirectory}); null if not checked
     * @param metadataDirectory metadata, snapshots and the report ({@code metadataDirectory}); null if not checked
     */
    public record WrittenDirectories(Path outputDirectory, Path metadataDirectory) {
        static final WrittenDirectories NONE = new WrittenDirectories(null, null);
    }

    public static final class Builder {
        private List<StylizationDeclaration> stylizations;
        private List<BatchDeclaration> batches;
        private Overrides defaults;
        private Set<String> only;
        private Supplier<String> weightsIdentity;
        private WrittenDirectories written;
        private Path weightsFile;
        private long maxPixels = ImageReader.DEFAULT_MAX_PIXELS;
        private int preview;

        private Builder() {
        }

        public Builder stylizations(List<StylizationDeclaration> v) { stylizations = v; return this; }
        public Builder batches(List<BatchDeclaration> v) { batches = v; return this; }
        public Builder defaults(Overrides v) { defaults = v; return this; }
        public Builder only(Set<String> v) { only = v; return this; }
        public Builder weightsIdentity(Supplier<String> v) { weightsIdentity = v; return this; }
        public Builder written(WrittenDirectories v) { written = v; return this; }
        public Builder weightsFile(Path v) { weightsFile = v; return this; }
        public Builder maxPixels(long v) { maxPixels = v; return this; }
        public Builder preview(int v) { preview = v; return this; }

        public PlanRequest build() {
            return new PlanRequest(this);
        }
    }
}
