package io.github.stylize.maven.mojo;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ResolveWeightsTest {
    final Path basedir = Path.of("/work/project");

    @Test
    void relativeWeightsPathsResolveAgainstTheProjectNotTheWorkingDirectory() {
        assertEquals(Path.of("/work/project/weights/vgg19.h5").toString(),
                GenerateMojo.resolveWeights("weights/vgg19.h5", basedir));
        assertEquals(Path.of("/work/shared/vgg19.h5").toString(),
                GenerateMojo.resolveWeights("../shared/vgg19.h5", basedir));
    }

    @Test
    void keywordsUrlsAndAbsolutePathsPassUnchanged() {
        assertNull(GenerateMojo.resolveWeights("  ", basedir));
        assertEquals("random", GenerateMojo.resolveWeights(" random ", basedir));
        assertEquals("DEFAULT", GenerateMojo.resolveWeights("DEFAULT", basedir));
        assertEquals("https://example.org/vgg19.h5", GenerateMojo.resolveWeights("https://example.org/vgg19.h5", basedir));
        assertEquals("file:/opt/vgg19.h5", GenerateMojo.resolveWeights("file:/opt/vgg19.h5", basedir));
        assertEquals("/opt/vgg19.h5", GenerateMojo.resolveWeights("/opt/vgg19.h5", basedir));
    }
}
