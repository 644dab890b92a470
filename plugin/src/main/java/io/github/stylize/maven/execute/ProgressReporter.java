package io.github.stylize.maven.execute;

import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.ProgressListener;
import io.github.stylize.engine.RunTimings;
import io.github.stylize.engine.image.RgbImage;
import io.github.stylize.maven.report.SummaryTable;

import java.io.IOException;
import io.github.stylize.engine.StopReason;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Logs one run's progress: a start line (id, size, iterations, backend), then at most one line per interval,
 * {@code [id] iteration 40/100 loss 1.23e+05 ETA 0:42}, and, once the run returned, a closing line with the last
 * iteration and the engine's timings, {@code [id] iteration 100/100 loss 9.87e+04 done in 41.2 s (312 evaluations,
 * 0.13 s each)}. Writes snapshots, if the settings ask for them, as PNG files in {@code snapshotDirectory}.
 */
final class ProgressReporter implements ProgressListener {
    private final String id;
    private final BuildLog log;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Path snapshotDirectory;
    private final boolean mayStopEarly;

    private int iterations;
    private long startNanos;
    private long lastLogNanos;

    /**
     * @param mayStopEarly whether {@code tolerance} may end the run before its iterations: the time left at the
     *                     current pace is then an upper bound, and the line says "at most"
     */
    ProgressReporter(String id, BuildLog log, long intervalMillis, LongSupplier nanoTime, Path snapshotDirectory,
                     boolean mayStopEarly) {
        this.id = id;
        this.mayStopEarly = mayStopEarly;
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
        // The last iteration is logged by finished(), with the run's timings.
        if (loss.iteration() == 0 || loss.iteration() >= iterations || now - lastLogNanos < intervalNanos) {
            return;
        }
        lastLogNanos = now;
        log.info(line(loss, now));
    }

    /**
     * After the run: one closing line with the last iteration, the engine's total time (all coarse-to-fine levels,
     * preparation included) and its evaluations, saying why when the run ended before {@code iterations}: the
     * tolerance, or L-BFGS converged or stalled.
     */
    void finished(List<IterationLoss> losses, RunTimings timings) {
        if (losses.isEmpty()) {
            return;
        }
        IterationLoss last = losses.get(losses.size() - 1);
        String time = SummaryTable.seconds(timings.totalMillis()) + " (" + SummaryTable.evaluations(timings) + ")";
        if (last.iteration() < iterations) {
            log.info(String.format(Locale.ROOT, "[%s] stopped early at iteration %d/%d loss %.2e (%s) in %s",
                    id, last.iteration(), iterations, last.total(), why(timings.stop()), time));
        } else {
            log.info(String.format(Locale.ROOT, "[%s] iteration %d/%d loss %.2e done in %s",
                    id, last.iteration(), iterations, last.total(), time));
        }
    }

    private static String why(StopReason stop) {
        if (stop == StopReason.CONVERGED) {
            return "converged: the gradient is zero";
        }
        if (stop == StopReason.STALLED) {
            return "converged or stalled: no step along the steepest descent lowers the loss";
        }
        return "converged within tolerance";
    }

    /** A line for an iteration before the last: the loss and the estimated time left. */
    String line(IterationLoss loss, long now) {
        int done = loss.iteration();
        long remainingSeconds = Math.round((now - startNanos) / 1e9 / done * (iterations - done));
        return String.format(Locale.ROOT, "[%s] iteration %d/%d loss %.2e ETA %s%s", id, done, iterations,
                loss.total(), mayStopEarly ? "at most " : "", clock(remainingSeconds));
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
