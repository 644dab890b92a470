package io.github.stylize.engine;

import io.github.stylize.engine.image.RgbImage;

import java.util.List;

/**
 * What a run produced.
 *
 * @param image   the stylized image at the output size, with the content image's alpha if it had one
 * @param encoded the image encoded in the settings' format (PNG or JPEG), ready to be written
 * @param run     the backend, loss history and timings of the run
 */
public record StyleTransferResult(RgbImage image, byte[] encoded, RunSummary run) {
    /** One entry per iteration, entry 0 the initial image. */
    public List<IterationLoss> losses() {
        return run.losses();
    }

    public RunTimings timings() {
        return run.timings();
    }

    public long totalMillis() {
        return run.timings().totalMillis();
    }
}
