package io.github.stylize.maven.report;

import io.github.stylize.engine.RunTimings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The end-of-build table: one row per asset with its result, time and output, in aligned columns. */
public final class SummaryTable {
    private final List<String[]> rows = new ArrayList<>();

    public void add(String id, String result, long millis, String output) {
        rows.add(new String[] {id, result, seconds(millis), output});
    }

    /** The table's lines, header first. */
    public List<String> lines() {
        String[] header = {"asset", "result", "time", "output"};
        int[] width = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            width[c] = header[c].length();
            for (String[] row : rows) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(format(header, width));
        for (String[] row : rows) {
            lines.add(format(row, width));
        }
        return lines;
    }

    private static String format(String[] row, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < row.length; c++) {
            boolean last = c == row.length - 1;
            // The time column is right-aligned so the decimal points line up.
            String cell = c == 2 ? pad(row[c], width[c], true) : last ? row[c] : pad(row[c], width[c], false);
            line.append(cell);
            if (!last) {
                line.append("  ");
            }
        }
        return line.toString().stripTrailing();
    }

    private static String pad(String s, int width, boolean right) {
        String spaces = " ".repeat(width - s.length());
        return right ? spaces + s : s + spaces;
    }

    public static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /**
     * A run's work and its pace, for the log and the report: {@code 312 evaluations, 0.13 s each} (milliseconds
     * below a tenth of a second: {@code 48 evaluations, 4.2 ms each}).
     */
    public static String evaluations(RunTimings timings) {
        int n = timings.evaluations();
        String count = n + (n == 1 ? " evaluation" : " evaluations");
        if (n == 0) {
            return count;
        }
        double each = timings.millisPerEvaluation();
        return count + ", " + (each < 100 ? String.format(Locale.ROOT, "%.1f ms", each)
                : String.format(Locale.ROOT, "%.2f s", each / 1000)) + " each";
    }
}
