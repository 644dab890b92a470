package io.github.stylize.maven.execute;

import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.ProgressListener;
import io.github.stylize.engine.image.RgbImage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Logs one run's progress: a start line (id, size, iterations, backend), then at most one line per interval,
 * {@code [id] iteration 40/100 loss 1.23e+05 ETA 0:42}, and always the last iteration. Writes snapshots, if the
 * settings ask for them, as PNG files in {@code snapshotDirectory}.
 */
final class ProgressReporter implements ProgressListener {
    private final String id;
    private final BuildLog log;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Path snapshotDirectory;

    private int iterations;
    private long startNanos;
    private long lastLogNanos;
    private int lastLogged = -1;

    ProgressReporter(String id, BuildLog log, long intervalMillis, LongSupplier nanoTime, Path snapshotDirectory) {
        this.id = id;
        this.log = log;
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.nanoTime = nanoTime;
        this.snapshotDirectory = snapshotDirectory;
    }

    @Override
    public void started(int width, int height, int iterations, String backend) {
        this.iterations = iterations;
        this.startNanos = nanoTime.getAsLong();
        this.lastLogNanos = startNanos;
        log.info("[" + id + "] generating " + width + "x" + height + ", " + iterations + " iterations, on " + backend);
    }

    @Override
    public void iteration(IterationLoss loss) {
        long now = nanoTime.getAsLong();
        boolean last = loss.iteration() >= iterations;
        if (loss.iteration() == 0 || (!last && now - lastLogNanos < intervalNanos)) {
            return;
        }
        lastLogNanos = now;
        lastLogged = loss.iteration();
        log.info(line(loss, now));
    }

    /**
     * After the run: a closing line if the last iteration was not logged, which happens when early stopping
     * ({@code tolerance}) ended the run before {@code iterations}.
     */
    void finished(List<IterationLoss> losses) {
        if (losses.isEmpty()) {
            return;
        }
        IterationLoss last = losses.get(losses.size() - 1);
        if (last.iteration() != lastLogged && last.iteration() < iterations) {
            log.info(String.format(Locale.ROOT, "[%s] stopped early at iteration %d/%d loss %.2e (converged within tolerance) in %s",
                    id, last.iteration(), iterations, last.total(), clock((nanoTime.getAsLong() - startNanos) / 1_000_000_000L)));
        }
    }

    String line(IterationLoss loss, long now) {
        int done = loss.iteration();
        String eta;
        if (done >= iterations) {
            eta = "done in " + clock((now - startNanos) / 1_000_000_000L);
        } else {
            long remainingSeconds = Math.round((now - startNanos) / 1e9 / done * (iterations - done));
            eta = "ETA " + clock(remainingSeconds);
        }
        return String.format(Locale.ROOT, "[%s] iteration %d/%d loss %.2e %s", id, done, iterations, loss.total(), eta);
    }

    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }

    @Override
    public void snapshot(int iteration, RgbImage image) {
        Path file = snapshotDirectory.resolve(String.format(Locale.ROOT, "iteration-%05d.png", iteration));
        try {
            Snapshots.writePng(image, file);
            log.debug("[" + id + "] snapshot " + file);
        } catch (IOException e) {
            log.warn("[" + id + "] could not write snapshot " + file + ": " + e.getMessage());
        }
    }
}
