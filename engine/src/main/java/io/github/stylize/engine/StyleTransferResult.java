package io.github.stylize.engine;

import io.github.stylize.engine.image.RgbImage;

import java.util.List;
import java.util.Objects;

/**
 * What a run produced.
 *
 * @param image        the stylized image at the output size, with the content image's alpha if it had one
 * @param encoded      the image encoded in the settings' format (PNG or JPEG), ready to be written
 * @param losses       one entry per iteration, entry 0 the initial image
 * @param timings      where the time went, iterations and objective evaluations
 * @param backend      the ND4J backend that ran it, e.g. {@code CPU (linux-x86_64-onednn-avx512)}
 */
public record StyleTransferResult(RgbImage image, byte[] encoded, List<IterationLoss> losses,
                                  RunTimings timings, String backend) {
    public StyleTransferResult {
        losses = List.copyOf(losses);
        Objects.requireNonNull(timings, "timings");
    }

    public long totalMillis() {
        return timings.totalMillis();
    }
}
