package io.github.stylize.benchmark;

import io.github.stylize.engine.objective.StyleLoss;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the engine's time goes besides its convolutions: the other ND4J operations of one forward and backward pass,
 * each issued as VggNetwork issues it (into arrays allocated once, as the engine reuses its buffers), timed alone per
 * layer shape (median of some repeats after one untimed call). Also the style loss of each style layer as StyleLoss
 * computes it: its value, then its gradient written into the layer's gradient buffer. For comparison, what a freshly
 * allocated, zero-filled array of each output's size would cost (the engine allocated two per layer per pass before it
 * reused its buffers).
 */
final class OpProfile {
    private OpProfile() {
    }

    /** Totals over the layers, in seconds per evaluation, plus per-style-layer Gram rows. */
    static Map<String, Object> run(List<FlopCount.Conv> convs, List<String> styleLayers, int repeats) {
        double zeroedAlloc = 0;
        double relu = 0;
        double reluBp = 0;
        double pool = 0;
        double poolBp = 0;
        double add = 0;
        String previous = null;
        List<Object> grams = new ArrayList<>();
        double gramEngine = 0;
        for (FlopCount.Conv conv : convs) {
            long[] shape = {1, conv.height(), conv.width(), conv.out()};
            INDArray output = Nd4j.rand(DataType.FLOAT, shape).subi(0.5);
            INDArray gradient = Nd4j.rand(DataType.FLOAT, shape);
            // forward: in-place ReLU of the conv's output; backward: relu_bp in place over the gradient; gradient
            // accumulation where a loss reads a layer below another loss's layer.
            zeroedAlloc += 2 * Timing.median(repeats, () -> Nd4j.create(DataType.FLOAT, shape).close());
            relu += Timing.median(repeats, () -> Transforms.relu(output, false));
            reluBp += Timing.median(repeats, () -> Nd4j.exec(DynamicCustomOp.builder("relu_bp")
                    .addInputs(output, gradient).addOutputs(gradient).addFloatingPointArguments(0.0).build()));
            if (styleLayers.contains(conv.name())) {
                add += Timing.median(repeats, () -> gradient.addi(output));
            }
            boolean pooledBefore = previous != null && conv.name().charAt(4) != previous.charAt(4);
            if (pooledBefore) {
                // the pooling before this block: its input has this block's input channels at twice the resolution
                long[] in = {1, conv.height() * 2L, conv.width() * 2L, conv.in()};
                long[] out = {1, conv.height(), conv.width(), conv.in()};
                INDArray poolInput = Nd4j.rand(DataType.FLOAT, in);
                INDArray pooled = Nd4j.create(DataType.FLOAT, out);
                INDArray pooledGradient = Nd4j.rand(DataType.FLOAT, out);
                pool += Timing.median(repeats, () -> Nd4j.exec(pool("avgpool2d", pooled, poolInput)));
                INDArray atInput = Nd4j.create(DataType.FLOAT, in);
                poolBp += Timing.median(repeats, () -> Nd4j.exec(pool("avgpool2d_bp", atInput, poolInput,
                        pooledGradient)));
                atInput.close();
                poolInput.close();
                pooled.close();
                pooledGradient.close();
            }
            if (styleLayers.contains(conv.name())) {
                INDArray target = StyleLoss.gram(output);
                double engine = Timing.median(repeats, () -> {
                    try (StyleLoss.Evaluated term = StyleLoss.evaluate(output, target)) {
                        term.writeGradient(gradient, 1, true);
                    }
                });
                gramEngine += engine;
                double gflop = 2 * (2.0 * conv.height() * conv.width() * conv.out() * conv.out()) / 1e9;
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("layer", conv.name());
                row.put("gflop", gflop);
                row.put("style_loss_s", engine);
                grams.add(row);
                target.close();
            }
            output.close();
            gradient.close();
            previous = conv.name();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("repeats", repeats);
        result.put("zeroed_alloc_s", zeroedAlloc);
        result.put("relu_s", relu);
        result.put("relu_bp_s", reluBp);
        result.put("avgpool_s", pool);
        result.put("avgpool_bp_s", poolBp);
        result.put("gradient_add_s", add);
        result.put("style_loss_s", gramEngine);
        result.put("grams", grams);
        return result;
    }

    private static DynamicCustomOp pool(String name, INDArray output, INDArray... inputs) {
        return DynamicCustomOp.builder(name).addInputs(inputs).addOutputs(output)
                .addIntegerArguments(2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 1).build();
    }

    /** Median wall time of an action. */
    static final class Timing {
        private Timing() {
        }

        static double median(int repeats, Runnable action) {
            action.run();
            double[] seconds = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                long start = System.nanoTime();
                action.run();
                seconds[i] = (System.nanoTime() - start) / 1e9;
            }
            return EngineBenchmark.Stats.median(seconds);
        }
    }
}
