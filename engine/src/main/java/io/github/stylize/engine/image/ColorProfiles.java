package io.github.stylize.engine.image;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.DataFormatException;

/**
 * Colour management of decoded images: conversion of any colour space to sRGB, and the ICC profile of a PNG's iCCP
 * chunk, which the JDK's PNG decoder leaves unapplied.
 */
final class ColorProfiles {
    private ColorProfiles() {
    }

    /** Colour-manages any other colour space (ICC profile, CMYK, linear RGB) to 8-bit sRGB. */
    static BufferedImage convertToSrgb(BufferedImage image) {
        int type = image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage srgb = new BufferedImage(image.getWidth(), image.getHeight(), type);
        new ColorConvertOp(null).filter(image, srgb);
        return srgb;
    }

    /**
     * The ICC profile of a PNG's iCCP chunk, or null when there is none, it is damaged (the pixels are still fine, so
     * they are read as sRGB), or it is sRGB in effect (no conversion: keeps 16-bit precision and exact values).
     * The JDK's PNG decoder leaves iCCP unapplied; macOS screenshots, for one, carry Display P3 profiles.
     */
    static ICC_Profile readPngProfile(Path pngFile) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(pngFile))) {
            byte[] compressed = readPngIccpChunk(in);
            if (compressed == null) {
                return null;
            }
            ICC_Profile profile = ICC_Profile.getInstance(FileChecks.inflate(compressed, 0,
                    FileChecks.MAX_PNG_METADATA_BYTES));
            return describesSrgb(profile) ? null : profile;
        } catch (IllegalArgumentException | DataFormatException e) {
            return null;
        }
    }

    /** The compressed profile of the iCCP chunk, which the PNG format places before any image data; else null. */
    private static byte[] readPngIccpChunk(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        try {
            in.skipNBytes(8); // signature, already checked by the decoder
            while (true) {
                long length = in.readInt() & 0xFFFFFFFFL;
                String type = new String(in.readNBytes(4), StandardCharsets.ISO_8859_1);
                if (type.equals("IDAT") || type.equals("IEND") || length > 64L << 20) {
                    return null;
                }
                if (type.equals("iCCP")) {
                    byte[] data = in.readNBytes((int) length);
                    int nameEnd = 0;
                    while (nameEnd < data.length && data[nameEnd] != 0) {
                        nameEnd++;
                    }
                    // After the name's terminator: one byte of compression method (0, deflate), then the profile.
                    return nameEnd + 2 <= data.length ? Arrays.copyOfRange(data, nameEnd + 2, data.length) : null;
                }
                in.skipNBytes(length + 4); // data and CRC
            }
        } catch (EOFException e) {
            return null;
        }
    }

    /**
     * True when converting through the profile would not change any colour by more than one 8-bit step: sRGB
     * profiles as embedded by editors, whatever their names, and grey profiles with the sRGB curve.
     */
    private static boolean describesSrgb(ICC_Profile profile) {
        ColorSpace space = new ICC_ColorSpace(profile);
        float[][] probes = {{0, 0, 0}, {1, 1, 1}, {0.5f, 0.5f, 0.5f}, {0.1f, 0.1f, 0.1f}, {1, 0, 0}, {0, 1, 0},
                {0, 0, 1}, {0.9f, 0.6f, 0.2f}, {0.2f, 0.4f, 0.8f}};
        for (float[] probe : probes) {
            float[] input = space.getNumComponents() == 1 ? new float[]{probe[0]} : probe;
            float[] expected = space.getNumComponents() == 1 ? new float[]{probe[0], probe[0], probe[0]} : probe;
            if (space.getNumComponents() != 1 && space.getNumComponents() != 3) {
                return false;
            }
            float[] srgb = space.toRGB(input);
            for (int c = 0; c < 3; c++) {
                if (Math.abs(srgb[c] - expected[c]) > 1.0f / 255) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The decoded samples reinterpreted in the embedded profile's colour space and converted to sRGB. */
    static BufferedImage applyEmbeddedProfile(BufferedImage decoded, ICC_Profile profile) {
        if (profile == null) {
            return decoded;
        }
        ColorSpace space = new ICC_ColorSpace(profile);
        BufferedImage image = decoded;
        if (image.getColorModel() instanceof IndexColorModel) {
            // Expand the palette first; the palette entries are in the profile's space too.
            BufferedImage expanded = new BufferedImage(image.getWidth(), image.getHeight(),
                    BufferedImage.TYPE_INT_ARGB);
            int[] argb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            expanded.setRGB(0, 0, image.getWidth(), image.getHeight(), argb, 0, image.getWidth());
            image = expanded;
        }
        ColorModel model = image.getColorModel();
        if (model.getNumColorComponents() != space.getNumComponents()) {
            return decoded; // a grey profile on a colour image or the reverse: ignore it, as browsers do
        }
        int bits = model.getComponentSize(0);
        int[] sizes = new int[model.getNumComponents()];
        Arrays.fill(sizes, bits);
        ComponentColorModel profiled = new ComponentColorModel(space, sizes, model.hasAlpha(), false,
                model.getTransparency(), bits > 8 ? DataBuffer.TYPE_USHORT : DataBuffer.TYPE_BYTE);
        WritableRaster samples = profiled.createCompatibleWritableRaster(image.getWidth(), image.getHeight());
        Raster source = image.getRaster();
        int[] row = new int[image.getWidth() * source.getNumBands()];
        for (int y = 0; y < image.getHeight(); y++) {
            samples.setPixels(0, y, image.getWidth(), 1, source.getPixels(0, y, image.getWidth(), 1, row));
        }
        return convertToSrgb(new BufferedImage(profiled, samples, false, null));
    }
}
