package io.github.stylize.benchmark;

import io.github.stylize.maven.json.Json;
import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.ProgressListener;
import io.github.stylize.engine.StyleSettings;
import io.github.stylize.engine.StyleTransfer;
import io.github.stylize.engine.StyleTransferRequest;
import io.github.stylize.engine.StyleTransferResult;
import io.github.stylize.engine.image.ImageReader;
import io.github.stylize.engine.image.ImageWriter;
import io.github.stylize.engine.image.Resampler;
import io.github.stylize.engine.image.RgbImage;
import io.github.stylize.engine.network.NativeBackend;
import io.github.stylize.engine.weights.Hdf5WeightsReader;
import io.github.stylize.engine.weights.RandomVggWeights;
import io.github.stylize.engine.weights.VggWeights;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Time to quality (issue #4): how long each optimizer setup takes to reach the loss that the seed's setup reaches, and
 * where it stops on its own. {@code benchmark/time-to-quality.sh} builds and runs it on an idle machine.
 *
 * <p><b>Reference.</b> Adam, one scale, no early stopping, {@code --reference-iterations} iterations (300: the seed's
 * runs), learning rate {@value #REFERENCE_LEARNING_RATE}; every other setting at the engine's default. These are
 * pinned rather than taken from the defaults, so the reference stays the seed's setup if a faster path becomes the
 * default. Its final total loss is the <em>target</em>; its time is the time from calling
 * {@link StyleTransfer#run} until that final loss was known.
 *
 * <p><b>Candidates.</b> Each setup in {@code --setups} is one {@link StyleTransfer#run} with the same images, weights
 * and defaults, at most {@code --max-iterations} iterations per level. The losses compared are the full-size level's,
 * which the engine evaluates with the same objective as the reference's (coarse levels report no losses). For each:
 * <ul>
 *   <li><b>time to target</b>: from calling {@code StyleTransfer.run} until the full-size loss is first at or below
 *       the target, so it includes the coarse levels and every preparation inside {@code run}, as the reference's
 *       time does. Ratio = this time / the reference's time; issue #4's goal is 0.25 or less.</li>
 *   <li><b>where it stops on its own</b>: the same run continues past the target until the setup's tolerance ends it
 *       or the iteration cap does: that iteration, the time then, and the final loss relative to the target. The
 *       computation up to the target is the same whether or not the run goes on, so one run measures both. A setup
 *       without tolerance (0) could only stop at the cap, a time known in advance, so it is stopped at the target
 *       (by throwing from the listener) unless {@code --run-to-cap} is given.</li>
 *   <li><b>noise</b> and <b>evaluations</b>, of a run that ended on its own: {@link #neighbourDifference} of its
 *       result, and the engine's count of objective evaluations, so that two setups (such as one with and one
 *       without {@code +ema}) compare at what they cost.</li>
 * </ul>
 * A second table reads off each run's full-size loss history where larger tolerances ({@link #WHAT_IF_TOLERANCES})
 * would have stopped it: the early-stopping rule only looks at the history, so one run with a small tolerance tells
 * where every larger one stops, for choosing the default without a run per tolerance.
 *
 * <p>The listener sees iterations, not objective evaluations: an L-BFGS iteration may evaluate several times in its
 * line search. The table therefore shows seconds per full-size iteration; divided by the reference's (one evaluation
 * per Adam iteration) it estimates evaluations per iteration. A run that ends on its own also records the engine's
 * exact count over all levels ({@code engine_evaluations} in the JSON). Time is the measure that counts.
 *
 * <p><b>Setup syntax</b>: comma-separated {@code optimizer:scales:tolerance[:learningRate][+ema]}, e.g.
 * {@code lbfgs:1:0,lbfgs:2:1e-3,adam:3:1e-3:5}. {@code optimizer} is {@code adam} or {@code lbfgs}; {@code scales}
 * the coarse-to-fine levels (1: full size only); {@code tolerance} the early-stopping fraction over
 * {@value StyleSettings#TOLERANCE_WINDOW} iterations (0: none). The engine applies it to every level, the full-size
 * one included. Without a learning rate, the engine's default is used. {@code +ema} outputs the iterates'
 * exponential moving average (the setting {@code iterateAveraging}); its last loss is the average's.
 *
 * <p><b>Images.</b> The content (default: the example's {@code harbor.png}, 384x256) is resized to exactly
 * {@code --size} x {@code --size} with the engine's {@link Resampler}, stretching it if its aspect ratio differs, so
 * that "512²" means 512x512 pixels; the style (default: {@code mosaic.png}) is scaled by the engine as always.
 * Weights: {@code --weights FILE.h5}, or random VGG19 weights with seed 42 (the same as {@code benchmark/run.sh}'s
 * file) built in memory.
 *
 * <p><b>Fairness.</b> ND4J is loaded and a two-iteration run at the measured size is done before any timed run, so
 * the first timed run pays no one-off loading. Before each run the driver can wait for other processes to leave the
 * CPUs idle ({@code --quiet-wait}), and each row shows the share of the machine's CPU other processes took during it
 * ({@link CpuShare}). Results: a Markdown table on standard output and one JSON line per run ({@code --out}).
 */
public final class TimeToQuality {
    static final double REFERENCE_LEARNING_RATE = 10;
    private static final long DEFAULT_WEIGHTS_SEED = 42;
    /** Others' CPU share above which a timing is marked as disturbed and the quiet wait keeps waiting. */

    private TimeToQuality() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Options options = Options.parse(args);
        String backend = NativeBackend.ensureLoaded();
        MachineFacts machine = MachineFacts.read(backend);
        VggWeights weights = options.weights == null
                ? RandomVggWeights.create(DEFAULT_WEIGHTS_SEED) : Hdf5WeightsReader.read(options.weights);
        String weightsDescription = options.weights == null
                ? "random VGG19, seed " + DEFAULT_WEIGHTS_SEED + " (in memory)" : options.weights.toString();
        RgbImage contentSource = ImageReader.read(options.content);
        Path content = squareContent(contentSource, options.size);
        String imagesDescription = options.content + " (" + contentSource.width() + "x" + contentSource.height()
                + (contentSource.width() == contentSource.height() ? "" : ", stretched")
                + " to " + options.size + "x" + options.size + "), style " + options.style;
        System.out.println(machine.describe());
        System.out.println("weights:  " + weightsDescription);
        System.out.println("images:   " + imagesDescription);

        Map<String, Object> common = new LinkedHashMap<>();
        common.put("size", options.size);
        common.put("images", imagesDescription);
        common.put("weights", weightsDescription);
        common.put("backend", backend);
        common.put("cpu", machine.cpuModel());
        common.put("cores", machine.cores());
        Bench bench = new Bench(content, options.style, weights, options.quietWaitSeconds);
        System.out.println("warm-up: 2 Adam iterations at " + options.size + "² (untimed) ...");
        bench.warmUp(options.size);

        StyleSettings referenceSettings = StyleSettings.builder().size(options.size)
                .optimizer(StyleSettings.Optimizer.ADAM).learningRate(REFERENCE_LEARNING_RATE)
                .scales(1).tolerance(0).iterations(options.referenceIterations).build();
        System.out.println("reference: adam, 1 scale, " + options.referenceIterations + " iterations ...");
        RunRecord reference = bench.run(referenceSettings, Double.NEGATIVE_INFINITY);
        double target = reference.last().total();
        double referenceSeconds = reference.lastSeconds();
        System.out.println("  " + reference.summary(target));
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(reference.toJson("reference", "adam:1:0:" + fmt(REFERENCE_LEARNING_RATE), referenceSettings,
                target, referenceSeconds));
        append(options.out, common, rows.get(0));

        for (Setup setup : options.setups) {
            StyleSettings settings = setup.settings(options.size, options.maxIterations);
            boolean stopAtTarget = settings.tolerance() == 0 && !options.runToCap;
            System.out.println("candidate " + setup.label() + (stopAtTarget ? " (stops at the target)" : "") + " ...");
            RunRecord candidate = bench.run(settings, stopAtTarget ? target : Double.NEGATIVE_INFINITY);
            System.out.println("  " + candidate.summary(target));
            rows.add(candidate.toJson("candidate", setup.label(), settings, target, referenceSeconds));
            append(options.out, common, rows.get(rows.size() - 1));
        }

        System.out.println();
        System.out.println(machine.describe());
        System.out.println("weights:  " + weightsDescription);
        System.out.println("images:   " + imagesDescription);
        System.out.println();
        System.out.print(table(rows, options));
    }

    /** Appends one run's JSON line as soon as it is measured, so a long measurement cut short keeps what it has. */
    private static void append(Path out, Map<String, Object> common, Map<String, Object> row) throws IOException {
        if (out == null) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>(row);
        line.putAll(common);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, Json.line(line) + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** The content resized to exactly size x size, as a PNG file that StyleTransfer can read (deleted on exit). */
    static Path squareContent(RgbImage source, int size) throws IOException {
        RgbImage square = Resampler.resize(source, size, size);
        Path file = Files.createTempFile("time-to-quality-content-" + size + "-", ".png");
        file.toFile().deleteOnExit();
        Files.write(file, ImageWriter.encode(square, StyleSettings.Format.PNG, StyleSettings.defaults().jpegQuality()));
        return file;
    }

    /** Runs stylizations on fixed images and weights, timing them against the listener's view of the losses. */
    private record Bench(Path content, Path style, VggWeights weights, int quietWaitSeconds) {

        void warmUp(int size) {
            StyleTransfer.run(request(StyleSettings.builder().size(size).iterations(2).build(), ProgressListener.NONE));
        }

        /**
         * One run of {@code settings}. It ends as soon as the full-size loss is at or
         * below {@code stopTarget} (negative infinity: never), else when the engine stops it.
         */
        RunRecord run(StyleSettings settings, double stopTarget) throws InterruptedException {
            // Arrays of an earlier run stopped by an exception are freed only when collected.
            System.gc();
            double waited = CpuShare.awaitQuiet(quietWaitSeconds);
            RunWatch watch = new RunWatch(stopTarget);
            CpuShare.Sample cpuBefore = CpuShare.sample();
            watch.begin();
            StyleTransferResult result = null;
            try {
                result = StyleTransfer.run(request(settings, watch));
            } catch (TargetReached stopped) {
                // The run did what was asked of it; everything it measured is in the watch.
            }
            long endNanos = System.nanoTime();
            return new RunRecord(watch, result, endNanos, CpuShare.othersSince(cpuBefore), waited,
                    settings.iterations());
        }

        private StyleTransferRequest request(StyleSettings settings, ProgressListener listener) {
            return StyleTransferRequest.builder().content(content).style(style).weights(weights)
                    .settings(settings).listener(listener).build();
        }
    }

    /** Thrown from the listener to end a run at the target; the engine does not catch it. */
    private static final class TargetReached extends RuntimeException {
        TargetReached() {
            super("target loss reached", null, false, false);
        }
    }

    /**
     * Watches one run through the listener: when the full-size level started (only its losses reach the listener,
     * but every level's start does), and each full-size loss with the time it was known.
     */
    private static final class RunWatch implements ProgressListener {
        final double stopTarget;
        long startNanos;
        int levels;
        long latestLevelStartNanos;
        long fullSizeStartNanos = -1;
        final List<IterationLoss> losses = new ArrayList<>();
        final List<Long> lossNanos = new ArrayList<>();
        boolean stoppedAtTarget;

        /** {@code stopTarget}: end the run once the loss is at or below it; negative infinity never does. */
        RunWatch(double stopTarget) {
            this.stopTarget = stopTarget;
        }

        void begin() {
            startNanos = System.nanoTime();
        }

        @Override
        public void started(int width, int height, int iterations, String backend) {
            levels++;
            latestLevelStartNanos = System.nanoTime();
        }

        @Override
        public void iteration(IterationLoss loss) {
            long now = System.nanoTime();
            if (fullSizeStartNanos < 0) {
                fullSizeStartNanos = latestLevelStartNanos;
            }
            losses.add(loss);
            lossNanos.add(now);
            if (loss.total() <= stopTarget) {
                stoppedAtTarget = true;
                throw new TargetReached();
            }
        }

        /** Index into {@link #losses} of the first loss at or below {@code target}; -1 if none. */
        int firstAtOrBelow(double target) {
            for (int i = 0; i < losses.size(); i++) {
                if (losses.get(i).total() <= target) {
                    return i;
                }
            }
            return -1;
        }

        IterationLoss last() {
            return losses.get(losses.size() - 1);
        }

        long lastNanos() {
            return lossNanos.get(lossNanos.size() - 1);
        }
    }

    /** What one run measured, in seconds from the call of {@code StyleTransfer.run}. */
    private record RunRecord(RunWatch watch, StyleTransferResult result, long endNanos, double othersCpu,
                             double quietWaitSeconds, int iterationCap) {
        IterationLoss last() {
            return watch.last();
        }

        double seconds(long nanos) {
            return (nanos - watch.startNanos) / 1e9;
        }

        double lastSeconds() {
            return seconds(watch.lastNanos());
        }

        /** Seconds per full-size iteration after the first evaluation; NaN if no update ran. */
        double fullSizeSecondsPerIteration() {
            int updates = watch.last().iteration() - watch.losses.get(0).iteration();
            return updates == 0 ? Double.NaN : (watch.lastNanos() - watch.lossNanos.get(0)) / 1e9 / updates;
        }

        /** Why the run ended: the target (stopped by this driver), the tolerance, or the iteration cap. */
        String stoppedBy() {
            if (watch.stoppedAtTarget) {
                return "target";
            }
            return last().iteration() < iterationCap ? "tolerance" : "cap";
        }

        String summary(double target) {
            int reached = watch.firstAtOrBelow(target);
            String reachedText = reached < 0 ? "did not reach the target"
                    : String.format(Locale.ROOT, "reached the target at full-size iteration %d after %.1f s",
                    watch.losses.get(reached).iteration(), seconds(watch.lossNanos.get(reached)));
            return reachedText + String.format(Locale.ROOT, "; ended (%s) at iteration %d after %.1f s, loss %.6g",
                    stoppedBy(), last().iteration(), lastSeconds(), last().total());
        }

        Map<String, Object> toJson(String kind, String label, StyleSettings settings, double target,
                                   double referenceSeconds) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", kind);
            row.put("setup", label);
            row.put("optimizer", settings.optimizer().name().toLowerCase(Locale.ROOT));
            row.put("scales", settings.scales());
            row.put("levels_run", watch.levels);
            row.put("tolerance", settings.tolerance());
            row.put("learning_rate", settings.learningRate());
            row.put("iteration_cap", iterationCap);
            row.put("target", target);
            int reached = watch.firstAtOrBelow(target);
            row.put("reached_target", reached >= 0);
            if (reached >= 0) {
                double seconds = seconds(watch.lossNanos.get(reached));
                row.put("target_iteration", watch.losses.get(reached).iteration());
                row.put("time_to_target_s", seconds);
                row.put("ratio_to_reference", seconds / referenceSeconds);
            }
            row.put("full_size_level_started_s", seconds(watch.fullSizeStartNanos));
            row.put("full_size_s_per_iteration", fullSizeSecondsPerIteration());
            row.put("stopped_by", stoppedBy());
            row.put("last_iteration", last().iteration());
            row.put("last_iteration_s", lastSeconds());
            row.put("last_loss", last().total());
            row.put("last_loss_over_target", last().total() / target);
            row.put("run_wall_s", seconds(endNanos));
            if (result != null) {
                row.put("engine_prepare_s", result.timings().prepareMillis() / 1000.0);
                row.put("engine_optimize_s", result.timings().optimizeMillis() / 1000.0);
                row.put("engine_evaluations", result.timings().evaluations());
                row.put("final_image_neighbour_difference", neighbourDifference(result.image()));
            }
            row.put("others_cpu", othersCpu);
            row.put("quiet_wait_s", quietWaitSeconds);
            row.put("load_avg", EngineBenchmark.ProcStatus.loadAverage());
            List<Object> history = new ArrayList<>();
            for (int i = 0; i < watch.losses.size(); i++) {
                history.add(List.of(watch.losses.get(i).iteration(), seconds(watch.lossNanos.get(i)),
                        watch.losses.get(i).total()));
            }
            row.put("full_size_history", history);
            row.put("larger_tolerance_stops", largerToleranceStops(settings.tolerance(), target));
            return row;
        }

        /**
         * For each of {@link #WHAT_IF_TOLERANCES} above the run's own: where the engine's early-stopping rule would
         * have ended the full-size level, read off this run's loss history (the rule only reads the history, so a
         * larger tolerance stops the same trajectory earlier). No iteration where the rule does not fire within the
         * recorded history.
         */
        List<Object> largerToleranceStops(double ownTolerance, double target) {
            List<Object> stops = new ArrayList<>();
            for (double tolerance : WHAT_IF_TOLERANCES) {
                if (tolerance <= ownTolerance) {
                    continue;
                }
                Map<String, Object> stop = new LinkedHashMap<>();
                stop.put("tolerance", tolerance);
                int index = firstConverged(watch.losses, tolerance);
                if (index >= 0) {
                    stop.put("iteration", watch.losses.get(index).iteration());
                    stop.put("time_s", seconds(watch.lossNanos.get(index)));
                    stop.put("loss_over_target", watch.losses.get(index).total() / target);
                }
                stops.add(stop);
            }
            return stops;
        }
    }

    /**
     * The noise of an image: the mean absolute difference between horizontally and vertically adjacent pixels, over
     * the three channels, in levels (0..255). Edges of the picture count too, so only images of the same content,
     * style and size compare: a run whose result keeps more pixel-to-pixel jitter scores higher.
     */
    static double neighbourDifference(RgbImage image) {
        float[] rgb = image.rgb();
        int w = image.width();
        int h = image.height();
        double sum = 0;
        long pairs = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = 3 * (y * w + x);
                for (int c = 0; c < 3; c++) {
                    if (x + 1 < w) {
                        sum += Math.abs(rgb[p + 3 + c] - rgb[p + c]);
                        pairs++;
                    }
                    if (y + 1 < h) {
                        sum += Math.abs(rgb[p + 3 * w + c] - rgb[p + c]);
                        pairs++;
                    }
                }
            }
        }
        return pairs == 0 ? 0 : sum / pairs;
    }

    /** Tolerances whose stopping points the second table reads off each run's history. */
    static final double[] WHAT_IF_TOLERANCES = {3e-2, 1e-2, 3e-3, 1e-3, 3e-4};

    /**
     * Index of the first loss after which the engine's rule (StyleTransfer.converged, repeated here because it is
     * package-private) stops: the loss fell by less than {@code tolerance} of its value
     * {@value StyleSettings#TOLERANCE_WINDOW} iterations earlier. -1 if it never does in {@code losses}.
     */
    static int firstConverged(List<IterationLoss> losses, double tolerance) {
        int window = StyleSettings.TOLERANCE_WINDOW;
        for (int i = window; i < losses.size(); i++) {
            double before = losses.get(i - window).total();
            if (before - losses.get(i).total() < tolerance * Math.abs(before)) {
                return i;
            }
        }
        return -1;
    }

    /** The Markdown table of all runs, the reference first. */
    static String table(List<Map<String, Object>> rows, Options options) {
        StringBuilder s = new StringBuilder();
        Map<String, Object> reference = rows.get(0);
        double referencePerIteration = (double) reference.get("full_size_s_per_iteration");
        s.append(String.format(Locale.ROOT, "Target: %.6g, the total loss of Adam, 1 scale, %d iterations, at %d².%n",
                (double) reference.get("target"), options.referenceIterations, options.size));
        s.append("| setup | reached target at (full-size iteration) | time to target s | ratio vs reference | "
                + "stops on its own at iteration | its time s | its final loss / target | noise | evaluations | "
                + "full-size s/iter | others' CPU |\n");
        s.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> row : rows) {
            boolean isReference = "reference".equals(row.get("kind"));
            boolean reached = (boolean) row.get("reached_target");
            String stop = switch ((String) row.get("stopped_by")) {
                case "target" -> "- (no tolerance; stopped at target)";
                case "cap" -> row.get("last_iteration") + " (cap)";
                default -> row.get("last_iteration") + " (tolerance)";
            };
            boolean ranOn = !"target".equals(row.get("stopped_by"));
            s.append("| ").append(row.get("setup")).append(isReference ? " (reference)" : "")
                    .append(" | ").append(reached ? row.get("target_iteration").toString() : "not reached")
                    .append(" | ").append(reached ? fmt1((double) row.get("time_to_target_s")) : "-")
                    .append(" | ").append(reached ? fmt2((double) row.get("ratio_to_reference")) : "-")
                    .append(" | ").append(stop)
                    .append(" | ").append(ranOn ? fmt1((double) row.get("last_iteration_s")) : "-")
                    .append(" | ").append(ranOn ? String.format(Locale.ROOT, "%.4f",
                            (double) row.get("last_loss_over_target")) : "-")
                    .append(" | ").append(row.containsKey("final_image_neighbour_difference")
                            ? fmt2((double) row.get("final_image_neighbour_difference")) : "-")
                    .append(" | ").append(row.containsKey("engine_evaluations")
                            ? row.get("engine_evaluations").toString() : "-")
                    .append(" | ").append(fmt3((double) row.get("full_size_s_per_iteration")))
                    .append(" | ").append(percent((double) row.get("others_cpu")))
                    .append(" |\n");
        }
        s.append("\nTimes from calling StyleTransfer.run, coarse levels and preparation included. Ratio: time to "
                + "target / the reference's time to its last iteration (goal: 0.25 or less); the reference's own "
                + "ratio is below 1 only if Adam's loss already touched its final value earlier.\n");
        s.append(String.format(Locale.ROOT, "full-size s/iter divided by the reference's (%.3f) estimates objective "
                + "evaluations per iteration. Candidates run at most %d iterations per level.%n",
                referencePerIteration, options.maxIterations));
        s.append("noise: the result's mean absolute difference between adjacent pixels, in levels (0..255); "
                + "evaluations: the engine's objective evaluations over all levels (- for a run stopped at the "
                + "target, which returns no result).\n");
        s.append("others' CPU: share of the machine's CPU time other processes used during the run; above "
                + percent(CpuShare.QUIET_THRESHOLD) + " the times are disturbed.\n");
        s.append("\nWhere a larger tolerance on the full-size level would have stopped each run (read off its loss "
                + "history: full-size iteration, time s, loss / target):\n");
        s.append("| setup |");
        for (double tolerance : WHAT_IF_TOLERANCES) {
            s.append(' ').append(BigDecimal.valueOf(tolerance).stripTrailingZeros().toPlainString()).append(" |");
        }
        s.append("\n|---|").append("---|".repeat(WHAT_IF_TOLERANCES.length)).append('\n');
        for (Map<String, Object> row : rows) {
            s.append("| ").append(row.get("setup")).append(" |");
            for (double tolerance : WHAT_IF_TOLERANCES) {
                s.append(' ').append(whatIfCell(row, tolerance)).append(" |");
            }
            s.append('\n');
        }
        s.append("own: the run's own tolerance, or below it. -: the rule did not fire before the run ended (at the cap, "
                + "or at the target for setups stopped there). With several scales, the coarse levels ran with the "
                + "setup's own tolerance; the engine uses one tolerance for all levels.\n");
        return s.toString();
    }

    @SuppressWarnings("unchecked")
    private static String whatIfCell(Map<String, Object> row, double tolerance) {
        for (Object item : (List<Object>) row.get("larger_tolerance_stops")) {
            Map<String, Object> stop = (Map<String, Object>) item;
            if ((double) stop.get("tolerance") == tolerance) {
                return stop.containsKey("iteration") ? String.format(Locale.ROOT, "%d, %.1f s, %.3f",
                        (int) stop.get("iteration"), (double) stop.get("time_s"),
                        (double) stop.get("loss_over_target")) : "-";
            }
        }
        return "own";
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String fmt1(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String fmt3(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String fmt2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "?" : String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    /** One candidate, parsed from {@code optimizer:scales:tolerance[:learningRate][+ema]}. */
    record Setup(String label, StyleSettings.Optimizer optimizer, int scales, double tolerance, Double learningRate,
                 boolean averaging) {
        static Setup parse(String text) {
            boolean averaging = text.trim().endsWith("+ema");
            String[] parts = text.trim().replaceFirst("\\+ema$", "").split(":");
            if (parts.length < 3 || parts.length > 4) {
                throw new IllegalArgumentException("Setup '" + text
                        + "' is not optimizer:scales:tolerance[:learningRate], e.g. lbfgs:2:1e-3");
            }
            StyleSettings.Optimizer optimizer;
            try {
                optimizer = StyleSettings.Optimizer.valueOf(parts[0].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Setup '" + text + "': optimizer must be adam or lbfgs");
            }
            Double learningRate = parts.length == 4 ? Double.valueOf(parts[3]) : null;
            Setup setup = new Setup(text.trim(), optimizer, Integer.parseInt(parts[1]), Double.parseDouble(parts[2]),
                    learningRate, averaging);
            setup.settings(512, 300); // rejects invalid values now, not after the reference run
            return setup;
        }

        StyleSettings settings(int size, int maxIterations) {
            StyleSettings.Builder builder = StyleSettings.builder().size(size).iterations(maxIterations)
                    .optimizer(optimizer).scales(scales).tolerance(tolerance).iterateAveraging(averaging);
            if (learningRate != null) {
                builder.learningRate(learningRate);
            }
            return builder.build();
        }
    }

    /** CPU model, cores and the backend the engine reports, for the table's heading. */
    record MachineFacts(String cpuModel, int cores, String backend) {
        static MachineFacts read(String backend) {
            String model = "unknown";
            try {
                for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                    if (line.startsWith("model name")) {
                        model = line.substring(line.indexOf(':') + 1).trim();
                        break;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Not Linux: the model stays unknown; the rest of the facts still hold.
            }
            return new MachineFacts(model, Runtime.getRuntime().availableProcessors(), backend);
        }

        String describe() {
            return "machine:  " + cores + " cores, " + cpuModel + "\nbackend:  " + backend + "\njava:     "
                    + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                    + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB"
                    + "\nload:     " + EngineBenchmark.ProcStatus.loadAverage();
        }
    }

    /** Command line: see {@link #usage()}. */
    static final class Options {
        /** The engine's default (L-BFGS, tolerance 0.01) first, then the alternatives measured against it. */
        static final String DEFAULT_SETUPS = "lbfgs:1:1e-2,lbfgs:2:1e-2,lbfgs:3:1e-2,adam:3:1e-2";
        int size = 512;
        Path content = Path.of("examples/quickstart/src/main/stylize/content/harbor.png");
        Path style = Path.of("examples/quickstart/src/main/stylize/styles/mosaic.png");
        Path weights;
        int referenceIterations = 300;
        int maxIterations = 100; // the engine's default iterations
        List<Setup> setups = parseSetups(DEFAULT_SETUPS);
        boolean runToCap;
        int quietWaitSeconds;
        Path out;

        static Options parse(String[] args) {
            Options o = new Options();
            Arguments.parse(args, Set.of("--run-to-cap"), usage(), (name, value) -> {
                switch (name) {
                    case "--run-to-cap" -> o.runToCap = true;
                    case "--size" -> o.size = Integer.parseInt(value);
                    case "--content" -> o.content = Path.of(value);
                    case "--style" -> o.style = Path.of(value);
                    case "--weights" -> o.weights = Path.of(value);
                    case "--reference-iterations" -> o.referenceIterations = Integer.parseInt(value);
                    case "--max-iterations" -> o.maxIterations = Integer.parseInt(value);
                    case "--setups" -> o.setups = parseSetups(value);
                    case "--quiet-wait" -> o.quietWaitSeconds = Integer.parseInt(value);
                    case "--out" -> o.out = Path.of(value);
                    default -> throw Arguments.unknown(name, usage());
                }
            });
            if (o.referenceIterations < 1 || o.maxIterations < 1) {
                throw new IllegalArgumentException("--reference-iterations and --max-iterations must be >= 1");
            }
            return o;
        }

        static List<Setup> parseSetups(String list) {
            List<Setup> setups = new ArrayList<>();
            for (String item : list.split(",")) {
                if (!item.isBlank()) {
                    setups.add(Setup.parse(item));
                }
            }
            if (setups.isEmpty()) {
                throw new IllegalArgumentException("--setups names no setup");
            }
            return setups;
        }

        static String usage() {
            return String.join("\n",
                    "TimeToQuality [--size 512] [--reference-iterations 300] [--max-iterations 100]",
                    "              [--setups " + DEFAULT_SETUPS + "]",
                    "              [--weights FILE.h5] [--content PNG] [--style PNG] [--run-to-cap]",
                    "              [--quiet-wait SECONDS] [--out results.jsonl]",
                    "  setup: optimizer:scales:tolerance[:learningRate][+ema], optimizer adam or lbfgs, tolerance 0 = none,"
                    + " +ema: output the iterates' moving average",
                    "  --max-iterations: iteration cap of each candidate level",
                    "  --run-to-cap: run setups without tolerance to the cap instead of stopping them at the target",
                    "  --quiet-wait: before each run, wait up to this long for other processes to leave the CPUs idle",
                    "  default weights: random VGG19, seed 42, in memory; the content is resized to size x size");
        }
    }
}
