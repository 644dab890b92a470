package io.github.stylize.maven.execute;

import io.github.stylize.engine.ProgressListener;
import io.github.stylize.maven.plan.PlannedAsset;

/** Produces one asset's image: the engine in production, a stand-in in tests of the orchestration. */
public interface Renderer {
    /**
     * Renders {@code asset}.
     *
     * @throws io.github.stylize.engine.StylizeException when the inputs, weights or settings do not work; the message
     *                                                   is for the user
     */
    Rendering render(PlannedAsset asset, ProgressListener listener);
}
