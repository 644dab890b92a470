package io.github.stylize.engine;

import io.github.stylize.engine.image.RgbImage;

import java.util.List;

/**
 * What a run produced.
 *
 * @param image        the stylized image at the output size, with the content image's alpha if it had one
 * @param encoded      the image encoded in the settings' format (PNG or JPEG), ready to be written
 * @param losses       one entry per iteration, entry 0 the initial image
 * @param prepareMillis time to read, resize and analyse the images (style Gram matrices, content features)
 * @param optimizeMillis time spent in the optimization loop
 * @param backend      the ND4J backend that ran it, e.g. {@code CPU (linux-x86_64-onednn-avx512)}
 */
public record StyleTransferResult(RgbImage image, byte[] encoded, List<IterationLoss> losses,
                                  long prepareMillis, long optimizeMillis, String backend) {
    public StyleTransferResult {
        losses = List.copyOf(losses);
    }

    public long totalMillis() {
        return prepareMillis + optimizeMillis;
    }
}
