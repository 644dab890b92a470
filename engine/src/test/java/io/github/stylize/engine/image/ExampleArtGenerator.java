package io.github.stylize.engine.image;

import io.github.stylize.engine.StyleSettings;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Draws the example art of the README quickstart with Java2D (nothing downloaded) and writes it under
 * {@code examples/quickstart/src/main/stylize/}: content images ({@code content/harbor.png}, two sprites with
 * transparent backgrounds, and {@code content/tiles/cobbles.png}, a texture that tiles seamlessly) and style images ({@code styles/mosaic.png}, {@code styles/waves.png}).
 *
 * <p>Deterministic: fixed seeds, no fonts (installed fonts differ between machines), and the PNGs are encoded by
 * {@link ImageWriter}. {@code ExampleArtGeneratorTest} checks that the committed files are what this draws.
 *
 * <p>Regenerate from the repository root: {@code mvn -q -o test-compile -pl engine} and then
 * {@code java -cp engine/target/classes:engine/target/test-classes io.github.stylize.engine.image.ExampleArtGenerator}
 * (optionally with an output directory as the only argument).
 */
public final class ExampleArtGenerator {

    /** Where the art lives, relative to the repository root. */
    public static final String OUTPUT_DIRECTORY = "examples/quickstart/src/main/stylize";

    private ExampleArtGenerator() {
    }

    public static void main(String[] args) {
        Path root = Path.of(args.length > 0 ? args[0] : OUTPUT_DIRECTORY);
        for (Map.Entry<String, byte[]> file : generate().entrySet()) {
            Path target = root.resolve(file.getKey());
            ImageWriter.writeAtomically(file.getValue(), target);
            System.out.println("wrote " + target + " (" + file.getValue().length + " bytes)");
        }
    }

    /** Every example image as PNG bytes, keyed by its path relative to {@link #OUTPUT_DIRECTORY}. */
    public static Map<String, byte[]> generate() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("content/harbor.png", png(harbor()));
        files.put("content/sprites/tree.png", png(tree()));
        files.put("content/sprites/crate.png", png(crate()));
        files.put("content/tiles/cobbles.png", png(cobbles()));
        files.put("styles/mosaic.png", png(mosaic()));
        files.put("styles/waves.png", png(waves()));
        return files;
    }

    private static byte[] png(BufferedImage image) {
        return ImageWriter.encode(DecodedPixels.toRgbImage(image), StyleSettings.Format.PNG, 1.0);
    }

    private static Graphics2D smooth(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
        return g;
    }

    // ---- content: a harbour at sunset ------------------------------------------------------------------------------

    static BufferedImage harbor() {
        int w = 384;
        int h = 256;
        int horizon = 150;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = smooth(image);
        Random random = new Random(1);

        g.setPaint(new GradientPaint(0, 0, new Color(46, 84, 150), 0, horizon, new Color(250, 196, 140)));
        g.fillRect(0, 0, w, horizon);

        // Sun with a soft glow, low over the sea.
        float sunX = 250;
        float sunY = 112;
        g.setPaint(new RadialGradientPaint(new Point2D.Float(sunX, sunY), 70, new float[]{0f, 0.3f, 1f},
                new Color[]{new Color(255, 236, 170, 200), new Color(255, 205, 120, 90), new Color(255, 190, 120, 0)}));
        g.fill(new Ellipse2D.Float(sunX - 70, sunY - 70, 140, 140));
        g.setColor(new Color(255, 228, 150));
        g.fill(new Ellipse2D.Float(sunX - 18, sunY - 18, 36, 36));

        // A few thin clouds.
        g.setColor(new Color(255, 225, 200, 150));
        for (int i = 0; i < 4; i++) {
            float cx = 30 + i * 95 + random.nextInt(30);
            float cy = 30 + random.nextInt(40);
            g.fill(new RoundRectangle2D.Float(cx, cy, 60 + random.nextInt(40), 7, 7, 7));
        }

        // Far hills (blue haze), then near hills (green), both ending at the horizon.
        g.setColor(new Color(104, 120, 150));
        g.fill(hills(w, horizon, 118, new float[]{20, 120, 210, 330}, new float[]{-14, 10, -22, 6}));
        g.setPaint(new GradientPaint(0, 110, new Color(70, 120, 60), 0, horizon, new Color(40, 80, 40)));
        Path2D near = new Path2D.Float();
        near.moveTo(0, horizon);
        near.lineTo(0, 118);
        near.curveTo(40, 100, 90, 104, 130, 126);
        near.curveTo(150, 138, 170, 146, 190, horizon);
        near.closePath();
        g.fill(near);

        // A house on the near hill: walls, roof, door, a lit window.
        g.setColor(new Color(238, 228, 205));
        g.fill(new Rectangle2D.Float(56, 98, 34, 22));
        g.setColor(new Color(170, 55, 40));
        Path2D roof = new Path2D.Float();
        roof.moveTo(51, 100);
        roof.lineTo(73, 84);
        roof.lineTo(95, 100);
        roof.closePath();
        g.fill(roof);
        g.setColor(new Color(90, 60, 40));
        g.fill(new Rectangle2D.Float(64, 108, 7, 12));
        g.setColor(new Color(255, 210, 110));
        g.fill(new Rectangle2D.Float(77, 104, 8, 7));

        // Sea: darker towards the viewer, with ripples and the sun's reflection.
        g.setPaint(new GradientPaint(0, horizon, new Color(70, 110, 160), 0, h, new Color(20, 45, 90)));
        g.fillRect(0, horizon, w, h - horizon);
        g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int i = 0; i < 70; i++) {
            float y = horizon + 4 + random.nextFloat() * (h - horizon - 6);
            float x = random.nextFloat() * w;
            float length = 6 + (y - horizon) * 0.25f + random.nextFloat() * 10;
            g.setColor(new Color(150, 185, 220, 90 + random.nextInt(80)));
            g.draw(new java.awt.geom.Line2D.Float(x, y, x + length, y));
        }
        for (int i = 0; i < 14; i++) {
            float y = horizon + 3 + i * 7 + random.nextFloat() * 3;
            float half = 5 + i * 1.6f + random.nextFloat() * 6;
            g.setColor(new Color(255, 220, 150, 200 - i * 10));
            g.draw(new java.awt.geom.Line2D.Float(sunX - half, y, sunX + half, y));
        }

        sailboat(g, 150, 205, 1.0f, new Color(150, 60, 40), new Color(245, 240, 225));
        sailboat(g, 320, 180, 0.6f, new Color(60, 60, 80), new Color(235, 225, 205));
        sailboat(g, 40, 228, 0.8f, new Color(40, 90, 120), new Color(240, 200, 120));
        g.dispose();
        return image;
    }

    private static Path2D hills(int width, int base, float baseline, float[] peaksX, float[] peaksDy) {
        Path2D path = new Path2D.Float();
        path.moveTo(0, base);
        path.lineTo(0, baseline);
        float previousX = 0;
        for (int i = 0; i < peaksX.length; i++) {
            float x = peaksX[i];
            float mid = (previousX + x) / 2;
            path.quadTo(mid, baseline + peaksDy[i], x, baseline + peaksDy[i] / 2);
            previousX = x;
        }
        path.quadTo((previousX + width) / 2, baseline - 8, width, baseline + 4);
        path.lineTo(width, base);
        path.closePath();
        return path;
    }

    private static void sailboat(Graphics2D g, float x, float waterline, float scale, Color hullColor, Color sailColor) {
        Path2D hull = new Path2D.Float();
        hull.moveTo(x - 26 * scale, waterline - 8 * scale);
        hull.lineTo(x + 30 * scale, waterline - 8 * scale);
        hull.lineTo(x + 20 * scale, waterline);
        hull.lineTo(x - 18 * scale, waterline);
        hull.closePath();
        g.setColor(hullColor);
        g.fill(hull);
        g.setColor(new Color(60, 40, 30));
        g.setStroke(new BasicStroke(1.5f * scale));
        g.draw(new java.awt.geom.Line2D.Float(x, waterline - 8 * scale, x, waterline - 62 * scale));
        Path2D mainSail = new Path2D.Float();
        mainSail.moveTo(x + 2 * scale, waterline - 60 * scale);
        mainSail.quadTo(x + 26 * scale, waterline - 34 * scale, x + 24 * scale, waterline - 12 * scale);
        mainSail.lineTo(x + 2 * scale, waterline - 12 * scale);
        mainSail.closePath();
        Path2D jib = new Path2D.Float();
        jib.moveTo(x - 2 * scale, waterline - 54 * scale);
        jib.lineTo(x - 2 * scale, waterline - 12 * scale);
        jib.lineTo(x - 22 * scale, waterline - 12 * scale);
        jib.closePath();
        g.setColor(sailColor);
        g.fill(mainSail);
        g.setColor(sailColor.darker());
        g.fill(jib);
        // Reflection of the hull, broken by the water.
        g.setColor(new Color(hullColor.getRed(), hullColor.getGreen(), hullColor.getBlue(), 70));
        for (int i = 0; i < 3; i++) {
            float y = waterline + (2 + i * 3) * scale;
            g.fill(new Rectangle2D.Float(x - (16 - i * 3) * scale, y, (34 - i * 6) * scale, 1.5f * scale));
        }
    }

    // ---- content: game sprites with transparent backgrounds --------------------------------------------------------

    static BufferedImage tree() {
        BufferedImage image = new BufferedImage(128, 128, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = smooth(image);
        Random random = new Random(2);

        g.setColor(new Color(0, 0, 0, 60)); // soft shadow: semi-transparent pixels for the alpha path
        g.fill(new Ellipse2D.Float(30, 108, 68, 14));

        Path2D trunk = new Path2D.Float();
        trunk.moveTo(56, 116);
        trunk.curveTo(60, 96, 58, 80, 60, 60);
        trunk.lineTo(70, 60);
        trunk.curveTo(70, 80, 68, 96, 74, 116);
        trunk.closePath();
        g.setPaint(new GradientPaint(56, 0, new Color(120, 78, 44), 74, 0, new Color(82, 50, 28)));
        g.fill(trunk);

        // Canopy: dark clumps behind, lighter ones in front, small highlights where the light comes from (top left).
        float[][] clumps = {{64, 40, 30}, {42, 52, 22}, {86, 52, 22}, {52, 28, 20}, {78, 26, 20}, {64, 60, 20}};
        g.setColor(new Color(34, 90, 44));
        for (float[] c : clumps) {
            g.fill(circle(c[0] + 2, c[1] + 3, c[2]));
        }
        g.setColor(new Color(56, 130, 58));
        for (float[] c : clumps) {
            g.fill(circle(c[0], c[1], c[2] - 3));
        }
        g.setColor(new Color(110, 180, 80, 200));
        for (int i = 0; i < 14; i++) {
            float[] c = clumps[random.nextInt(clumps.length)];
            g.fill(circle(c[0] - c[2] * 0.35f + random.nextFloat() * 6, c[1] - c[2] * 0.35f + random.nextFloat() * 6,
                    3 + random.nextFloat() * 4));
        }
        g.setColor(new Color(200, 40, 50)); // a few apples
        for (int i = 0; i < 5; i++) {
            g.fill(circle(44 + random.nextFloat() * 40, 34 + random.nextFloat() * 30, 3));
        }
        g.dispose();
        return image;
    }

    static BufferedImage crate() {
        BufferedImage image = new BufferedImage(128, 128, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = smooth(image);
        Random random = new Random(3);
        float left = 20;
        float top = 18;
        float size = 88;

        g.setColor(new Color(0, 0, 0, 55));
        g.fill(new RoundRectangle2D.Float(left + 6, top + 8, size, size, 10, 10));

        g.setColor(new Color(190, 135, 75));
        g.fill(new RoundRectangle2D.Float(left, top, size, size, 8, 8));
        // Planks with grain.
        g.setStroke(new BasicStroke(1f));
        for (int plank = 0; plank < 4; plank++) {
            float y = top + plank * size / 4;
            g.setColor(new Color(160, 105, 55));
            g.draw(new java.awt.geom.Line2D.Float(left + 4, y, left + size - 4, y));
            g.setColor(new Color(170, 118, 64, 160));
            for (int line = 0; line < 3; line++) {
                float gy = y + 5 + random.nextFloat() * (size / 4 - 10);
                Path2D grain = new Path2D.Float();
                grain.moveTo(left + 8, gy);
                grain.curveTo(left + 30, gy + random.nextFloat() * 4 - 2, left + 60, gy + random.nextFloat() * 4 - 2,
                        left + size - 8, gy);
                g.draw(grain);
            }
        }
        // Frame and diagonal braces.
        g.setColor(new Color(120, 76, 38));
        g.setStroke(new BasicStroke(9f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
        g.draw(new RoundRectangle2D.Float(left + 4.5f, top + 4.5f, size - 9, size - 9, 6, 6));
        g.setStroke(new BasicStroke(8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
        g.draw(new java.awt.geom.Line2D.Float(left + 10, top + 10, left + size - 10, top + size - 10));
        g.draw(new java.awt.geom.Line2D.Float(left + size - 10, top + 10, left + 10, top + size - 10));
        // Outline and nails.
        g.setColor(new Color(60, 36, 18));
        g.setStroke(new BasicStroke(2f));
        g.draw(new RoundRectangle2D.Float(left, top, size, size, 8, 8));
        g.setColor(new Color(70, 70, 78));
        float[] corners = {left + 5, top + 5, left + size - 5, top + 5, left + 5, top + size - 5,
                left + size - 5, top + size - 5};
        for (int i = 0; i < corners.length; i += 2) {
            g.fill(circle(corners[i], corners[i + 1], 2.2f));
        }
        g.dispose();
        return image;
    }

    // ---- content: a texture for tileable ---------------------------------------------------------------------------

    /**
     * Cobblestones in mortar, 96x96. Every stone is drawn nine times, shifted by the tile's size in each direction, so
     * a stone crossing an edge comes back in at the opposite one: the image tiles without a seam.
     */
    static BufferedImage cobbles() {
        int size = 96;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = smooth(image);
        Random random = new Random(4);
        g.setColor(new Color(96, 88, 78));
        g.fillRect(0, 0, size, size);
        for (int row = 0; row < 4; row++) {
            for (int column = 0; column < 4; column++) {
                float cx = column * 24 + (row % 2) * 12 + random.nextFloat() * 4;
                float cy = row * 24 + random.nextFloat() * 4;
                float w = 17 + random.nextFloat() * 4;
                float h = 15 + random.nextFloat() * 4;
                int shade = 140 + random.nextInt(50);
                Color stone = new Color(shade, shade - 12 - random.nextInt(10), shade - 30 - random.nextInt(16));
                for (int dy = -size; dy <= size; dy += size) {
                    for (int dx = -size; dx <= size; dx += size) {
                        g.setColor(stone.darker());
                        g.fill(new Ellipse2D.Float(cx + dx - w / 2 + 1, cy + dy - h / 2 + 2, w, h));
                        g.setColor(stone);
                        g.fill(new Ellipse2D.Float(cx + dx - w / 2, cy + dy - h / 2, w, h));
                        g.setColor(new Color(255, 255, 255, 50)); // light from the top left
                        g.fill(new Ellipse2D.Float(cx + dx - w / 3, cy + dy - h / 3, w / 3, h / 4));
                    }
                }
            }
        }
        g.dispose();
        return image;
    }

    private static Ellipse2D circle(float cx, float cy, float radius) {
        return new Ellipse2D.Float(cx - radius, cy - radius, radius * 2, radius * 2);
    }

    // ---- styles ----------------------------------------------------------------------------------------------------

    /** A Voronoi tile mosaic in saturated colours with dark grout. */
    static BufferedImage mosaic() {
        int size = 256;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = smooth(image);
        Random random = new Random(4);
        Color[] palette = {new Color(214, 48, 49), new Color(253, 203, 110), new Color(9, 132, 227),
                new Color(0, 184, 148), new Color(232, 67, 147), new Color(108, 92, 231), new Color(225, 112, 85),
                new Color(250, 177, 160), new Color(85, 239, 196), new Color(255, 234, 167)};

        // Jittered grid seeds give tiles of similar size, like a real mosaic.
        List<float[]> seeds = new ArrayList<>();
        int cells = 9;
        float step = (float) size / cells;
        for (int gy = -1; gy <= cells; gy++) {
            for (int gx = -1; gx <= cells; gx++) {
                seeds.add(new float[]{(gx + 0.15f + random.nextFloat() * 0.7f) * step,
                        (gy + 0.15f + random.nextFloat() * 0.7f) * step});
            }
        }
        g.setColor(new Color(38, 34, 40)); // grout
        g.fillRect(0, 0, size, size);
        for (int i = 0; i < seeds.size(); i++) {
            List<float[]> cell = voronoiCell(seeds, i, size);
            if (cell.size() < 3) {
                continue;
            }
            Path2D tile = new Path2D.Float();
            tile.moveTo(cell.get(0)[0], cell.get(0)[1]);
            for (float[] p : cell.subList(1, cell.size())) {
                tile.lineTo(p[0], p[1]);
            }
            tile.closePath();
            Color base = palette[random.nextInt(palette.length)];
            float[] seed = seeds.get(i);
            // Each tile is lit from the top left: a gentle gradient across it reads as glazed ceramic.
            g.setPaint(new GradientPaint(seed[0] - 14, seed[1] - 14, base.brighter(),
                    seed[0] + 14, seed[1] + 14, base.darker()));
            g.fill(tile);
            g.setColor(new Color(38, 34, 40));
            g.setStroke(new BasicStroke(3.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(tile);
            g.setColor(new Color(255, 255, 255, 90)); // a glint
            g.fill(circle(seed[0] - 5, seed[1] - 5, 2.5f));
        }
        g.dispose();
        return image;
    }

    /** The polygon of points closer to seed {@code index} than to any other, clipped to the image square. */
    private static List<float[]> voronoiCell(List<float[]> seeds, int index, int size) {
        List<float[]> polygon = new ArrayList<>(List.of(
                new float[]{-10, -10}, new float[]{size + 10, -10}, new float[]{size + 10, size + 10},
                new float[]{-10, size + 10}));
        float[] own = seeds.get(index);
        for (int j = 0; j < seeds.size() && polygon.size() >= 3; j++) {
            if (j == index) {
                continue;
            }
            float[] other = seeds.get(j);
            // Keep points p with (p - mid) . (other - own) <= 0: the half-plane on our side of the bisector.
            float nx = other[0] - own[0];
            float ny = other[1] - own[1];
            float mx = (own[0] + other[0]) / 2;
            float my = (own[1] + other[1]) / 2;
            List<float[]> clipped = new ArrayList<>();
            for (int k = 0; k < polygon.size(); k++) {
                float[] a = polygon.get(k);
                float[] b = polygon.get((k + 1) % polygon.size());
                float da = (a[0] - mx) * nx + (a[1] - my) * ny;
                float db = (b[0] - mx) * nx + (b[1] - my) * ny;
                if (da <= 0) {
                    clipped.add(a);
                }
                if ((da < 0 && db > 0) || (da > 0 && db < 0)) {
                    float t = da / (da - db);
                    clipped.add(new float[]{a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])});
                }
            }
            polygon = clipped;
        }
        return polygon;
    }

    /** Swirling brush strokes along a flow field, in a woodblock-print palette of blues and foam. */
    static BufferedImage waves() {
        int size = 256;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = smooth(image);
        Random random = new Random(5);
        Color[] blues = {new Color(16, 38, 82), new Color(28, 62, 120), new Color(44, 96, 160),
                new Color(92, 146, 196), new Color(150, 190, 215)};
        Color foam = new Color(242, 236, 214);
        Color sand = new Color(222, 196, 140);

        g.setPaint(new GradientPaint(0, 0, new Color(224, 204, 160), 0, size, new Color(20, 44, 90)));
        g.fillRect(0, 0, size, size);

        for (int i = 0; i < 700; i++) {
            float x = random.nextFloat() * (size + 40) - 20;
            float y = random.nextFloat() * (size + 40) - 20;
            float depth = Math.min(1f, Math.max(0f, y / size));
            Color color;
            float roll = random.nextFloat();
            if (roll < 0.12f) {
                color = foam;
            } else if (roll < 0.17f && depth < 0.5f) {
                color = sand;
            } else {
                int shade = Math.min(blues.length - 1, (int) ((1 - depth) * 3 + random.nextInt(3)));
                color = blues[shade];
            }
            float width = 2f + random.nextFloat() * 5f;
            g.setColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 150 + random.nextInt(90)));
            g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(flowLine(x, y, 12 + random.nextInt(18), 3f));
        }
        // Curling crests: spirals of foam with blue cores.
        for (int i = 0; i < 9; i++) {
            float cx = 20 + random.nextFloat() * (size - 40);
            float cy = 30 + random.nextFloat() * (size - 60);
            float radius = 12 + random.nextFloat() * 18;
            g.setStroke(new BasicStroke(4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(new Color(blues[1].getRed(), blues[1].getGreen(), blues[1].getBlue(), 220));
            g.draw(spiral(cx, cy, radius, random.nextBoolean()));
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(foam);
            g.draw(spiral(cx + 1, cy - 1, radius * 0.9f, random.nextBoolean()));
        }
        g.dispose();
        return image;
    }

    /** A polyline that follows a smooth swirling vector field from (x, y). */
    private static Path2D flowLine(float x, float y, int steps, float stepLength) {
        Path2D line = new Path2D.Float();
        line.moveTo(x, y);
        for (int s = 0; s < steps; s++) {
            double angle = 1.6 * StrictMath.sin(x * 0.025) + 1.4 * StrictMath.cos(y * 0.031) + 0.8 * StrictMath.sin((x + y) * 0.012);
            x += (float) (StrictMath.cos(angle) * stepLength);
            y += (float) (StrictMath.sin(angle) * stepLength);
            line.lineTo(x, y);
        }
        return line;
    }

    private static Path2D spiral(float cx, float cy, float radius, boolean clockwise) {
        Path2D path = new Path2D.Float();
        int points = 60;
        for (int i = 0; i <= points; i++) {
            double t = (double) i / points;
            double angle = (clockwise ? 1 : -1) * t * 3.2 * Math.PI;
            double r = radius * (1 - 0.85 * t);
            float px = (float) (cx + r * StrictMath.cos(angle));
            float py = (float) (cy + r * StrictMath.sin(angle));
            if (i == 0) {
                path.moveTo(px, py);
            } else {
                path.lineTo(px, py);
            }
        }
        return path;
    }
}
