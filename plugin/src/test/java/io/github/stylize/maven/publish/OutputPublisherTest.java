package io.github.stylize.maven.publish;

import io.github.stylize.engine.files.Digests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;
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
    void removeStaleDeletesOnlyRecordedUnchangedFilesNoLongerDeclaredAndPrunesEmptyDirectories() throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("sprites"));
        Files.write(out.resolve("keep.png"), new byte[] {1});
        Files.write(out.resolve("sprites/gone.png"), new byte[] {1});
        Files.write(out.resolve("changed.png"), new byte[] {9});
        Files.write(out.resolve("users-own.txt"), new byte[] {1});
        Files.write(dir.resolve("outside.png"), new byte[] {1});
        String one = Digests.sha256Hex(new byte[] {1});
        List<String> kept = new ArrayList<>();

        List<String> removed = OutputPublisher.removeStale(out, Map.of("keep.png", one, "sprites/gone.png", one,
                "../outside.png", one, "changed.png", one), Set.of("keep.png"), kept::add);

        assertEquals(List.of("sprites/gone.png"), removed);
        assertEquals(List.of("changed.png"), kept, "a file whose bytes changed since it was written is not ours");
        assertTrue(Files.exists(out.resolve("keep.png")));
        assertTrue(Files.exists(out.resolve("changed.png")));
        assertTrue(Files.exists(out.resolve("users-own.txt")), "files we never wrote are not touched");
        assertTrue(Files.exists(dir.resolve("outside.png")), "a manifest entry escaping the directory is ignored");
        assertFalse(Files.exists(out.resolve("sprites")), "emptied directory removed");
        assertTrue(Files.exists(out));
    }

    @Test
    void manifestRoundTripsNamesWithLineBreaksWithoutInjectingEntries() throws IOException {
        // A batch file named like this once made the line-based manifest delete <project>/victim.txt.
        String hostile = "p\noutputDirectory .\noutput victim.txt\nq.png";
        String sha = Digests.sha256Hex(new byte[] {1});
        Path out = dir.resolve("out");
        OutputManifest m = new OutputManifest(out, Map.of(hostile, sha, "s/b.png", sha), Map.of("a.json", sha));
        Path file = OutputManifest.fileFor(dir.resolve("target/stylize"), "default", out);
        m.write(file);

        OutputManifest back = OutputManifest.read(file, out, w -> fail(w));
        assertEquals(m.outputs(), back.outputs());
        assertEquals(m.metadata(), back.metadata());
        assertEquals(out.toAbsolutePath(), back.outputDirectory());
        assertNull(OutputManifest.read(dir.resolve("none.json"), out, w -> fail(w)));
    }

    @Test
    void aManifestIsNamedByExecutionAndOutputDirectoryAndReadOnlyForItsOwnDirectory() throws IOException {
        Path meta = dir.resolve("target/stylize");
        Path out = dir.resolve("out");
        Path export = dir.resolve("export");
        assertNotEquals(OutputManifest.fileFor(meta, "default", out), OutputManifest.fileFor(meta, "default", export));
        assertNotEquals(OutputManifest.fileFor(meta, "default", out), OutputManifest.fileFor(meta, "other", out));

        Path file = OutputManifest.fileFor(meta, "default", out);
        new OutputManifest(out, Map.of("a.png", Digests.sha256Hex(new byte[] {1})), Map.of()).write(file);
        List<String> warnings = new ArrayList<>();
        assertNull(OutputManifest.read(file, export, warnings::add), "a manifest of another directory is not used");
        assertTrue(warnings.get(0).contains("it was written for " + out.toAbsolutePath()), warnings.toString());

        Files.writeString(file, "outputDirectory .\noutput victim.txt\n");
        warnings.clear();
        assertNull(OutputManifest.read(file, out, warnings::add), "unreadable: nothing is removed");
        assertEquals(1, warnings.size());
    }
}
