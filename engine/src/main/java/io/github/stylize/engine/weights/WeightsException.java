package io.github.stylize.engine.weights;

import io.github.stylize.engine.StylizeException;

/** VGG weights could not be found, downloaded, verified or loaded; the message names the file or URL and the fix. */
public final class WeightsException extends StylizeException {
    public WeightsException(String message) {
        super(message);
    }

    public WeightsException(String message, Throwable cause) {
        super(message, cause);
    }
}
