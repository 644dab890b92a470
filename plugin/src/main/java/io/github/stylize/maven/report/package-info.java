/**
 * What the build tells: the per-asset metadata JSON ({@code target/stylize/<id>.json}), the small JSON reader and
 * writer behind it and the cache's metadata, the end-of-build summary table, and the HTML report
 * ({@code target/stylize/index.html}): per asset its images, loss curves as inline SVG ({@link
 * io.github.stylize.maven.report.LossChart}), snapshots, settings, cache hit or miss, time and backend, with comparison
 * sheets for assets that share content and style. The page is rendered from one {@link
 * io.github.stylize.maven.report.ExecutionRecord} per execution, so the site report re-renders it without the engine.
 * Pure Java, no Maven types, no template engine: every text is escaped by {@code Html}.
 */
package io.github.stylize.maven.report;
