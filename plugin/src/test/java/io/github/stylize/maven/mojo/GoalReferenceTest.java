package io.github.stylize.maven.mojo;

import io.github.stylize.engine.Setting;
import io.github.stylize.engine.StyleSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The goal reference (the site's generate-mojo page and {@code mvn stylize:help -Ddetail}, both made from the plugin
 * descriptor) documents every setting of the engine's table under {@code defaults}: its javadoc is generated from
 * the table at build time, and this checks that the descriptor the build made carries it.
 */
class GoalReferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"/META-INF/maven/plugin.xml",
            "/META-INF/maven/io.github.stylize/stylize-maven-plugin/plugin-help.xml"})
    void theDefaultsParameterListsEverySettingWithItsDoc(String descriptor) throws Exception {
        String description = defaultsDescription(descriptor);
        for (Setting<?> setting : StyleSettings.settings()) {
            // The descriptor holds the javadoc as plain text: one "* name: doc" line per list item, code unmarked.
            String entry = "* " + setting.name() + ": " + setting.doc().replace("`", "");
            assertTrue(description.contains(entry), descriptor + " lacks " + entry + "\n" + description);
        }
    }

    private static String defaultsDescription(String descriptor) throws Exception {
        try (InputStream in = GoalReferenceTest.class.getResourceAsStream(descriptor)) {
            assertNotNull(in, descriptor + " is made by maven-plugin-plugin before the tests run");
            NodeList parameters = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in)
                    .getElementsByTagName("parameter");
            String found = null;
            for (int i = 0; i < parameters.getLength(); i++) {
                Element parameter = (Element) parameters.item(i);
                if (text(parameter, "name").equals("defaults")) {
                    assertEquals(null, found, "one defaults parameter");
                    found = text(parameter, "description");
                }
            }
            assertNotNull(found, "no defaults parameter in " + descriptor);
            return found;
        }
    }

    private static String text(Element parent, String child) {
        NodeList nodes = parent.getElementsByTagName(child);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
    }
}
