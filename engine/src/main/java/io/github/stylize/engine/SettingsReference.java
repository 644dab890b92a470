package io.github.stylize.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference of every setting, rendered from the table of {@link StyleSettings}: a Markdown table for README.md and
 * the site (a test checks that they hold it), and an HTML list for the javadoc of the plugin's {@code defaults}
 * parameter, from which Maven generates the goal reference ({@link #main} fills it in at build time).
 */
public final class SettingsReference {
    /** Where {@link #fill} puts the HTML list in a template. */
    public static final String JAVADOC_PLACEHOLDER = "{{settings.javadoc}}";

    private static final Pattern CODE = Pattern.compile("`([^`]*)`");

    private SettingsReference() {
    }

    /** One row per setting: name, default, what is allowed, whether it is in the cache key, and what it does. */
    public static String markdownTable() {
        StringBuilder s = new StringBuilder("| setting | default | allowed | in the cache key | what it does |\n")
                .append("|---|---|---|---|---|\n");
        for (Setting<?> setting : StyleSettings.settings()) {
            s.append("| `").append(setting.name()).append("` | ").append(markdownDefault(setting)).append(" | ")
                    .append(setting.allowed().replace("|", "\\|")).append(" | ").append(setting.keyRule())
                    .append(" | ").append(setting.doc().replace("|", "\\|")).append(" |\n");
        }
        return s.toString();
    }

    /** The same as HTML list items, one a line, for a javadoc comment. */
    public static String javadocList() {
        StringBuilder s = new StringBuilder("<ul>\n");
        for (Setting<?> setting : StyleSettings.settings()) {
            s.append("  <li><code>").append(setting.name()).append("</code>: ").append(html(setting.doc()))
                    .append(" Allowed: ").append(html(setting.allowed())).append(". Default ")
                    .append(html(markdownDefault(setting)))
                    .append('.').append(switch (setting.keyRule()) {
                        case "yes" -> "";
                        case "no" -> " Not part of the cache key.";
                        default -> " Part of the cache key only " + html(setting.keyRule()) + ".";
                    }).append("</li>\n");
        }
        return s.append("</ul>").toString();
    }

    /**
     * {@code template} with the line holding {@link #JAVADOC_PLACEHOLDER} replaced by {@link #javadocList()}, each line
     * behind the placeholder's own prefix (such as {@code "     * "} in a javadoc comment).
     */
    public static String fill(String template) {
        StringBuilder out = new StringBuilder();
        for (String line : template.split("\n", -1)) {
            int at = line.indexOf(JAVADOC_PLACEHOLDER);
            if (at < 0) {
                out.append(line).append('\n');
                continue;
            }
            String prefix = line.substring(0, at);
            for (String item : javadocList().split("\n")) {
                out.append(prefix).append(item).append('\n');
            }
        }
        return out.substring(0, out.length() - 1);
    }

    /**
     * Writes {@code args[0]}, a template, to {@code args[1]} with the settings filled in; the plugin's build runs it to
     * generate the {@code defaults} parameter's source.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: SettingsReference <template> <output>");
        }
        String template = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        if (!template.contains(JAVADOC_PLACEHOLDER)) {
            throw new IllegalArgumentException(args[0] + " has no " + JAVADOC_PLACEHOLDER);
        }
        Path output = Path.of(args[1]);
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, fill(template), StandardCharsets.UTF_8);
    }

    private static String markdownDefault(Setting<?> setting) {
        return setting.defaultValue() == null ? setting.defaultText() : "`" + setting.defaultText() + "`";
    }

    /** Escaped for HTML, with {@code `x`} as {@code <code>x</code>}. */
    private static String html(String text) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("*/", "*&#47;").replace("@", "&#64;");
        return CODE.matcher(escaped).replaceAll(m -> "<code>" + Matcher.quoteReplacement(m.group(1)) + "</code>");
    }
}
