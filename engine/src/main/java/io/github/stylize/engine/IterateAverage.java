package io.github.stylize.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An exponential moving average of the optimizer's iterates, bias-corrected: after t additions it is
 * {@code (1 - d) * sum_k d^(t-k) x_k / (1 - d^t)}, d = {@value #DECAY}. Averaging smooths the pixel noise that the
 * last steps of a stochastic-looking optimization leave; one average per level, started afresh at each.
 */
final class IterateAverage implements AutoCloseable {
    static final double DECAY = 0.99;

    private final INDArray sum;
    private int count;

    IterateAverage(INDArray like) {
        sum = Nd4j.zerosLike(like);
    }

    /** Adds one iterate. */
    void add(INDArray image) {
        sum.muli(DECAY).addi(image.mul(1 - DECAY));
        count++;
    }

    int count() {
        return count;
    }

    /** Writes the bias-corrected average into {@code image}. */
    void writeTo(INDArray image) {
        image.assign(sum).divi(1 - Math.pow(DECAY, count));
    }

    @Override
    public void close() {
        sum.close();
    }
}
