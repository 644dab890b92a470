package io.github.stylize.engine;

/** The engine's entry point: runs one stylization. Loads ND4J on first use. */
public final class StyleTransfer {
    private StyleTransfer() {
    }

    /** Runs {@code request} to completion, reporting to its listener; throws {@link StylizeException} on bad input. */
    public static StyleTransferResult run(StyleTransferRequest request) {
        throw new UnsupportedOperationException("engine under construction");
    }
}
