package io.github.stylize.benchmark;

import io.github.stylize.maven.json.Json;
import io.github.stylize.engine.StyleSettings;
import io.github.stylize.engine.network.NativeBackend;
import io.github.stylize.engine.network.VggNetwork;
import io.github.stylize.engine.objective.ContentLoss;
import io.github.stylize.engine.objective.Evaluation;
import io.github.stylize.engine.objective.StyleLoss;
import io.github.stylize.engine.objective.StyleObjective;
import io.github.stylize.engine.optim.Adam;
import io.github.stylize.engine.weights.Hdf5WeightsReader;
import io.github.stylize.engine.weights.Hdf5WeightsWriter;
import io.github.stylize.engine.weights.NameStyle;
import io.github.stylize.engine.weights.RandomVggWeights;
import io.github.stylize.engine.weights.VggWeights;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seconds per iteration, achieved GFLOP/s and peak resident memory of the engine's Gatys objective with Adam, one JSON
 * line per image size. {@code benchmark/pytorch/gatys_benchmark.py} measures the identical objective in PyTorch and
 * writes the same fields; {@code benchmark/run.sh} runs both and prints the comparison table.
 *
 * <p>One iteration is what {@code StyleTransfer} does per iteration: {@code Adam.step}, i.e. the update of the image
 * and one evaluation of loss and gradient (a forward and a backward pass through VGG19 up to conv5_1). The FLOP count is
 * {@link FlopCount}'s. Memory is the process's peak resident set (VmHWM): ND4J keeps its arrays off the Java heap, so
 * heap figures would miss most of it.
 *
 * <p>Besides the timed loop, {@code --phases} times the parts of one evaluation (forward, loss terms, backward) by
 * calling the same public engine classes {@code StyleObjective} calls, and {@code --layers} times each layer's forward
 * convolution and input-gradient convolution alone, issued with the same ND4J op and arguments the engine uses.
 */
public final class EngineBenchmark {
    private static final String CONTENT_LAYER = "conv4_2";
    /** conv4_2's positions at the objective's reference size, as StyleObjective scales the content loss. */
    private static final long CONTENT_REFERENCE_POSITIONS =
            (long) (StyleObjective.REFERENCE_SIDE / 8) * (StyleObjective.REFERENCE_SIDE / 8);
    private static final long INPUT_SEED = 20240601L;

    private EngineBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        if (options.writeWeights != null) {
            Hdf5WeightsWriter.write(RandomVggWeights.create(options.seed), options.writeWeights, NameStyle.KERAS_1);
            System.out.println("wrote random VGG19 weights (seed " + options.seed + ") to " + options.writeWeights);
            return;
        }
        String backend = NativeBackend.ensureLoaded();
        System.out.println("engine backend: " + backend);
        VggWeights weights = Hdf5WeightsReader.read(options.weights);
        StyleSettings settings = StyleSettings.builder().contentLayer(CONTENT_LAYER)
                .styleLayers(StyleSettings.DEFAULT_STYLE_LAYERS).contentWeight(1).styleWeight(1000).tvWeight(0)
                .learningRate(10).adamBeta1(0.9).adamBeta2(0.999).pooling(StyleSettings.Pooling.AVG).build();
        VggNetwork network = new VggNetwork(weights, settings.deepestLayer(), settings.pooling(), DataType.FLOAT);

        if (options.equivalenceDir != null) {
            equivalence(network, settings, options.equivalenceDir);
            return;
        }
        for (int size : options.sizes) {
            Map<String, Object> result = benchmark(network, weights, settings, size, size, options);
            result.put("backend", backend);
            String line = Json.line(result);
            System.out.println(line);
            if (options.out != null) {
                Files.writeString(options.out, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
    }

    private static Map<String, Object> benchmark(VggNetwork network, VggWeights weights, StyleSettings settings,
                                                 int height, int width, Options options) {
        Nd4j.getRandom().setSeed(INPUT_SEED + height);
        INDArray content = randomInput(height, width);
        INDArray style = randomInput(height, width);
        INDArray image = randomInput(height, width);
        StyleObjective objective = new StyleObjective(network, settings, content,
                StyleObjective.styleGrams(network, style, settings.styleLayers()));
        Adam adam = new Adam(settings.learningRate(), settings.adamBeta1(), settings.adamBeta2());

        // The loop of StyleTransfer.run: evaluation 0, then one Adam step (update + evaluation) per iteration.
        Evaluation current = objective.evaluate(image, true);
        for (int i = 0; i < options.warmup; i++) {
            current = adam.step(image, current, objective);
        }
        double[] seconds = new double[options.iterations];
        CpuShare.Sample before = CpuShare.sample();
        for (int i = 0; i < options.iterations; i++) {
            long start = System.nanoTime();
            current = adam.step(image, current, objective);
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        double othersCpu = CpuShare.othersSince(before);
        // Peak memory of the iterations themselves, read before the optional profiles below allocate their own arrays.
        double peakRssMb = ProcStatus.kib("VmHWM") / 1024.0;
        double rssMb = ProcStatus.kib("VmRSS") / 1024.0;
        if (!current.isFinite()) {
            throw new IllegalStateException("Loss is not finite after the timed iterations: " + current);
        }

        FlopCount flops = FlopCount.of(convLayers(network, weights), height, width, settings.styleLayers());
        double median = Stats.median(seconds);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("impl", "engine");
        result.put("height", height);
        result.put("width", width);
        result.put("warmup", options.warmup);
        result.put("iterations", options.iterations);
        result.put("median_s", median);
        result.put("min_s", Stats.min(seconds));
        result.put("max_s", Stats.max(seconds));
        result.put("seconds", seconds);
        result.put("gflop_per_iter", flops.total() / 1e9);
        result.put("gflops", flops.total() / 1e9 / median);
        result.put("others_cpu", othersCpu);
        result.put("final_loss", current.total());
        if (options.phases > 0) {
            result.put("phases", phases(network, settings, objective, image, content, style, options.phases));
        }
        if (options.ops > 0) {
            result.put("ops", OpProfile.run(FlopCount.of(convLayers(network, weights), height, width, List.of()).convs(),
                    settings.styleLayers(), options.ops));
        }
        if (options.layers > 0) {
            result.put("layers", layerProfile(network, weights, height, width, options.layers));
        }
        result.put("peak_rss_mb", peakRssMb);
        result.put("rss_mb", rssMb);
        result.put("java_max_heap_mb", Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0));
        result.put("load_avg", ProcStatus.loadAverage());
        return result;
    }

    /**
     * Medians of the parts of one evaluation, timed by repeating what {@code StyleObjective.evaluate} does with the same
     * public engine classes: the forward pass (into activations reused across passes), the loss values (content: F - P;
     * style: one Gram-size matrix product per layer), and the backward pass, which includes writing each loss term's
     * gradient (style: one more matrix product per layer) into the layer's gradient buffer.
     */
    private static Map<String, Object> phases(VggNetwork network, StyleSettings settings, StyleObjective objective,
                                              INDArray image, INDArray content, INDArray style, int repeats) {
        INDArray contentTarget;
        try (VggNetwork.Activations contentActivations = network.forward(content)) {
            contentTarget = contentActivations.get(CONTENT_LAYER).dup();
        }
        Map<String, INDArray> grams = StyleObjective.styleGrams(network, style, settings.styleLayers());
        double[] forward = new double[repeats];
        double[] losses = new double[repeats];
        double[] backward = new double[repeats];
        double[] evaluate = new double[repeats];
        try (VggNetwork.Activations activations = network.activations(image.size(1), image.size(2))) {
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                network.forward(image, activations);
                long t1 = System.nanoTime();
                ContentLoss.Evaluated contentTerm = ContentLoss.evaluate(activations.get(CONTENT_LAYER), contentTarget, CONTENT_REFERENCE_POSITIONS);
                Map<String, StyleLoss.Evaluated> styleTerms = new HashMap<>();
                Map<String, Double> styleWeights = new HashMap<>();
                for (int i = 0; i < settings.styleLayers().size(); i++) {
                    String layer = settings.styleLayers().get(i);
                    styleTerms.put(layer, StyleLoss.evaluate(activations.get(layer), grams.get(layer)));
                    styleWeights.put(layer, settings.styleWeight() * settings.styleLayerWeights().get(i));
                }
                long t2 = System.nanoTime();
                INDArray gradient = network.backward(activations, (layer, target, accumulate) -> {
                    boolean wrote = false;
                    if (styleTerms.containsKey(layer)) {
                        styleTerms.get(layer).writeGradient(target, styleWeights.get(layer), accumulate);
                        wrote = true;
                    }
                    if (layer.equals(CONTENT_LAYER)) {
                        contentTerm.writeGradient(target, settings.contentWeight(), accumulate || wrote);
                        wrote = true;
                    }
                    return wrote;
                });
                long t3 = System.nanoTime();
                gradient.close();
                contentTerm.close();
                styleTerms.values().forEach(StyleLoss.Evaluated::close);
                long t4 = System.nanoTime();
                Evaluation evaluation = objective.evaluate(image, true);
                long t5 = System.nanoTime();
                evaluation.gradient().close();
                forward[r] = (t1 - t0) / 1e9;
                losses[r] = (t2 - t1) / 1e9;
                backward[r] = (t3 - t2) / 1e9;
                evaluate[r] = (t5 - t4) / 1e9;
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("repeats", repeats);
        result.put("forward_s", Stats.median(forward));
        result.put("losses_s", Stats.median(losses));
        result.put("backward_s", Stats.median(backward));
        result.put("evaluate_s", Stats.median(evaluate));
        return result;
    }

    /**
     * Each layer's two convolutions alone, as the engine issues them: the forward conv2d (NHWC input, YXIO kernel,
     * bias) and the input-gradient conv2d (flipped, in/out-swapped kernel, no bias). Median of {@code repeats} after one
     * untimed call. Random kernels: timing does not depend on their values.
     */
    private static List<Object> layerProfile(VggNetwork network, VggWeights weights, int height, int width,
                                             int repeats) {
        List<Object> rows = new ArrayList<>();
        for (FlopCount.Conv conv : FlopCount.of(convLayers(network, weights), height, width, List.of()).convs()) {
            INDArray input = Nd4j.rand(DataType.FLOAT, 1, conv.height(), conv.width(), conv.in());
            INDArray kernel = Nd4j.rand(DataType.FLOAT, 3, 3, conv.in(), conv.out());
            INDArray bias = Nd4j.rand(DataType.FLOAT, conv.out());
            INDArray output = Nd4j.create(DataType.FLOAT, 1, conv.height(), conv.width(), conv.out());
            INDArray flipped = Nd4j.rand(DataType.FLOAT, 3, 3, conv.out(), conv.in());
            double forward = OpProfile.Timing.median(repeats, () -> Nd4j.exec(conv2d(input, kernel, bias, output)));
            double inputGradient = OpProfile.Timing.median(repeats,
                    () -> Nd4j.exec(conv2d(output, flipped, null, input)));
            double gflop = conv.flops() / 1e9;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("layer", conv.name());
            row.put("shape", conv.height() + "x" + conv.width() + "x" + conv.in() + "->" + conv.out());
            row.put("gflop", gflop);
            row.put("forward_s", forward);
            row.put("input_grad_s", inputGradient);
            row.put("forward_gflops", gflop / forward);
            row.put("input_grad_gflops", gflop / inputGradient);
            rows.add(row);
            for (INDArray a : List.of(input, kernel, bias, output, flipped)) {
                a.close();
            }
        }
        return rows;
    }

    /** The weights' convolutions that {@code network} computes, in order. */
    private static List<VggWeights.ConvLayer> convLayers(VggNetwork network, VggWeights weights) {
        return network.layerNames().stream().map(weights::layer).toList();
    }

    /** The engine's convolution call (VggNetwork.conv): 3x3, stride 1, same padding, NHWC, YXIO. */
    private static DynamicCustomOp conv2d(INDArray input, INDArray kernel, INDArray bias, INDArray output) {
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("conv2d");
        if (bias == null) {
            op.addInputs(input, kernel);
        } else {
            op.addInputs(input, kernel, bias);
        }
        return op.addOutputs(output).addIntegerArguments(3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 0).build();
    }

    /**
     * The "same objective" check: on a 48x64 (height x width) input, writes the content, style and initial image
     * tensors and the engine's loss terms at iteration 0 and after three Adam steps to {@code dir}; the PyTorch script
     * recomputes them from the same files and the same weights and compares.
     */
    private static void equivalence(VggNetwork network, StyleSettings settings, Path dir) throws IOException {
        int height = 48;
        int width = 64;
        Files.createDirectories(dir);
        Nd4j.getRandom().setSeed(INPUT_SEED);
        INDArray content = randomInput(height, width);
        INDArray style = randomInput(height, width);
        INDArray image = randomInput(height, width);
        writeFloats(dir.resolve("content.f32"), content);
        writeFloats(dir.resolve("style.f32"), style);
        writeFloats(dir.resolve("image.f32"), image);
        StyleObjective objective = new StyleObjective(network, settings, content,
                StyleObjective.styleGrams(network, style, settings.styleLayers()));
        Adam adam = new Adam(settings.learningRate(), settings.adamBeta1(), settings.adamBeta2());
        List<Object> losses = new ArrayList<>();
        Evaluation current = objective.evaluate(image, true);
        losses.add(lossEntry(0, current));
        for (int i = 1; i <= 3; i++) {
            current = adam.step(image, current, objective);
            losses.add(lossEntry(i, current));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("height", height);
        result.put("width", width);
        result.put("layout", "NHWC float32 little-endian, preprocessed BGR");
        result.put("losses", losses);
        Files.writeString(dir.resolve("engine.json"), Json.line(result) + "\n");
        System.out.println("engine losses on " + height + "x" + width + ": " + Json.line(losses));
    }

    private static Map<String, Object> lossEntry(int iteration, Evaluation evaluation) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("iteration", iteration);
        entry.put("content", evaluation.content());
        entry.put("style", evaluation.style());
        entry.put("total", evaluation.total());
        return entry;
    }

    /** A preprocessed-looking input: uniform values in [-120, 130). */
    private static INDArray randomInput(int height, int width) {
        return Nd4j.rand(DataType.FLOAT, 1, height, width, 3).muli(250).subi(120);
    }

    private static void writeFloats(Path file, INDArray array) throws IOException {
        float[] values = array.dup('c').data().asFloat();
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        Files.write(file, buffer.array());
    }

    /** Peak and current resident memory and the load average, from /proc. */
    static final class ProcStatus {
        private ProcStatus() {
        }

        static long kib(String field) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith(field + ":")) {
                        return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                    }
                }
                return -1;
            } catch (IOException e) {
                return -1;
            }
        }

        static String loadAverage() {
            try {
                String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
                return parts[0] + " " + parts[1] + " " + parts[2];
            } catch (IOException e) {
                return "unknown";
            }
        }
    }

    static final class Stats {
        private Stats() {
        }

        static double median(double[] values) {
            double[] sorted = values.clone();
            java.util.Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }

        static double min(double[] values) {
            return java.util.Arrays.stream(values).min().orElse(Double.NaN);
        }

        static double max(double[] values) {
            return java.util.Arrays.stream(values).max().orElse(Double.NaN);
        }
    }

    /** Command line: see {@link #usage()}. */
    static final class Options {
        List<Integer> sizes = List.of(128, 256, 512);
        int warmup = 2;
        int iterations = 5;
        int phases = 0;
        int layers = 0;
        int ops = 0;
        long seed = 42;
        Path weights;
        Path out;
        Path writeWeights;
        Path equivalenceDir;

        static Options parse(String[] args) {
            Options o = new Options();
            Arguments.parse(args, Set.of(), usage(), (name, value) -> {
                switch (name) {
                    case "--sizes" -> o.sizes = java.util.Arrays.stream(value.split(",")).map(Integer::parseInt).toList();
                    case "--warmup" -> o.warmup = Integer.parseInt(value);
                    case "--iterations" -> o.iterations = Integer.parseInt(value);
                    case "--phases" -> o.phases = Integer.parseInt(value);
                    case "--layers" -> o.layers = Integer.parseInt(value);
                    case "--ops" -> o.ops = Integer.parseInt(value);
                    case "--seed" -> o.seed = Long.parseLong(value);
                    case "--weights" -> o.weights = Path.of(value);
                    case "--out" -> o.out = Path.of(value);
                    case "--write-weights" -> o.writeWeights = Path.of(value);
                    case "--equivalence" -> o.equivalenceDir = Path.of(value);
                    default -> throw Arguments.unknown(name, usage());
                }
            });
            if (o.writeWeights == null && o.weights == null) {
                throw new IllegalArgumentException("--weights is required\n" + usage());
            }
            if (o.iterations < 1 || o.warmup < 0) {
                throw new IllegalArgumentException("--iterations must be >= 1 and --warmup >= 0");
            }
            return o;
        }

        static String usage() {
            return String.join("\n",
                    "EngineBenchmark --weights FILE.h5 [--sizes 128,256,512] [--warmup 2] [--iterations 5]",
                    "                [--phases N] [--layers N] [--ops N] [--out results.jsonl]",
                    "  --phases N: time forward, loss terms and backward of N evaluations",
                    "  --layers N: time each layer's two convolutions alone, N times",
                    "  --ops N:    time the other ND4J operations of a pass and the style loss alone, N times",
                    "EngineBenchmark --weights FILE.h5 --equivalence DIR   (48x64 loss values for the PyTorch check)",
                    "EngineBenchmark --write-weights FILE.h5 [--seed 42]  (random VGG19, Keras 1 HDF5 layout)");
        }
    }
}
