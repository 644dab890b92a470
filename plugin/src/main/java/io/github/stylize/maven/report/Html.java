package io.github.stylize.maven.report;

import io.github.stylize.maven.json.Json;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Escaping and formatting for the report's HTML and SVG. Every text from user files passes through here. */
final class Html {
    private Html() {
    }

    /** Text escaped for element content and for double-quoted attribute values alike. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // Control characters other than tab and newlines are not allowed in HTML text.
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * One path segment of a relative URL: unreserved characters stay, everything else (spaces, '#', '?', '%',
     * non-ASCII) is percent-encoded as UTF-8, so a file named {@code a #1.png} still links to itself.
     */
    static String encodeSegment(String segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (unreserved) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** A relative URL from '/'-separated segments, each encoded. */
    static String encodePath(List<String> segments) {
        StringBuilder out = new StringBuilder();
        for (String s : segments) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(s.equals("..") ? ".." : encodeSegment(s));
        }
        return out.toString();
    }

    /** A fragment identifier made of safe characters, for {@code id} attributes and {@code #} links. */
    static String anchor(String prefix, int index, String name) {
        return prefix + index + "-" + name.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    /** A setting's value as the configuration would spell it: integral doubles without ".0", lists comma-separated. */
    static String value(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder();
            for (Object o : list) {
                if (out.length() > 0) {
                    out.append(", ");
                }
                out.append(value(o));
            }
            return out.toString();
        }
        if (value instanceof Map<?, ?>) {
            return Json.write(value).strip();
        }
        if (value instanceof Double || value instanceof Float) {
            return number(((Number) value).doubleValue());
        }
        return String.valueOf(value);
    }

    /** A number in at most 4 significant digits: 1000, 0.6, 1.235e+05. */
    static String number(double d) {
        if (!Double.isFinite(d)) {
            return Double.toString(d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e7) {
            return Long.toString((long) d);
        }
        double abs = Math.abs(d);
        if (abs >= 1e-3 && abs < 1e7) {
            DecimalFormat f = new DecimalFormat("0.####", DecimalFormatSymbols.getInstance(Locale.ROOT));
            return f.format(d);
        }
        return String.format(Locale.ROOT, "%.3e", d);
    }

    /** A loss value for tables: three significant digits in scientific notation. */
    static String loss(double d) {
        return Double.isFinite(d) ? String.format(Locale.ROOT, "%.3g", d) : Double.toString(d);
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
