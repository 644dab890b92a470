package io.github.stylize.maven.plan;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OutputPathsTest {
    @Test
    void normalizesSeparatorsDotsAndInnerParentSegments() {
        assertEquals("images/harbor.png", OutputPaths.normalize("./images//harbor.png"));
        assertEquals("images/harbor.png", OutputPaths.normalize("images\\tmp\\..\\harbor.png"));
    }

    @Test
    void rejectsPathsThatLeaveTheOutputDirectory() {
        assertThrows(IllegalArgumentException.class, () -> OutputPaths.normalize("../harbor.png"));
        assertThrows(IllegalArgumentException.class, () -> OutputPaths.normalize("a/../../harbor.png"));
        assertThrows(IllegalArgumentException.class, () -> OutputPaths.normalize("/tmp/harbor.png"));
        assertThrows(IllegalArgumentException.class, () -> OutputPaths.normalize("C:\\harbor.png"));
    }

    @Test
    void extensionIsThatOfTheFileName() {
        assertEquals("png", OutputPaths.extension("a.b/harbor.PNG"));
        assertEquals("", OutputPaths.extension("a.b/harbor"));
        assertEquals("a.b/harbor", OutputPaths.withoutExtension("a.b/harbor"));
        assertEquals("a.b/harbor", OutputPaths.withoutExtension("a.b/harbor.png"));
    }
}
