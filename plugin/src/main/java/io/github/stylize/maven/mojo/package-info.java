/**
 * The Maven layer: the {@code stylize:generate} and {@code stylize:report} goals and their configuration. It only
 * maps configuration (the POM, settings.xml's servers and proxies, the session) to one
 * {@link io.github.stylize.maven.build.BuildRequest}, hands it to the
 * {@link io.github.stylize.maven.build.BuildOrchestrator}, and turns its failures into Maven's.
 */
package io.github.stylize.maven.mojo;
