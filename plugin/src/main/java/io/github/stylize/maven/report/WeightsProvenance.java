package io.github.stylize.maven.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.stylize.engine.weights.WeightsSource;

import java.util.List;

/**
 * Which VGG19 weights made an image, so a preview from {@code random} weights never passes for a final result.
 *
 * @param kind   {@value #DEFAULT} (the Keras VGG19 ImageNet file), {@value #URL} (a file downloaded from another
 *               URL), {@value #FILE} (a local file) or {@value #RANDOM} (a seeded random network: a preview)
 * @param source where they come from: the URL, the file's path, or {@code random}
 * @param digest the weights' identity as the cache key holds it (its {@code weights=} line): a digest of the file's
 *               bytes, or for {@code random} the generator and its seed
 */
@JsonPropertyOrder({"kind", "source", "digest"})
public record WeightsProvenance(String kind, String source, String digest) {
    public static final String DEFAULT = "default";
    public static final String URL = "url";
    public static final String FILE = "file";
    public static final String RANDOM = "random";
    private static final List<String> KINDS = List.of(DEFAULT, URL, FILE, RANDOM);

    public WeightsProvenance {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("weights.kind is " + kind + ", not one of " + KINDS);
        }
        if (source == null) {
            throw new IllegalArgumentException("weights.source is missing");
        }
        if (digest == null) {
            throw new IllegalArgumentException("weights.digest is missing");
        }
    }

    /**
     * The weights {@code source} names, with {@code digest} from the asset's cache key. A cache hit's image was made
     * with weights of that same digest (it is part of the key), so the configured source holds the very bytes it was
     * made with, and an entry written before weights were recorded needs no migration.
     */
    public static WeightsProvenance of(WeightsSource source, String digest) {
        if (source.isRandom()) {
            return new WeightsProvenance(RANDOM, source.spec(), digest);
        }
        if (source.localFile() != null) {
            return new WeightsProvenance(FILE, source.localFile().toString(), digest);
        }
        // parse() spells the Keras file "default" and every other download by its URL
        return source.spec().equals(DEFAULT) ? new WeightsProvenance(DEFAULT, WeightsSource.DEFAULT_URL, digest)
                : new WeightsProvenance(URL, source.spec(), digest);
    }

    /** Whether these are random weights: the image is a preview, not the look of the pretrained network. */
    public boolean random() {
        return RANDOM.equals(kind);
    }

    /** What the report says, e.g. {@code VGG19 weights file /models/vgg19.h5}. */
    public String describe() {
        return switch (kind) {
            case DEFAULT -> "Keras VGG19 ImageNet weights, downloaded from " + source;
            case URL -> "VGG19 weights downloaded from " + source;
            case FILE -> "VGG19 weights file " + source;
            default -> "random VGG19 weights (stylize.weights=random): a preview, not the pretrained network's look;"
                    + " leave stylize.weights unset (or name a weights file) for the final image";
        };
    }
}
