package io.github.stylize.engine;

import io.github.stylize.engine.image.RgbImage;

import java.util.ArrayList;
import java.util.List;

/** A listener that keeps every snapshot the engine gives it, in order, with its iteration. */
final class SnapshotRecorder implements ProgressListener {
    final List<Integer> iterations = new ArrayList<>();
    final List<RgbImage> images = new ArrayList<>();

    @Override
    public void snapshot(int iteration, RgbImage image) {
        iterations.add(iteration);
        images.add(image);
    }
}
