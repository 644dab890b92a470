/**
 * One build of the {@code generate} goal, top to bottom: {@link io.github.stylize.maven.build.BuildOrchestrator}
 * takes one immutable {@link io.github.stylize.maven.build.BuildRequest} (which the mojo maps from its configuration)
 * and runs plan → execute (cache, engine, publish) → report. No Maven types: the mojo turns a
 * {@link io.github.stylize.maven.build.BuildFailure} into Maven's failure.
 */
package io.github.stylize.maven.build;
