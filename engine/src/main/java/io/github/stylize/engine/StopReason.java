package io.github.stylize.engine;

/** Why the optimization of the full-size level ended. */
public enum StopReason {
    /** It ran every iteration {@link StyleSettings#iterations()} allows. */
    ITERATIONS("iterations"),
    /** The loss fell by less than {@link StyleSettings#tolerance()} over the window. */
    TOLERANCE("tolerance"),
    /** L-BFGS met a gradient of exactly zero: no direction lowers the loss. */
    CONVERGED("converged"),
    /**
     * L-BFGS found no step along the steepest descent that lowers the loss enough: the image is at a minimum as far as
     * float32 arithmetic can tell, or the loss is too flat or rough there to make progress.
     * Searching again from the same point would repeat the same evaluations, so the level ends.
     */
    STALLED("stalled");

    private final String label;

    StopReason(String label) {
        this.label = label;
    }

    /** The word the log and the metadata use. */
    public String label() {
        return label;
    }

    /** The reason with this {@link #label()}. */
    public static StopReason ofLabel(String label) {
        for (StopReason reason : values()) {
            if (reason.label.equals(label)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("not a stop reason: " + label);
    }
}
