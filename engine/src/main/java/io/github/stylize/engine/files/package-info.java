/**
 * Small file helpers shared by the engine and the Maven plugin, in pure Java (no ND4J, no Maven types):
 * {@link io.github.stylize.engine.files.Digests}, MD5 and SHA-256 of bytes, text, streams and files as lower-case
 * hex; {@link io.github.stylize.engine.files.AtomicFiles}, whole-file writes and copies through a temporary file in
 * the target's directory and a rename, so that readers see the old file or the complete new one, never a part, and the
 * one durable write (bytes forced to disk); and {@link io.github.stylize.engine.files.KeyLock}, the exclusive hold on a
 * key across threads and processes that the weights download, the image cache and the output directories share.
 *
 * <p>This package owns those mechanisms; the callers own the messages. Failures surface as plain
 * {@link java.io.IOException}s, which the engine wraps into its own exceptions (naming the file and the fix) and the
 * plugin reports the same way.
 */
package io.github.stylize.engine.files;
