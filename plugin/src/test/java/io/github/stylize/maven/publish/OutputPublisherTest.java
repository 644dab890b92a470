package io.github.stylize.maven.publish;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputPublisherTest {
    @TempDir
    Path dir;

    @Test
    void publishCopiesAndLeavesAnIdenticalOutputUntouched() throws IOException {
        Path image = Files.write(dir.resolve("cached.png"), new byte[] {1, 2, 3});
        OutputPublisher publisher = new OutputPublisher(dir.resolve("out"));

        assertTrue(publisher.publish("a/b/harbor.png", image));
        Path target = dir.resolve("out/a/b/harbor.png");
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));

        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(target, old);
        assertFalse(publisher.publish("a/b/harbor.png", image));
        assertEquals(old, Files.getLastModifiedTime(target), "an up-to-date output is not rewritten");

        Files.write(image, new byte[] {4});
        assertTrue(publisher.publish("a/b/harbor.png", image));
        assertArrayEquals(new byte[] {4}, Files.readAllBytes(target));
        try (var files = Files.list(target.getParent())) {
            assertEquals(List.of(target), files.toList(), "no temporary files left");
        }
    }

    @Test
    void removeStaleDeletesOnlyRecordedFilesNoLongerDeclaredAndPrunesEmptyDirectories() throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("sprites"));
        Files.write(out.resolve("keep.png"), new byte[] {1});
        Files.write(out.resolve("sprites/gone.png"), new byte[] {1});
        Files.write(out.resolve("users-own.txt"), new byte[] {1});
        Files.write(dir.resolve("outside.png"), new byte[] {1});

        List<String> removed = OutputPublisher.removeStale(out,
                Set.of("keep.png", "sprites/gone.png", "../outside.png"), Set.of("keep.png"));

        assertEquals(List.of("sprites/gone.png"), removed);
        assertTrue(Files.exists(out.resolve("keep.png")));
        assertTrue(Files.exists(out.resolve("users-own.txt")), "files we never wrote are not touched");
        assertTrue(Files.exists(dir.resolve("outside.png")), "a manifest entry escaping the directory is ignored");
        assertFalse(Files.exists(out.resolve("sprites")), "emptied directory removed");
        assertTrue(Files.exists(out));
    }

    @Test
    void manifestRoundTrips() throws IOException {
        OutputManifest m = new OutputManifest(dir.resolve("out"), Set.of("a.png", "s/b.png"), Set.of("a.json"));
        Path file = dir.resolve("target/stylize/outputs-default.txt");
        m.write(file);
        OutputManifest back = OutputManifest.read(file);
        assertEquals(m.outputs(), back.outputs());
        assertEquals(m.metadata(), back.metadata());
        assertEquals(dir.resolve("out").toAbsolutePath(), back.outputDirectory());
        assertEquals(null, OutputManifest.read(dir.resolve("none.txt")));
    }
}
