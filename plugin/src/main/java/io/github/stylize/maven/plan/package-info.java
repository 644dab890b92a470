/**
 * From declarations to a plan, in pure Java (no Maven types, no ND4J): merges {@code <defaults>} with each asset's
 * overrides into validated {@link io.github.stylize.engine.StyleSettings}, expands batches into assets, checks ids,
 * input files and output paths, and computes each asset's cache key. Every problem is collected, so the build can
 * report them all at once before any engine work.
 */
package io.github.stylize.maven.plan;
