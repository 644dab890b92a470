package io.github.stylize.engine.optim;

import io.github.stylize.engine.objective.Evaluation;
import io.github.stylize.engine.objective.Objective;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Limited-memory BFGS (Nocedal, 1980), the paper's optimizer: the search direction comes from the last
 * {@value #HISTORY} position and gradient changes (two-loop recursion); the step from a backtracking line search
 * that demands sufficient decrease (Armijo). The first step, having no curvature to go on, moves the pixel with the
 * largest gradient by {@code learningRate} levels.
 */
public final class Lbfgs implements Optimizer {
    static final int HISTORY = 10;
    private static final double SUFFICIENT_DECREASE = 1e-4;
    private static final int MAX_BACKTRACKS = 20;

    private record Correction(INDArray positionChange, INDArray gradientChange, double rho) {
    }

    private final double learningRate;
    private final Deque<Correction> history = new ArrayDeque<>();

    public Lbfgs(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public Evaluation step(INDArray image, Evaluation current, Objective objective) {
        INDArray gradient = current.gradient();
        INDArray direction = direction(gradient);
        double slope = gradient.mul(direction).sumNumber().doubleValue();
        if (!(slope < 0)) {
            // Not a descent direction (curvature information went stale): start over from steepest descent.
            history.clear();
            direction = gradient.neg();
            slope = -gradient.mul(gradient).sumNumber().doubleValue();
        }
        double step = history.isEmpty() ? learningRate / Math.max(gradient.amaxNumber().doubleValue(), 1e-12) : 1.0;

        INDArray start = image.dup();
        for (int attempt = 0; attempt <= MAX_BACKTRACKS; attempt++) {
            image.assign(start).addi(direction.mul(step));
            Evaluation next = objective.evaluate(image, true);
            if (!next.isFinite()) {
                return next; // let the caller report the divergence
            }
            if (next.total() <= current.total() + SUFFICIENT_DECREASE * step * slope) {
                remember(image.sub(start), next.gradient().sub(gradient));
                return next;
            }
            step *= 0.5;
        }
        // No step decreased the loss enough: stay put and forget the curvature that proposed the direction.
        image.assign(start);
        history.clear();
        return current;
    }

    /** -H g by the two-loop recursion; plain -g while there is no history. */
    private INDArray direction(INDArray gradient) {
        INDArray q = gradient.neg();
        if (history.isEmpty()) {
            return q;
        }
        double[] alphas = new double[history.size()];
        int i = 0;
        for (Iterator<Correction> newestFirst = history.descendingIterator(); newestFirst.hasNext(); i++) {
            Correction c = newestFirst.next();
            alphas[i] = c.rho() * c.positionChange().mul(q).sumNumber().doubleValue();
            q.subi(c.gradientChange().mul(alphas[i]));
        }
        Correction newest = history.peekLast();
        double gamma = newest.positionChange().mul(newest.gradientChange()).sumNumber().doubleValue()
                / newest.gradientChange().mul(newest.gradientChange()).sumNumber().doubleValue();
        q.muli(gamma);
        i = history.size() - 1;
        for (Correction c : history) {
            double beta = c.rho() * c.gradientChange().mul(q).sumNumber().doubleValue();
            q.addi(c.positionChange().mul(alphas[i] - beta));
            i--;
        }
        return q;
    }

    private void remember(INDArray positionChange, INDArray gradientChange) {
        double curvature = positionChange.mul(gradientChange).sumNumber().doubleValue();
        if (curvature <= 1e-10 * gradientChange.norm2Number().doubleValue() * positionChange.norm2Number().doubleValue()) {
            return; // keeps the implied Hessian positive definite
        }
        if (history.size() == HISTORY) {
            history.removeFirst();
        }
        history.addLast(new Correction(positionChange, gradientChange, 1.0 / curvature));
    }
}
