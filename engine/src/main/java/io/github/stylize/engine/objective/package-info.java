/**
 * The loss Gatys et al. minimize: content loss, Gram-matrix style loss, total variation, each with its gradient, and
 * {@link io.github.stylize.engine.objective.StyleObjective} combining them over the network.
 */
package io.github.stylize.engine.objective;
