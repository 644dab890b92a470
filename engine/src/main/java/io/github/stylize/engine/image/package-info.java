/**
 * Images in and out of the engine, in pure Java (no ND4J): {@link io.github.stylize.engine.image.ImageReader} decodes
 * PNG, JPEG, BMP, GIF and WebP files into {@link io.github.stylize.engine.image.RgbImage} (sRGB floats, upright,
 * alpha kept aside with the colour composited over white), guarding against decompression bombs;
 * {@link io.github.stylize.engine.image.Resampler} resizes with Lanczos-3; and
 * {@link io.github.stylize.engine.image.ImageWriter} encodes PNG or JPEG deterministically and replaces files
 * atomically. Every failure is an {@link io.github.stylize.engine.image.ImageException} naming the file and the fix.
 */
package io.github.stylize.engine.image;
