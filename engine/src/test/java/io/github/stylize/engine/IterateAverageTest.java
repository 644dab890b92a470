package io.github.stylize.engine;

import io.github.stylize.engine.network.NativeBackend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bias-corrected exponential moving average of the iterates. */
class IterateAverageTest {
    @BeforeAll
    static void loadNd4j() {
        NativeBackend.ensureLoaded();
    }

    @Test
    void oneIterateIsItsOwnAverageAndLaterOnesWeighMoreByTheDecay() {
        INDArray first = Nd4j.create(new double[]{1, 2, 3}, new long[]{1, 1, 1, 3}, DataType.DOUBLE);
        INDArray second = Nd4j.create(new double[]{5, -2, 0}, new long[]{1, 1, 1, 3}, DataType.DOUBLE);
        INDArray out = first.like();
        try (IterateAverage average = new IterateAverage(first)) {
            average.add(first);
            average.writeTo(out);
            assertEquals(first, out, "bias correction: not pulled towards the zeros it starts from");
            average.add(second);
            average.writeTo(out);
            double d = IterateAverage.DECAY;
            for (int i = 0; i < 3; i++) {
                double expected = ((1 - d) * d * first.getDouble(i) + (1 - d) * second.getDouble(i)) / (1 - d * d);
                assertEquals(expected, out.getDouble(i), 1e-12);
            }
            assertEquals(2, average.count());
        }
    }
}
