package io.github.stylize.engine.image;

import io.github.stylize.engine.StylizeException;

/** An image could not be read, decoded or written; the message names the file and the fix. */
public final class ImageException extends StylizeException {
    public ImageException(String message) {
        super(message);
    }

    public ImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
