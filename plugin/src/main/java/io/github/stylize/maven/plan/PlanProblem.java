package io.github.stylize.maven.plan;

/**
 * One thing wrong with the configuration.
 *
 * @param asset     how the asset is named ({@code stylization 'x'}, {@code batch 'y'}), or null for plugin-wide parameters
 * @param parameter the configuration parameter at fault, e.g. {@code style} or {@code iterations}
 * @param message   what is wrong and how to fix it
 */
public record PlanProblem(String asset, String parameter, String message) {

    /** e.g. {@code stylization 'harbor' <style>: file ... does not exist; fix the path}. */
    public String describe() {
        return (asset == null ? "" : asset + " ") + "<" + parameter + ">: " + message;
    }
}
