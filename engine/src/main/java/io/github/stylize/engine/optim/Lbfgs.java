package io.github.stylize.engine.optim;

import io.github.stylize.engine.StopReason;
import io.github.stylize.engine.objective.Evaluation;
import io.github.stylize.engine.objective.Objective;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Limited-memory BFGS (Nocedal, 1980), the paper's optimizer: the search direction comes from the last
 * {@value #HISTORY} position and gradient changes (two-loop recursion); the step from a line search that meets the
 * strong Wolfe conditions. The first step, having no curvature to go on, moves the pixel with the
 * largest gradient by {@code learningRate} levels.
 *
 * <p>A trial point whose loss is not finite is a step too far: the search shrinks the step. A trial point with a finite
 * loss and a non-finite gradient ends the search at once and is returned for the caller to report, as the slopes the
 * search relies on are meaningless there. A search along the steepest descent, with no curvature history, that finds
 * no acceptable step leaves the image where it was and {@link #stopped()} says {@link StopReason#STALLED}: another
 * would repeat it exactly; a gradient of exactly zero says {@link StopReason#CONVERGED} without a search.
 */
public final class Lbfgs implements Optimizer {
    static final int HISTORY = 10;
    private static final double SUFFICIENT_DECREASE = 1e-4;
    private static final double CURVATURE = 0.9;
    private static final double EXPANSION = 4;
    private static final int MAX_EVALUATIONS = 25;

    private record Correction(INDArray positionChange, INDArray gradientChange, double rho) {
    }

    private final double learningRate;
    private final Deque<Correction> history = new ArrayDeque<>();
    private StopReason stopped;

    public Lbfgs(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public Evaluation step(INDArray image, Evaluation current, Objective objective) {
        INDArray gradient = current.gradient();
        INDArray direction = direction(gradient);
        double slope = dot(gradient, direction);
        if (!(slope < 0)) {
            // Not a descent direction (curvature information went stale): start over from steepest descent.
            forgetHistory();
            direction.close();
            direction = gradient.neg();
            slope = -dot(gradient, gradient);
        }
        if (slope == 0) {
            // A zero gradient (-g.g is 0 only then): no direction leads anywhere.
            direction.close();
            stopped = StopReason.CONVERGED;
            return current;
        }
        boolean steepestDescent = history.isEmpty();
        double firstStep = steepestDescent ? learningRate / Math.max(gradient.amaxNumber().doubleValue(), 1e-12) : 1.0;
        INDArray start = image.dup();
        LineSearch search = new LineSearch(image, start, direction, current, slope, objective);
        Evaluation next = search.run(firstStep);
        direction.close();
        if (next == current) {
            // No step decreased the loss enough: stay put and forget the curvature that proposed the direction. From
            // the steepest descent there is nothing left to forget, and the next search would be this one again.
            image.assign(start);
            start.close();
            forgetHistory();
            stopped = steepestDescent ? StopReason.STALLED : null;
            return current;
        }
        if (next.gradientIsFinite()) {
            // In place: start becomes the position change, a copy of the new gradient the gradient change.
            INDArray positionChange = start.rsubi(image);
            INDArray gradientChange = next.gradient().sub(gradient);
            remember(positionChange, gradientChange);
        } else {
            start.close();
        }
        return next;
    }

    @Override
    public StopReason stopped() {
        return stopped;
    }

    /**
     * Finds a step along the direction that satisfies the strong Wolfe conditions (Nocedal and Wright, algorithms
     * 3.5 and 3.6): enough decrease, and a slope flattened to at most {@value #CURVATURE} of the initial one. The
     * second condition makes the search grow steps where the loss curves downwards (the style loss does, near a
     * noise image), which a decrease-only search would crawl through, and guarantees the curvature pair L-BFGS learns
     * from is positive.
     */
    private static final class LineSearch {
        private final INDArray image;
        private final INDArray start;
        private final INDArray direction;
        private final Evaluation initial;
        private final double initialSlope;
        private final Objective objective;
        private final List<Evaluation> tried = new ArrayList<>();

        LineSearch(INDArray image, INDArray start, INDArray direction, Evaluation initial, double initialSlope,
                   Objective objective) {
            this.image = image;
            this.start = start;
            this.direction = direction;
            this.initial = initial;
            this.initialSlope = initialSlope;
            this.objective = objective;
        }

        /**
         * The accepted evaluation with {@code image} at its point, or {@code initial} if none was found. The gradients
         * of the other points tried are freed here (at 512² each is 3 MB of native memory).
         */
        Evaluation run(double firstStep) {
            Evaluation accepted = search(firstStep);
            for (Evaluation evaluation : tried) {
                if (evaluation != accepted && evaluation.gradient() != null) {
                    evaluation.gradient().close();
                }
            }
            return accepted;
        }

        private Evaluation search(double firstStep) {
            double previousStep = 0;
            Evaluation previous = initial;
            double step = firstStep;
            while (tried.size() < MAX_EVALUATIONS) {
                Evaluation at = evaluate(step);
                if (at.isFinite() && !at.gradientIsFinite()) {
                    return at; // let the caller report it
                }
                // A non-finite loss fails the decrease test (NaN compares false): the step shrinks in zoom.
                if (!sufficientDecrease(step, at) || (previous != initial && at.total() >= previous.total())) {
                    return zoom(previousStep, previous, step);
                }
                double stepSlope = dot(at.gradient(), direction);
                if (Math.abs(stepSlope) <= -CURVATURE * initialSlope) {
                    return at;
                }
                if (stepSlope >= 0) {
                    return zoom(step, at, previousStep);
                }
                previousStep = step;
                previous = at;
                step *= EXPANSION;
            }
            return acceptable(previousStep, previous);
        }

        /** Narrows [low, high] (low: the better end so far) by bisection until a step meets both conditions. */
        private Evaluation zoom(double low, Evaluation atLow, double high) {
            while (tried.size() < MAX_EVALUATIONS && Math.abs(high - low) > 1e-12 * Math.max(low, high)) {
                double step = 0.5 * (low + high);
                Evaluation at = evaluate(step);
                if (at.isFinite() && !at.gradientIsFinite()) {
                    return at;
                }
                if (!sufficientDecrease(step, at) || !(at.total() < atLow.total())) {
                    high = step;
                    continue;
                }
                double stepSlope = dot(at.gradient(), direction);
                if (Math.abs(stepSlope) <= -CURVATURE * initialSlope) {
                    return at;
                }
                if (stepSlope * (high - low) >= 0) {
                    high = low;
                }
                low = step;
                atLow = at;
            }
            return acceptable(low, atLow);
        }

        /** Out of evaluations: the best point found, if it decreased the loss enough, else {@code initial}. */
        private Evaluation acceptable(double step, Evaluation at) {
            if (at != initial && sufficientDecrease(step, at)) {
                moveTo(step);
                return at;
            }
            return initial;
        }

        /** Armijo's condition; false for a non-finite loss. */
        private boolean sufficientDecrease(double step, Evaluation at) {
            return at.isFinite() && at.total() <= initial.total() + SUFFICIENT_DECREASE * step * initialSlope;
        }

        private Evaluation evaluate(double step) {
            moveTo(step);
            Evaluation at = objective.evaluate(image, true);
            tried.add(at);
            return at;
        }

        /** image = start + step * direction, without a temporary. */
        private void moveTo(double step) {
            image.assign(start);
            axpy(step, direction, image);
        }
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
            alphas[i] = c.rho() * dot(c.positionChange(), q);
            axpy(-alphas[i], c.gradientChange(), q);
        }
        Correction newest = history.peekLast();
        double gamma = dot(newest.positionChange(), newest.gradientChange())
                / dot(newest.gradientChange(), newest.gradientChange());
        q.muli(gamma);
        i = history.size() - 1;
        for (Correction c : history) {
            double beta = c.rho() * dot(c.gradientChange(), q);
            axpy(alphas[i] - beta, c.positionChange(), q);
            i--;
        }
        return q;
    }

    // Vector operations in place or as reductions: at 512² a temporary is 3 MB of fresh native memory, and the two-loop
    // recursion would make about 40 per iteration.
    private static double dot(INDArray a, INDArray b) {
        return Nd4j.getBlasWrapper().dot(flat(a), flat(b));
    }

    /** y += alpha * x. */
    private static void axpy(double alpha, INDArray x, INDArray y) {
        Nd4j.getBlasWrapper().axpy(alpha, flat(x), flat(y));
    }

    /** The same memory as a vector (BLAS level 1 takes vectors); the arrays here are contiguous. */
    private static INDArray flat(INDArray array) {
        return array.reshape(array.length());
    }

    private void remember(INDArray positionChange, INDArray gradientChange) {
        double curvature = dot(positionChange, gradientChange);
        if (curvature <= 1e-10 * gradientChange.norm2Number().doubleValue() * positionChange.norm2Number().doubleValue()) {
            positionChange.close();
            gradientChange.close();
            return; // keeps the implied Hessian positive definite
        }
        if (history.size() == HISTORY) {
            close(history.removeFirst());
        }
        history.addLast(new Correction(positionChange, gradientChange, 1.0 / curvature));
    }

    private void forgetHistory() {
        history.forEach(Lbfgs::close);
        history.clear();
    }

    private static void close(Correction correction) {
        correction.positionChange().close();
        correction.gradientChange().close();
    }
}
