/**
 * The Maven layer: the {@code stylize:generate} goal and its configuration objects. It only maps configuration to
 * the pure-Java {@link io.github.stylize.maven.plan plan}, hands the plan to the
 * {@link io.github.stylize.maven.execute executor}, and turns outcomes into log lines and build failures.
 */
package io.github.stylize.maven.mojo;
