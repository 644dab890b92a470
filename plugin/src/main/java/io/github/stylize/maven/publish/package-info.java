/**
 * Puts images where the build packages them: atomic copies into the output directory (a reader never sees half an
 * image), metadata files written the same way, and removal of the outputs and metadata that an execution no longer
 * declares, tracked by a manifest in {@code target/stylize/}. Only files this plugin recorded are ever deleted.
 */
package io.github.stylize.maven.publish;
