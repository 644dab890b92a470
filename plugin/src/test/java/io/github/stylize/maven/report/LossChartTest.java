package io.github.stylize.maven.report;

import io.github.stylize.engine.IterationLoss;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LossChartTest {
    private static final Pattern CURVE = Pattern.compile("<path class=\"curve\" data-label=\"([^\"]*)\"[^>]* d=\"([^\"]*)\"");

    @Test
    void oneCurvePerTermAndTheZeroTermOnlyInTheLegend() {
        List<IterationLoss> losses = List.of(new IterationLoss(0, 10, 1000, 0, 1010),
                new IterationLoss(1, 20, 100, 0, 120), new IterationLoss(2, 30, 10, 0, 40));
        String svg = LossChart.ofTerms("Losses of a", losses).toSvg();

        assertEquals(List.of("content", "style", "total"), curves(svg).stream().map(c -> c[0]).toList());
        assertTrue(svg.contains("tv: 0 throughout, not drawn"));
        assertTrue(svg.startsWith("<svg class=\"loss-chart\""));
        assertTrue(svg.contains(">1e1<") && svg.contains(">1e3<") && svg.contains(">1e4<"), "decade ticks: " + svg);
    }

    @Test
    void theYAxisIsLogarithmic() {
        // style falls by exactly one decade per iteration: equal steps in pixels.
        List<IterationLoss> losses = List.of(new IterationLoss(0, 1, 1000, 0, 1001),
                new IterationLoss(1, 1, 100, 0, 101), new IterationLoss(2, 1, 10, 0, 11));
        String[] style = curves(LossChart.ofTerms("t", losses).toSvg()).get(1);
        assertEquals("style", style[0]);
        double[] y = ys(style[1]);
        assertEquals(3, y.length);
        assertEquals(y[1] - y[0], y[2] - y[1], 0.11);
        assertTrue(y[2] > y[1] && y[1] > y[0], "smaller losses lower on the chart (larger SVG y)");
    }

    @Test
    void pointsThatALogScaleCannotShowBreakTheLine() {
        List<IterationLoss> losses = List.of(new IterationLoss(0, 5, 50, 1, 56), new IterationLoss(1, 5, 40, 0, 45),
                new IterationLoss(2, 5, Double.NaN, 1, Double.NaN), new IterationLoss(3, 5, 20, 1, 26));
        List<String[]> curves = curves(LossChart.ofTerms("t", losses).toSvg());
        String tv = curves.stream().filter(c -> c[0].equals("tv")).findFirst().orElseThrow()[1];
        assertEquals(2, tv.split("M").length - 1, "the tv line restarts after its zero: " + tv);
        String style = curves.stream().filter(c -> c[0].equals("style")).findFirst().orElseThrow()[1];
        assertFalse(style.contains("NaN"));
        assertEquals(2, style.split("M").length - 1, style);
    }

    @Test
    void labelsAreEscaped() {
        String svg = LossChart.ofTotals("Total of <a>", List.of("<a>&"), List.of(List.of(
                new IterationLoss(0, 1, 1, 0, 2), new IterationLoss(1, 1, 1, 0, 1.5)))).toSvg();
        assertFalse(svg.contains("<a>"));
        assertTrue(svg.contains("&lt;a&gt;&amp;"));
    }

    @Test
    void xTicksAreRoundNumbers() {
        assertEquals(1, LossChart.niceStep(8));
        assertEquals(50, LossChart.niceStep(300));
        assertEquals(200, LossChart.niceStep(1000));
    }

    private static List<String[]> curves(String svg) {
        Matcher m = CURVE.matcher(svg);
        List<String[]> curves = new ArrayList<>();
        while (m.find()) {
            curves.add(new String[] {m.group(1), m.group(2)});
        }
        return curves;
    }

    private static double[] ys(String d) {
        String[] parts = d.replaceAll("[ML]", " ").trim().split("\\s+");
        double[] y = new double[parts.length / 2];
        for (int i = 0; i < y.length; i++) {
            y[i] = Double.parseDouble(parts[2 * i + 1]);
        }
        return y;
    }
}
