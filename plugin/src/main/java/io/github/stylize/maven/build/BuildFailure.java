package io.github.stylize.maven.build;

/** The build must fail with this message: a configuration problem, or assets that could not be produced. */
public final class BuildFailure extends Exception {
    public BuildFailure(String message) {
        super(message);
    }
}
