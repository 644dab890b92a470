package io.github.stylize.engine.optim;

import io.github.stylize.engine.StopReason;
import io.github.stylize.engine.network.NativeBackend;
import io.github.stylize.engine.objective.Evaluation;
import io.github.stylize.engine.objective.Objective;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both optimizers minimize an ill-conditioned quadratic, each at the pace its method promises. */
class OptimizersTest {

    @BeforeAll
    static void loadNd4j() {
        NativeBackend.ensureLoaded();
    }

    /** f(x) = 1/2 sum_i a_i (x_i - c_i)^2 with curvatures a_i from 1 to 100. */
    private static class Quadratic implements Objective {
        final INDArray curvature = evenlySpaced(1, 100);
        final INDArray minimum = evenlySpaced(-50, 50);
        int evaluations;

        @Override
        public Evaluation evaluate(INDArray x, boolean withGradient) {
            evaluations++;
            INDArray diff = x.sub(minimum);
            double value = 0.5 * diff.mul(diff).muli(curvature).sumNumber().doubleValue();
            return new Evaluation(value, 0, 0, withGradient ? diff.muli(curvature) : null);
        }
    }

    /** How a test alters the quadratic's evaluation at {@code x}, the {@code evaluations}-th. */
    private interface Alteration {
        Evaluation apply(Evaluation at, INDArray x, int evaluations);
    }

    private static Quadratic altered(Alteration alteration) {
        return new Quadratic() {
            @Override
            public Evaluation evaluate(INDArray x, boolean withGradient) {
                return alteration.apply(super.evaluate(x, withGradient), x, evaluations);
            }
        };
    }

    @Test
    void lbfgsShrinksATrialStepWhoseLossIsNotFiniteAndStillReachesTheMinimum() {
        // NaN wherever a coordinate leaves [-60, 60]: the first step (1000 levels on the steepest pixel) lands there
        Quadratic f = altered((at, x, n) -> x.amaxNumber().doubleValue() > 60
                ? new Evaluation(Double.NaN, 0, 0, at.gradient()) : at);
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 1, 2, 4, 3);
        Evaluation current = f.evaluate(x, true);
        Lbfgs lbfgs = new Lbfgs(1000);
        for (int i = 0; i < 40 && lbfgs.stopped() == null; i++) {
            current = lbfgs.step(x, current, f);
            assertTrue(current.isFinite(), "accepted a non-finite point at iteration " + i);
        }
        assertEquals(0, x.sub(f.minimum).amaxNumber().doubleValue(), 1e-3);
    }

    @Test
    void lbfgsStopsAtOnceWhenTheGradientIsNotFiniteButTheLossIs() {
        Quadratic f = altered((at, x, n) -> {
            if (n > 1 && at.gradient() != null) {
                at.gradient().putScalar(5, Double.NaN);
            }
            return at;
        });
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 1, 2, 4, 3);
        Evaluation next = new Lbfgs(10).step(x, f.evaluate(x, true), f);
        assertEquals(2, f.evaluations, "the first trial point ends the search");
        assertTrue(next.isFinite());
        assertFalse(next.gradientIsFinite(), "returned for the caller to report");
    }

    @Test
    void lbfgsEndsAsStalledWhenTheSteepestDescentFindsNoDecreaseInsteadOfSearchingAgain() {
        // A gradient of the wrong sign: every step along its descent raises the loss.
        Quadratic f = altered((at, x, n) -> at.gradient() == null ? at
                : new Evaluation(at.total(), 0, 0, at.gradient().negi()));
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 1, 2, 4, 3);
        Evaluation start = f.evaluate(x, true);
        Lbfgs lbfgs = new Lbfgs(10);
        assertSame(start, lbfgs.step(x, start, f));
        assertEquals(StopReason.STALLED, lbfgs.stopped());
        assertEquals(0, x.amaxNumber().doubleValue(), "the image stays where it was");
        assertTrue(f.evaluations <= 1 + 25, "one search's evaluations at most: " + f.evaluations);
    }

    @Test
    void lbfgsEndsAsConvergedAtAZeroGradientWithoutEvaluating() {
        Quadratic f = new Quadratic();
        INDArray x = f.minimum.dup();
        Evaluation start = f.evaluate(x, true);
        Lbfgs lbfgs = new Lbfgs(10);
        assertNull(lbfgs.stopped());
        assertSame(start, lbfgs.step(x, start, f));
        assertEquals(StopReason.CONVERGED, lbfgs.stopped());
        assertEquals(1, f.evaluations);
    }

    /** 24 values from {@code from} to {@code to}, shaped like a tiny image [1, 2, 4, 3]. */
    private static INDArray evenlySpaced(double from, double to) {
        double[] values = new double[24];
        for (int i = 0; i < values.length; i++) {
            values[i] = from + (to - from) * i / (values.length - 1);
        }
        return Nd4j.create(values, new long[]{1, 2, 4, 3}, DataType.DOUBLE);
    }

    @Test
    void lbfgsReachesTheMinimumOfAQuadraticInFewIterations() {
        Quadratic f = new Quadratic();
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 1, 2, 4, 3);
        Evaluation current = f.evaluate(x, true);
        double initial = current.total();
        Lbfgs lbfgs = new Lbfgs(10);
        for (int i = 0; i < 40 && lbfgs.stopped() == null; i++) {
            current = lbfgs.step(x, current, f);
        }
        assertTrue(current.total() < 1e-12 * initial, "loss " + current.total() + " from " + initial);
        assertEquals(0, x.sub(f.minimum).amaxNumber().doubleValue(), 1e-3);
        assertTrue(f.evaluations < 40 * 2, "line search should rarely backtrack: " + f.evaluations + " evaluations");
    }

    @Test
    void adamDescendsSteadilyAndSettlesNearTheMinimum() {
        Quadratic f = new Quadratic();
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 1, 2, 4, 3);
        Evaluation current = f.evaluate(x, true);
        double initial = current.total();
        Adam adam = new Adam(2.0, 0.9, 0.999);
        for (int i = 0; i < 400; i++) {
            current = adam.step(x, current, f);
        }
        assertEquals(400 + 1, f.evaluations, "Adam evaluates once per iteration");
        assertTrue(current.total() < 1e-3 * initial, "loss " + current.total() + " from " + initial);
    }

    @Test
    void adamFirstStepMovesEveryCoordinateByTheLearningRate() {
        Quadratic f = new Quadratic();
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 1, 2, 4, 3);
        new Adam(0.5, 0.9, 0.999).step(x, f.evaluate(x, true), f);
        // With bias correction, step one is lr * g/|g| for every coordinate whose gradient is non-zero.
        INDArray expected = Nd4j.math().sign(f.minimum).muli(0.5);
        assertEquals(0, x.sub(expected).amaxNumber().doubleValue(), 1e-6);
    }
}
