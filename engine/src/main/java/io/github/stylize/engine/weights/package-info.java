/**
 * VGG19 weights: where they come from and how they become plain Java arrays.
 *
 * <p>This package owns everything about the weights:
 * <ul>
 *   <li>{@link io.github.stylize.engine.weights.WeightsSource} and {@link io.github.stylize.engine.weights.WeightsOptions}:
 *       the API the Maven plugin uses to parse {@code stylize.weights}, name the weights in cache keys, and get them
 *       (default Keras file, URL, local file, or a seeded random network);</li>
 *   <li>downloading into a shared cache with MD5/SHA-256 verification, atomic moves, a cross-process lock, retries
 *       and offline handling (package-private {@code WeightsDownloader});</li>
 *   <li>{@link io.github.stylize.engine.weights.Hdf5WeightsReader} and
 *       {@link io.github.stylize.engine.weights.Hdf5WeightsWriter}: the Keras HDF5 layout, in both dataset-naming
 *       styles, through the bytedeco HDF5 bindings (all native calls under one lock);</li>
 *   <li>{@link io.github.stylize.engine.weights.RandomVggWeights}: He-normal weights, identical for a seed on every JVM;</li>
 *   <li>{@link io.github.stylize.engine.weights.VggWeights}: the result, with no ND4J types, so resolving weights never
 *       loads ND4J.</li>
 * </ul>
 * Every failure is a {@link io.github.stylize.engine.weights.WeightsException} whose message names the file or URL,
 * what is wrong, and the fix.
 */
package io.github.stylize.engine.weights;
