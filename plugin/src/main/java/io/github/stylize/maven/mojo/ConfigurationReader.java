package io.github.stylize.maven.mojo;

import io.github.stylize.engine.Setting;
import io.github.stylize.engine.StyleSettings;
import io.github.stylize.maven.plan.BatchDeclaration;
import io.github.stylize.maven.plan.Overrides;
import io.github.stylize.maven.plan.StyleDeclaration;
import io.github.stylize.maven.plan.StylizationDeclaration;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.codehaus.plexus.configuration.PlexusConfiguration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Reads {@code <defaults>}, {@code <stylizations>} and {@code <batches>}. Maven hands them over as XML, not bound to
 * fields, so that every setting of the engine's table ({@link StyleSettings#settings()}) is accepted by its name
 * without a field here, and an element that names nothing gets a "did you mean" from the planner with its asset.
 * Like Maven's own binding, it evaluates {@code ${...}} expressions, resolves paths against the project directory,
 * accepts {@code style-weight} for {@code styleWeight}, and takes a list as child elements or comma-separated text.
 */
final class ConfigurationReader {
    static final List<String> STYLIZATION_PARAMETERS = List.of("id", "content", "contentMask", "style", "styles",
            "output");
    static final List<String> BATCH_PARAMETERS =
            List.of("id", "directory", "includes", "excludes", "style", "styles", "outputDirectory");

    private final Path basedir;
    private final UnaryOperator<String> expressions;

    /**
     * @param basedir     the project directory, against which relative paths resolve
     * @param expressions evaluates the {@code ${...}} expressions in a text
     */
    ConfigurationReader(Path basedir, UnaryOperator<String> expressions) {
        this.basedir = basedir;
        this.expressions = expressions;
    }

    /** A reader that evaluates expressions as Maven does for the parameters it binds itself. */
    static ConfigurationReader of(Path basedir, MavenSession session, MojoExecution execution) {
        return new ConfigurationReader(basedir, text -> {
            // Only text with an expression needs the evaluator, which wants a full session.
            if (session == null || !text.contains("${")) {
                return text;
            }
            try {
                Object value = new PluginParameterExpressionEvaluator(session, execution).evaluate(text);
                return value == null ? null : String.valueOf(value);
            } catch (ExpressionEvaluationException e) {
                return text; // left as written: the setting's own message then shows it
            }
        });
    }

    Overrides defaults(PlexusConfiguration defaults) {
        return defaults == null ? Overrides.NONE : settings(defaults, List.of(), "<defaults>");
    }

    List<StylizationDeclaration> stylizations(PlexusConfiguration stylizations) {
        List<StylizationDeclaration> declared = new ArrayList<>();
        for (PlexusConfiguration s : children(stylizations)) {
            declared.add(new StylizationDeclaration(text(s, "id"), path(s, "content"), path(s, "contentMask"),
                    path(s, "style"),
                    styles(s), text(s, "output"), settings(s, STYLIZATION_PARAMETERS, "<stylization>")));
        }
        return declared;
    }

    List<BatchDeclaration> batches(PlexusConfiguration batches) {
        List<BatchDeclaration> declared = new ArrayList<>();
        for (PlexusConfiguration b : children(batches)) {
            declared.add(new BatchDeclaration(text(b, "id"), path(b, "directory"), texts(b, "includes"),
                    texts(b, "excludes"), path(b, "style"), styles(b), text(b, "outputDirectory"),
                    settings(b, BATCH_PARAMETERS, "<batch>")));
        }
        return declared;
    }

    /**
     * The {@code <styles>} list: each child (conventionally {@code <style>}) with its {@code <image>} and
     * {@code <weight>}; null if the element is absent.
     */
    private List<StyleDeclaration> styles(PlexusConfiguration element) {
        PlexusConfiguration list = child(element, "styles");
        if (list == null) {
            return null;
        }
        List<StyleDeclaration> styles = new ArrayList<>();
        for (PlexusConfiguration style : list.getChildren()) {
            styles.add(new StyleDeclaration(path(style, "image"), text(style, "weight")));
        }
        return styles;
    }

    /** Every child of {@code element} that is not one of its {@code parameters}, as a setting. */
    private Overrides settings(PlexusConfiguration element, List<String> parameters, String elementName) {
        Overrides.Builder b = Overrides.builder();
        for (PlexusConfiguration child : element.getChildren()) {
            String name = camelCase(child.getName());
            if (parameters.contains(name)) {
                continue;
            }
            Optional<Setting<?>> setting = StyleSettings.setting(name);
            if (setting.isEmpty()) {
                b.unknown(name, unknownMessage(name, parameters, elementName));
                continue;
            }
            String value = value(child);
            if (setting.get().isList() && (child.getChildCount() > 0 || value == null)) {
                b.set(name, itemTexts(child));
            } else if (value != null) {
                b.set(name, value); // a list setting's text is split at commas by the setting
            }
        }
        return b.build();
    }

    /** "is not a setting or a parameter of &lt;batch&gt;; did you mean styleWeight?" */
    static String unknownMessage(String name, List<String> parameters, String elementName) {
        List<String> known = Stream.concat(parameters.stream(), StyleSettings.settings().stream().map(Setting::name))
                .toList();
        String closest = null;
        int best = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = ParameterNames.distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < best) {
                best = distance;
                closest = candidate;
            }
        }
        String message = "is not a setting or a parameter of " + elementName;
        if (name.equals("contentMask") && !parameters.contains(name)) {
            return message + ": a mask fits one content image, so it belongs to a <stylization>; declare that image"
                    + " as a <stylization> with its <contentMask>";
        }
        if (best <= Math.max(2, name.length() / 4)) {
            return message + "; did you mean " + closest + "?";
        }
        return message + "; use one of " + String.join(", ", known);
    }

    private static List<PlexusConfiguration> children(PlexusConfiguration list) {
        return list == null ? List.of() : Arrays.asList(list.getChildren());
    }

    private String text(PlexusConfiguration element, String name) {
        PlexusConfiguration child = child(element, name);
        return child == null ? null : value(child);
    }

    /** The last child called {@code name}: as with Maven's binding, a repeated element's last value wins. */
    private static PlexusConfiguration child(PlexusConfiguration element, String name) {
        PlexusConfiguration found = null;
        for (PlexusConfiguration child : element.getChildren()) {
            if (camelCase(child.getName()).equals(name)) {
                found = child;
            }
        }
        return found;
    }

    private Path path(PlexusConfiguration element, String name) {
        String text = text(element, name);
        return text == null ? null : basedir.resolve(text).normalize();
    }

    /** A list: its child elements' texts, or its text split at commas; null if the element is absent. */
    private List<String> texts(PlexusConfiguration element, String name) {
        PlexusConfiguration child = child(element, name);
        if (child == null) {
            return null;
        }
        String value = value(child);
        if (child.getChildCount() == 0 && value != null) {
            return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        return itemTexts(child);
    }

    private List<String> itemTexts(PlexusConfiguration list) {
        List<String> items = new ArrayList<>();
        for (PlexusConfiguration item : list.getChildren()) {
            items.add(value(item));
        }
        return items;
    }

    /** The element's text with its expressions evaluated; null if it has none. */
    private String value(PlexusConfiguration element) {
        String text = element.getValue(null);
        if (text == null || text.isBlank()) {
            return null;
        }
        return expressions.apply(text.trim());
    }

    /** Maven's spelling rule for configuration elements: {@code style-weight} is {@code styleWeight}. */
    private static String camelCase(String name) {
        StringBuilder s = new StringBuilder();
        boolean upper = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '-') {
                upper = true;
            } else {
                s.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return s.toString();
    }
}
