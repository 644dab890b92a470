package io.github.stylize.engine.weights;

import java.nio.file.Path;

/** Entry point for {@link WeightsDownloadTest}'s two-JVM test: resolves a URL into a cache and prints the path. */
public final class FetchInAnotherJvm {
    private FetchInAnotherJvm() {
    }

    public static void main(String[] args) {
        WeightsOptions options = WeightsOptions.defaults().withCacheDirectory(Path.of(args[1])).withRetries(0);
        System.out.println("RESOLVED " + WeightsSource.parse(args[0]).resolve(options));
    }
}
