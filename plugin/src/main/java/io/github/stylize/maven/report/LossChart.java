package io.github.stylize.maven.report;

import io.github.stylize.engine.IterationLoss;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * An inline SVG line chart of loss curves over iterations, with a log-scale y axis (the terms differ by orders of
 * magnitude and fall fast at first). Each curve is one {@code <path>}; points that cannot be drawn on a log scale
 * (zero, negative, not finite) break the line. A curve that is zero throughout is not drawn, and the legend says so.
 */
public final class LossChart {
    /** One curve: a legend label, a colour and its points (iteration, value). */
    public record Series(String label, String color, List<double[]> points) {
        public Series {
            points = List.copyOf(points);
        }

        boolean allZero() {
            return points.stream().allMatch(p -> p[1] == 0.0);
        }
    }

    static final int WIDTH = 640;
    /** Height of the plot area; the legend's rows come on top of it. */
    private static final int PLOT_HEIGHT = 200;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int LEGEND_ROW = 18;
    private static final int BOTTOM = 40;

    private static final String[][] TERMS = {
            {"content", "#1f77b4"}, {"style", "#d62728"}, {"tv", "#2ca02c"}, {"total", "#222222"}};
    /** Colours for comparing assets (Tableau 10, distinguishable in print and for most colour-blind readers). */
    private static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
            "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

    private final String title;
    private final List<Series> series;

    public LossChart(String title, List<Series> series) {
        this.title = title;
        this.series = List.copyOf(series);
    }

    /** The four terms of one run: content, style, total variation and total. */
    public static LossChart ofTerms(String title, List<IterationLoss> losses) {
        List<Series> series = new ArrayList<>();
        List<ToDoubleFunction<IterationLoss>> values = List.of(IterationLoss::content, IterationLoss::style,
                IterationLoss::tv, IterationLoss::total);
        for (int t = 0; t < TERMS.length; t++) {
            series.add(new Series(TERMS[t][0], TERMS[t][1], points(losses, values.get(t))));
        }
        return new LossChart(title, series);
    }

    /** One total-loss curve per run, labelled, for comparing runs that differ in their settings. */
    public static LossChart ofTotals(String title, List<String> labels, List<List<IterationLoss>> runs) {
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            series.add(new Series(labels.get(i), PALETTE[i % PALETTE.length], points(runs.get(i), IterationLoss::total)));
        }
        return new LossChart(title, series);
    }

    private static List<double[]> points(List<IterationLoss> losses, ToDoubleFunction<IterationLoss> value) {
        List<double[]> points = new ArrayList<>();
        for (IterationLoss l : losses) {
            points.add(new double[] {l.iteration(), value.applyAsDouble(l)});
        }
        return points;
    }

    public String toSvg() {
        List<Series> drawn = series.stream().filter(s -> !s.allZero()).toList();
        double minY = Double.POSITIVE_INFINITY;
        double maxY = 0;
        double maxX = 1;
        for (Series s : drawn) {
            for (double[] p : s.points()) {
                maxX = Math.max(maxX, p[0]);
                if (drawable(p[1])) {
                    minY = Math.min(minY, p[1]);
                    maxY = Math.max(maxY, p[1]);
                }
            }
        }
        StringBuilder legend = new StringBuilder();
        int top = legend(legend) + 10;
        int height = top + PLOT_HEIGHT + BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"loss-chart\" xmlns=\"http://www.w3.org/2000/svg\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", WIDTH, height, Html.escape(title)));
        svg.append("<title>").append(Html.escape(title)).append("</title>").append(legend);
        if (maxY == 0) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"empty\">"
                    + "no positive loss values to draw</text></svg>", WIDTH / 2, top + PLOT_HEIGHT / 2));
            return svg.toString();
        }
        int lowDecade = (int) Math.floor(Math.log10(minY));
        int highDecade = (int) Math.ceil(Math.log10(maxY));
        if (highDecade == lowDecade) {
            highDecade++;
        }
        Scale x = new Scale(0, maxX, LEFT, WIDTH - RIGHT);
        Scale y = new Scale(lowDecade, highDecade, top + PLOT_HEIGHT, top);
        axes(svg, x, y, top, lowDecade, highDecade, maxX);
        for (Series s : drawn) {
            svg.append("<path class=\"curve\" data-label=\"").append(Html.escape(s.label()))
                    .append("\" fill=\"none\" stroke=\"").append(s.color())
                    .append("\" stroke-width=\"2\" stroke-linejoin=\"round\" d=\"")
                    .append(pathData(s, x, y)).append("\"><title>").append(Html.escape(s.label()))
                    .append("</title></path>");
        }
        return svg.append("</svg>").toString();
    }

    /** Writes the legend in rows above the plot; returns the y where its last row ends. */
    private int legend(StringBuilder svg) {
        double at = LEFT;
        int rowY = 16;
        for (Series s : series) {
            boolean skipped = s.allZero();
            String text = skipped ? s.label() + ": 0 throughout, not drawn" : s.label();
            // Text width estimated at 6.5 px per character of the 12 px sans-serif font.
            double width = 24 + text.length() * 6.5;
            if (at > LEFT && at + width > WIDTH - RIGHT) {
                at = LEFT;
                rowY += LEGEND_ROW;
            }
            svg.append("<g class=\"legend-item").append(skipped ? " skipped" : "").append("\">");
            if (skipped) {
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" "
                        + "stroke-width=\"2\" stroke-dasharray=\"2 3\"/>", at, rowY, at + 18, rowY, s.color()));
            } else {
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"18\" height=\"6\" fill=\"%s\"/>",
                        at, rowY - 3, s.color()));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text></g>", at + 24, rowY + 4,
                    Html.escape(text)));
            at += width + 18;
        }
        return rowY + 8;
    }

    private static void axes(StringBuilder svg, Scale x, Scale y, int top, int lowDecade, int highDecade, double maxX) {
        int bottom = top + PLOT_HEIGHT;
        svg.append("<g class=\"axes\">");
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"plot\"/>",
                LEFT, top, WIDTH - LEFT - RIGHT, PLOT_HEIGHT));
        int decades = highDecade - lowDecade;
        int step = Math.max(1, (int) Math.ceil(decades / 6.0));
        for (int d = lowDecade; d <= highDecade; d += step) {
            yTick(svg, y, d, "1e" + d, true);
            // Few decades: label 2 and 5 within each one too, or the axis would show just two numbers.
            if (decades <= 2 && d < highDecade) {
                yTick(svg, y, d + Math.log10(2), "2e" + d, false);
                yTick(svg, y, d + Math.log10(5), "5e" + d, false);
            }
        }
        double xStep = niceStep(maxX);
        for (double it = 0; it <= maxX + 1e-9; it += xStep) {
            double px = x.at(it);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"grid\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    px, top, px, bottom, px, bottom + 16, Html.number(it)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"axis-label\">"
                + "iteration</text>", (LEFT + WIDTH - RIGHT) / 2, bottom + 34));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(14 %d) rotate(-90)\" text-anchor=\"middle\" "
                + "class=\"axis-label\">loss (log scale)</text>", (top + bottom) / 2));
        svg.append("</g>");
    }

    private static void yTick(StringBuilder svg, Scale y, double log10, String label, boolean major) {
        double py = y.at(log10);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"%s\"/>"
                + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                LEFT, py, WIDTH - RIGHT, py, major ? "grid" : "grid minor", LEFT - 6, py + 4, label));
    }

    /** A step of 1, 2 or 5 times a power of ten that gives at most 8 ticks from 0 to {@code max}. */
    static double niceStep(double max) {
        double raw = max / 8;
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= raw) {
                return Math.max(1, m * power);
            }
        }
        return Math.max(1, 10 * power);
    }

    private static String pathData(Series s, Scale x, Scale y) {
        StringBuilder d = new StringBuilder();
        boolean penDown = false;
        for (double[] p : s.points()) {
            if (!drawable(p[1])) {
                penDown = false;
                continue;
            }
            if (d.length() > 0) {
                d.append(' ');
            }
            d.append(penDown ? 'L' : 'M').append(String.format(Locale.ROOT, "%.1f %.1f", x.at(p[0]), y.at(Math.log10(p[1]))));
            penDown = true;
        }
        return d.toString();
    }

    private static boolean drawable(double v) {
        return v > 0 && Double.isFinite(v);
    }

    /** Linear map from a data interval onto a pixel interval. */
    private record Scale(double from, double to, double pixelFrom, double pixelTo) {
        double at(double v) {
            return pixelFrom + (v - from) / (to - from) * (pixelTo - pixelFrom);
        }
    }
}
