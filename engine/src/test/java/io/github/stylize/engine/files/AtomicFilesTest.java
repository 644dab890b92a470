package io.github.stylize.engine.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writeAndCopyReplaceTheTargetAndLeaveNoTemporaryFile() throws IOException {
        Path target = dir.resolve("nested/deeper/out.bin");
        AtomicFiles.write(target, new byte[]{1, 2, 3});
        assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(target));

        Path source = Files.write(dir.resolve("source.bin"), new byte[]{4, 5});
        AtomicFiles.copy(source, target);
        assertArrayEquals(new byte[]{4, 5}, Files.readAllBytes(target));

        AtomicFiles.write(target, new byte[]{6}, AtomicFiles.Filler.DURABLE);
        assertArrayEquals(new byte[]{6}, Files.readAllBytes(target));
        assertEquals(List.of(target), list(target.getParent()));
    }

    @Test
    void aFillerFailingLikeAFullDiskKeepsTheOldFileAndRemovesTheTemporary() throws IOException {
        Path target = Files.write(dir.resolve("out.bin"), new byte[]{9, 9, 9});
        Path[] seen = new Path[1];
        FileSystemException full = new FileSystemException("x", null, "No space left on device");

        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, new byte[]{1, 2, 3, 4},
                (source, temporary) -> {
                    seen[0] = temporary;
                    Files.write(temporary, Arrays.copyOf(source.readAllBytes(), 2));
                    throw full;
                }));

        assertSame(full, e, "the filler's failure is passed on as it is");
        assertEquals(dir, seen[0].getParent(), "the temporary file sits next to the target");
        assertArrayEquals(new byte[]{9, 9, 9}, Files.readAllBytes(target));
        assertEquals(List.of(target), list(dir));
    }

    @Test
    void aFailingRenameKeepsTheTargetAndRemovesTheTemporary() throws IOException {
        // A non-empty directory where the file should go: the rename itself fails.
        Path target = dir.resolve("out.bin");
        Files.createDirectories(target.resolve("keep"));

        assertThrows(IOException.class, () -> AtomicFiles.write(target, new byte[]{1}));

        assertTrue(Files.isDirectory(target.resolve("keep")));
        assertEquals(List.of(target), list(dir));
    }

    /** Moved here from ImageWriterTest: the permissions are this helper's doing. */
    @Test
    void writtenFileGetsTheUsualPermissionsNotOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path reference = Files.createFile(dir.resolve("reference"));
        Path target = dir.resolve("out.bin");
        AtomicFiles.write(target, new byte[]{1});
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(reference)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void sameBytesNeedsTwoRegularFilesWithEqualContent() throws IOException {
        Path a = Files.write(dir.resolve("a"), new byte[]{1, 2});
        Path b = Files.write(dir.resolve("b"), new byte[]{1, 2});
        Path c = Files.write(dir.resolve("c"), new byte[]{1, 3});
        assertTrue(AtomicFiles.sameBytes(a, b));
        assertFalse(AtomicFiles.sameBytes(a, c));
        assertFalse(AtomicFiles.sameBytes(a, dir.resolve("missing")));
        assertFalse(AtomicFiles.sameBytes(dir, dir));
    }

    private static List<Path> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }
}
