package io.github.stylize.maven.mojo;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ParameterNamesTest {
    static final Set<String> KNOWN = Set.of("defaults", "stylizations", "batches", "weights", "weightsSha256",
            "outputDirectory", "cacheDirectory", "styleWeight", "size", "seed", "skip", "force", "only");

    @Test
    void aMisspelledNameIsNamedWithTheClosestKnownOne() {
        assertEquals(List.of("<default> in the plugin's <configuration> is not a stylize parameter; did you mean"
                + " <defaults>? (Maven would ignore it and build with other settings than you meant)"),
                ParameterNames.unknown(List.of("weights", "default"), KNOWN, "the plugin's <configuration>"));
        assertEquals("styleWeight", ParameterNames.closest("stylWeight", KNOWN));
        assertEquals("outputDirectory", ParameterNames.closest("outputdirectory", KNOWN));
        assertNull(ParameterNames.closest("size", Set.of("seed")), "short names that differ are not typos of each other");
    }

    @Test
    void aNameFarFromEveryKnownOneGetsNoGuess() {
        assertNull(ParameterNames.closest("colour", KNOWN));
        assertEquals(List.of("<colour> in stylization 'a' is not a stylize parameter; remove it (Maven would ignore it"
                + " and build with other settings than you meant)"),
                ParameterNames.unknown(List.of("colour"), KNOWN, "stylization 'a'"));
        assertEquals(List.of(), ParameterNames.unknown(List.copyOf(KNOWN), KNOWN, "x"));
    }
}
