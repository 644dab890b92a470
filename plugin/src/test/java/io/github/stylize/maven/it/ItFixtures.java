package io.github.stylize.maven.it;

import io.github.stylize.engine.weights.Hdf5WeightsWriter;
import io.github.stylize.engine.weights.NameStyle;
import io.github.stylize.engine.weights.RandomVggWeights;
import io.github.stylize.engine.weights.VggWeights;
import io.github.stylize.maven.testing.Nginx;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Inputs and log helpers for the invoker integration tests under {@code src/it}, called from their
 * {@code setup.groovy} and {@code verify.groovy} (the invoker puts this module's test class path on the scripts').
 * Written in Java so the fixtures are compiled and unit-tested like everything else.
 */
public final class ItFixtures {
    /** Channels per VGG block of the tiny test network: the VGG19 layout at a fraction of the cost. */
    public static final int[] TINY_CHANNELS = {4, 8, 8, 8, 8};

    private ItFixtures() {
    }

    /** A VGG19-layout Keras HDF5 weights file with tiny channel counts, written by the engine's real writer. */
    public static Path writeTinyWeights(Path file) {
        VggWeights weights = RandomVggWeights.create(7L, TINY_CHANNELS);
        Hdf5WeightsWriter.write(weights, file, NameStyle.KERAS_1);
        return file;
    }

    /** A small "harbour": sky, sea, a hull and a mast, deterministic. */
    public static Path drawContent(Path file, int width, int height, int variant) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        g.setColor(new Color(120, 170, 220));
        g.fillRect(0, 0, width, height / 2);
        g.setColor(new Color(30, 80 + variant * 20, 140));
        g.fillRect(0, height / 2, width, height - height / 2);
        g.setColor(new Color(150, 60, 30));
        g.fillRect(width / 4, height / 2 - height / 8, width / 2, height / 6);
        g.setColor(Color.WHITE);
        g.fillRect(width / 2, height / 8, Math.max(1, width / 24), height / 3);
        g.dispose();
        return write(image, file);
    }

    /** A small style image: stripes or tiles depending on {@code variant}, with seeded colour noise. */
    public static Path drawStyle(Path file, int size, int variant) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        Random random = new Random(1000 + variant);
        int step = Math.max(2, size / 8);
        for (int y = 0; y < size; y += step) {
            for (int x = 0; x < size; x += step) {
                g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
                if (variant % 2 == 0) {
                    g.fillRect(x, y, step - 1, step - 1);
                } else {
                    g.setStroke(new BasicStroke(2f));
                    g.drawLine(x, y, x + step, y + step / 2);
                }
            }
        }
        g.dispose();
        return write(image, file);
    }

    /** Smooth diagonal waves, whole periods across and down: an image that tiles without a seam. */
    public static Path drawTile(Path file, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double u = 2 * Math.PI * x / width;
                double v = 2 * Math.PI * y / height;
                image.setRGB(x, y, (int) Math.round(128 + 100 * Math.sin(u + v)) << 16
                        | (int) Math.round(128 + 100 * Math.cos(u - v)) << 8
                        | (int) Math.round(128 + 60 * Math.sin(2 * u + v)));
            }
        }
        return write(image, file);
    }

    /** A sprite: an opaque disc on a fully transparent background. */
    public static Path drawSprite(Path file, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(image);
        g.setColor(new Color(200, 90, 40));
        g.fillOval(size / 6, size / 6, size * 2 / 3, size * 2 / 3);
        g.dispose();
        return write(image, file);
    }

    /** A content mask: black, white in the first {@code whiteColumns} columns (the style goes there only). */
    public static Path drawMask(Path file, int width, int height, int whiteColumns) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, whiteColumns, height);
        g.dispose();
        return write(image, file);
    }

    /** A file that starts like a PNG but is not one: passes the planner's header check, fails in the engine. */
    public static Path writeCorruptPng(Path file) {
        byte[] bytes = new byte[64];
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(magic, 0, bytes, 0, magic.length);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * A small content image (48x32) whose PNG iCCP chunk, an embedded ICC profile, inflates to 17 MiB of zeros: a
     * metadata decompression bomb, which passes planning (its header is fine) and is refused by the engine's reader.
     */
    public static Path writeMetadataBombPng(Path file) {
        drawContent(file, 48, 32, 2);
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION);
        deflater.setInput(new byte[17 << 20]);
        deflater.finish();
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        data.writeBytes("bomb\0\0".getBytes(StandardCharsets.ISO_8859_1)); // profile name, compression method
        byte[] buffer = new byte[1 << 16];
        while (!deflater.finished()) {
            data.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        byte[] type = "iCCP".getBytes(StandardCharsets.ISO_8859_1);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(type);
        crc.update(data.toByteArray());
        try {
            byte[] png = Files.readAllBytes(file);
            int afterIhdr = 8 + 25; // signature, then IHDR: length, type, 13 bytes of data, CRC
            java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(png.length + 12 + data.size());
            out.put(png, 0, afterIhdr).putInt(data.size()).put(type).put(data.toByteArray()).putInt((int) crc.getValue())
                    .put(png, afterIhdr, png.length - afterIhdr);
            Files.write(file, out.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * The log of each Maven invocation in an invoker {@code build.log} that holds several ({@code invoker.goals.N}):
     * each starts with Maven's "Scanning for projects..." line.
     */
    public static List<String> invocations(Path buildLog) throws IOException {
        String log = Files.readString(buildLog, StandardCharsets.UTF_8);
        List<String> parts = new ArrayList<>();
        String marker = "Scanning for projects...";
        int start = log.indexOf(marker);
        while (start >= 0) {
            int next = log.indexOf(marker, start + marker.length());
            parts.add(next < 0 ? log.substring(start) : log.substring(start, next));
            start = next;
        }
        return parts;
    }

    /** The lines of {@code log} that contain {@code text}. */
    public static List<String> linesWith(String log, String text) {
        return log.lines().filter(l -> l.contains(text)).toList();
    }

    /** Classes in a {@code -Xlog:class+load} file whose names start with {@code prefix}. */
    public static List<String> loadedClasses(Path classLoadLog, String prefix) throws IOException {
        return Files.readAllLines(classLoadLog).stream()
                .map(l -> l.replaceFirst("^\\[[^]]*]\\[[^]]*]\\[[^]]*] ?", "").replaceFirst("^\\[[^]]*] ?", ""))
                .map(l -> l.split(" ")[0])
                .filter(name -> name.startsWith(prefix))
                .toList();
    }

    /**
     * Whether the nginx of the remote-cache ITs is installed; false skips them (invoker {@code selector.groovy}), except
     * on CI ({@code CI=true}), where a missing nginx is an error: {@code .ci/run} installs it.
     */
    public static boolean nginxAvailable() {
        boolean found = Nginx.executable() != null;
        if (!found) {
            System.out.println("[remote-cache IT] skipped: " + Nginx.missing());
        }
        return found;
    }

    /**
     * Starts nginx (see {@link Nginx}) with everything under {@code prefix} and returns its base URL
     * ({@code http://127.0.0.1:<port>/}). It is stopped by {@link #stopNginx}, or when this JVM exits.
     */
    public static String startNginx(Path prefix) throws IOException {
        return Nginx.start(prefix).url("");
    }

    /** Stops the nginx {@link #startNginx} started under {@code prefix} (from another script's class loader). */
    public static void stopNginx(Path prefix) throws IOException, InterruptedException {
        Nginx.stop(prefix);
    }

    private static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        return g;
    }

    private static Path write(BufferedImage image, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
