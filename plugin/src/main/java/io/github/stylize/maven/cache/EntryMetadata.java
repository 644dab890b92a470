package io.github.stylize.maven.cache;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.files.Digests;
import io.github.stylize.maven.json.RunJson;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a cache entry's {@code metadata.json} holds and a remote cache object carries: the image's name and SHA-256,
 * the run that made it, the effective settings and the canonical key input.
 *
 * @param keyInput written even where unknown (as null), as it always was
 */
@JsonPropertyOrder({"cacheKey", "image", "imageSha256", "backend", "millis", "timings", "createdAt", "settings",
        "keyInput", "losses"})
record EntryMetadata(String cacheKey, String image, String imageSha256, String backend, Long millis,
                     RunJson.Timings timings, String createdAt, Map<String, Object> settings, String keyInput,
                     List<IterationLoss> losses) {
    /** What {@link ImageCache#put} names an entry's image; a metadata file naming anything else is damaged. */
    private static final Pattern IMAGE_NAME = Pattern.compile("image\\.[a-z0-9]{1,5}");

    /** The metadata of {@code key}'s entry, created now. */
    static EntryMetadata of(String key, NewEntry entry) {
        return new EntryMetadata(key, "image." + entry.extension(), Digests.sha256Hex(entry.encoded()),
                entry.run().backend(), entry.run().timings().totalMillis(), RunJson.Timings.of(entry.run().timings()),
                Instant.now().toString(), entry.settings(), entry.keyInput(), entry.run().losses());
    }

    /**
     * The name of the entry's image file, checked to be one {@link ImageCache#put} gives.
     *
     * @throws IllegalArgumentException if it is missing or anything else, which could be a path out of the entry
     */
    String imageName() {
        if (image == null || !IMAGE_NAME.matcher(image).matches()) {
            throw new IllegalArgumentException("no valid image name recorded"); // never a path out of the entry
        }
        return image;
    }

    /**
     * The entry this metadata describes, with {@code image} its image's bytes.
     *
     * @throws IllegalArgumentException if the bytes do not match the recorded SHA-256 or a field is malformed
     */
    NewEntry toEntry(byte[] encoded) {
        String imageName = imageName();
        String actual = Digests.sha256Hex(encoded);
        if (!actual.equals(imageSha256)) {
            throw new IllegalArgumentException("image SHA-256 is " + actual + " but " + imageSha256 + " was recorded");
        }
        return new NewEntry(encoded, imageName.substring("image.".length()),
                RunJson.run(backend, losses, millis, timings), keyInput, settings == null ? Map.of() : settings);
    }
}
