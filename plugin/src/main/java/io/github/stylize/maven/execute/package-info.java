/**
 * Runs a plan: for each selected asset, a cache hit is copied to the output; a miss runs the engine under the key's
 * lock, stores the result in the cache, then copies it. One asset failing does not stop the others, and a cache that
 * cannot be locked or written costs only the reuse: the image is still published, with one warning per build. Only
 * {@link io.github.stylize.maven.execute.EngineRenderer} touches the engine's heavy classes (ND4J, weight loading),
 * and it is created only on the first miss, so an up-to-date build never loads ND4J.
 */
package io.github.stylize.maven.execute;
