package io.github.stylize.maven.testing;

import io.github.stylize.maven.execute.BuildLog;

import java.util.List;
import java.util.function.Consumer;

/** A {@link BuildLog} that hands each line to {@code sink}, prefixed with its level (INFO, WARN, ERROR); no debug. */
public record LineLog(Consumer<String> sink) implements BuildLog {
    /** The lines into {@code lines}, for a test to read. */
    public static LineLog into(List<String> lines) {
        return new LineLog(lines::add);
    }

    @Override
    public void info(String message) {
        sink.accept("INFO " + message);
    }

    @Override
    public void warn(String message) {
        sink.accept("WARN " + message);
    }

    @Override
    public void error(String message) {
        sink.accept("ERROR " + message);
    }

    @Override
    public void error(String message, Throwable cause) {
        sink.accept("ERROR " + message);
    }

    @Override
    public void debug(String message) {
    }
}
