package io.github.stylize.engine.optim;

import io.github.stylize.engine.objective.Evaluation;
import io.github.stylize.engine.objective.Objective;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam (Kingma and Ba, 2015), the classic setup's optimizer: per-pixel steps of about {@code learningRate} pixel levels,
 * scaled by running estimates of the gradient's first and second moments. One evaluation per iteration.
 */
public final class Adam implements Optimizer {
    private static final double EPSILON = 1e-8;

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private INDArray firstMoment;
    private INDArray secondMoment;
    private INDArray scratch;
    private int steps;

    public Adam(double learningRate, double beta1, double beta2) {
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
    }

    @Override
    public Evaluation step(INDArray image, Evaluation current, Objective objective) {
        INDArray gradient = current.gradient();
        if (firstMoment == null) {
            firstMoment = Nd4j.zerosLike(image);
            secondMoment = Nd4j.zerosLike(image);
        }
        steps++;
        // In place, through one scratch buffer: no per-iteration allocations beyond the objective's own.
        if (scratch == null) {
            scratch = Nd4j.createUninitialized(image.dataType(), image.shape());
        }
        firstMoment.muli(beta1).addi(scratch.assign(gradient).muli(1 - beta1));
        secondMoment.muli(beta2).addi(scratch.assign(gradient).muli(gradient).muli(1 - beta2));
        double stepSize = learningRate * Math.sqrt(1 - Math.pow(beta2, steps)) / (1 - Math.pow(beta1, steps));
        // x -= stepSize * m / (sqrt(v) + eps'), eps' scaled so it matches the textbook form with bias-corrected moments
        Transforms.sqrt(scratch.assign(secondMoment), false).addi(EPSILON * Math.sqrt(1 - Math.pow(beta2, steps)));
        image.subi(scratch.rdivi(firstMoment).muli(stepSize));
        return objective.evaluate(image, true);
    }
}
