/**
 * The content-addressed image cache shared by all of a user's builds: {@code <cacheDirectory>/images/<key[0:2]>/<key>/}
 * holds {@code image.<ext>} and {@code metadata.json}. Entries appear atomically (written to a temporary directory,
 * then moved into place), are verified against their recorded SHA-256 when read, and are computed under a per-key lock
 * (an in-JVM lock for {@code mvn -T}, plus a file lock for concurrent builds), so no key is computed twice at once.
 * Temporary directories left by a build killed while storing a key are removed by the next store of that key.
 */
package io.github.stylize.maven.cache;
