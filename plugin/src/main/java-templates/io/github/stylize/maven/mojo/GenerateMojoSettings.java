package io.github.stylize.maven.mojo;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/**
 * The {@code defaults} parameter of {@link GenerateMojo}. Its javadoc, which Maven turns into the goal reference and
 * {@code mvn stylize:help -Ddetail}, lists the engine's settings: the build fills them in from the engine's table
 * (the settings-reference execution in plugin/pom.xml), so a new setting needs no change in the plugin.
 */
abstract class GenerateMojoSettings extends AbstractMojo {

    /**
     * Settings for every stylization and batch that does not set its own (an unset one takes the engine default). A
     * {@code <stylization>} or {@code <batch>} takes the same settings, overriding these for its assets. A list is
     * written as child elements ({@code <styleLayers><styleLayer>conv1_1</styleLayer>...}) or comma-separated; a
     * misspelled setting fails the build, naming the setting it resembles.
     * {{settings.javadoc}}
     * Every setting is part of the cache key unless its entry says otherwise, as {@code StyleSettings.canonicalForm()}
     * writes it.
     */
    @Parameter
    PlexusConfiguration defaults;
}
