/**
 * The stylize engine: Gatys-style neural style transfer as a library, with no Maven types. {@link
 * io.github.stylize.engine.StyleTransfer#run} takes a {@link io.github.stylize.engine.StyleTransferRequest} (images,
 * {@link io.github.stylize.engine.StyleSettings}, weights, listener) and returns a {@link
 * io.github.stylize.engine.StyleTransferResult}. Settings, requests and results are pure Java: callers can validate
 * and hash them without loading ND4J.
 */
package io.github.stylize.engine;
