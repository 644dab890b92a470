package io.github.stylize.maven.execute;

/** Where the core writes what the user sees; the mojo adapts Maven's log to it. */
public interface BuildLog {
    void info(String message);

    void warn(String message);

    void error(String message);

    /** An error with its stack trace, for failures that are bugs rather than bad input. */
    void error(String message, Throwable cause);

    void debug(String message);
}
