/**
 * What the build tells: the per-asset metadata JSON ({@code target/stylize/<id>.json}), the small JSON reader and
 * writer behind it and the cache's metadata, and the end-of-build summary table. Pure Java, no Maven types.
 */
package io.github.stylize.maven.report;
