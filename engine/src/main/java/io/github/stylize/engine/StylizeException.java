package io.github.stylize.engine;

/**
 * Base of every error the engine reports on purpose. Messages name the file or setting at fault and say how to fix it,
 * so callers (the Maven plugin) can show them as they are.
 */
public class StylizeException extends RuntimeException {
    public StylizeException(String message) {
        super(message);
    }

    public StylizeException(String message, Throwable cause) {
        super(message, cause);
    }
}
