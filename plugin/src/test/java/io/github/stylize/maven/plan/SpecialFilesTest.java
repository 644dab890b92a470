package io.github.stylize.maven.plan;

import io.github.stylize.maven.testing.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** FIFOs, symbolic link loops and deep nesting: a named problem each, never a hang or a silent skip. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang fails instead of blocking the build
class SpecialFilesTest {
    @TempDir
    Path dir;
    Path style;
    Path content;

    @BeforeEach
    void images() {
        style = TestImages.png(dir.resolve("style.png"), 8, 8, 90);
        content = dir.resolve("content");
        TestImages.png(content.resolve("a.png"), 6, 6, 30);
    }

    static void mkfifo(Path path) throws IOException, InterruptedException {
        assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "no FIFOs on Windows");
        Files.createDirectories(path.getParent());
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo is not available");
    }

    static Path link(Path link, String target) throws IOException {
        try {
            return Files.createSymbolicLink(link, Path.of(target));
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "cannot create symbolic links here: " + e);
            return null;
        }
    }

    List<String> problems(List<StylizationDeclaration> s, List<BatchDeclaration> b) {
        PlanException e = assertThrows(PlanException.class, () -> Planner.plan(
                PlanRequest.builder().stylizations(s).batches(b).weightsIdentity(() -> "w").build()));
        return e.problems().stream().map(PlanProblem::describe).toList();
    }

    BatchDeclaration batch(List<String> excludes) {
        return new BatchDeclaration("b", content, List.of("**/*.png"), excludes, style, null, Overrides.NONE);
    }

    List<String> plannedIds(BatchDeclaration batch) throws PlanException {
        return Planner.plan(PlanRequest.builder().batches(List.of(batch)).weightsIdentity(() -> "w").build())
                .selected().stream().map(PlannedAsset::id).toList();
    }

    @Test
    void aFifoNamedAsContentIsAProblemInsteadOfBlockingThePlan() throws Exception {
        Path fifo = dir.resolve("fifo/content.png");
        mkfifo(fifo);
        assertEquals(List.of("stylization 'x' <content>: " + fifo
                        + " is not a regular file (a FIFO, socket or device); name an image file"),
                problems(List.of(new StylizationDeclaration("x", fifo, style, null, Overrides.NONE)), List.of()));
    }

    @Test
    void aFifoInABatchFolderThatMatchesTheIncludesIsANamedProblemNotSkippedSilently() throws Exception {
        mkfifo(content.resolve("pipe.png"));
        mkfifo(content.resolve("pipe.txt")); // not matched by the includes: not an input, not a problem
        assertEquals(List.of("batch 'b' file 'pipe.png' <includes>: " + content.resolve("pipe.png")
                        + " is not a regular file (a FIFO, socket or device); name an image file"
                        + "; or leave it out with an <exclude>"),
                problems(List.of(), List.of(batch(List.of()))));
        assertEquals(List.of("b/a"), plannedIds(batch(List.of("pipe.png"))));
    }

    @Test
    void twoSymlinkLoopsAreNamedProblemsInsteadOfAnEndlessScan() throws Exception {
        link(content.resolve("up"), ".."); // the parent holds the batch directory: up/content is the loop
        Files.createDirectories(content.resolve("sub"));
        link(content.resolve("sub/back"), "..");
        assertEquals(List.of(
                        "batch 'b' <directory>: in " + content + ": 'sub/back' is a symbolic link loop: it leads back to a "
                                + "directory that contains it; remove the link, or leave it out with an "
                                + "<exclude>sub/back/**</exclude>",
                        "batch 'b' <directory>: in " + content + ": 'up/content' is a symbolic link loop: it leads "
                                + "back to a directory that contains it; remove the link, or leave it out with an "
                                + "<exclude>up/content/**</exclude>"),
                problems(List.of(), List.of(batch(List.of()))).stream().sorted().toList());
    }

    @Test
    void aSelfLinkIsALoopNotFortyNestedCopiesAndExcludingItPlansTheRest() throws Exception {
        link(content.resolve("loop"), ".");
        assertEquals(List.of("batch 'b' <directory>: in " + content + ": 'loop' is a symbolic link loop: it leads back "
                        + "to a directory that contains it; remove the link, or leave it out with an "
                        + "<exclude>loop/**</exclude>"),
                problems(List.of(), List.of(batch(List.of()))));
        assertEquals(List.of("b/a"), plannedIds(batch(List.of("loop/**"))));
    }

    @Test
    void twoLinksToOneDirectoryAreReadOnce() throws Exception {
        TestImages.png(dir.resolve("shared/s.png"), 6, 6, 40);
        link(content.resolve("one"), "../shared");
        link(content.resolve("two"), "../shared");
        assertEquals(List.of("batch 'b' <directory>: in " + content + ": 'two' is the directory 'one' again, reached "
                        + "through a symbolic link; a batch reads each directory once: remove the link, or leave it "
                        + "out with an <exclude>two/**</exclude>"),
                problems(List.of(), List.of(batch(List.of()))));
        assertEquals(List.of("b/a", "b/one/s"), plannedIds(batch(List.of("two/**"))));
    }

    @Test
    void directoriesDeeperThanTheLimitAreAProblemNamingTheLimit() throws Exception {
        Path deep = content;
        for (int i = 0; i < BatchScan.MAX_DEPTH; i++) {
            deep = deep.resolve("d");
        }
        TestImages.png(deep.resolve("too-deep.png"), 6, 6, 40);
        TestImages.png(deep.resolveSibling("deepest.png"), 6, 6, 40); // at the limit: read
        String name = "d/".repeat(BatchScan.MAX_DEPTH - 1) + "d";
        assertEquals(List.of("batch 'b' <directory>: in " + content + ": '" + name + "' is nested more than "
                        + BatchScan.MAX_DEPTH + " directories deep, which a batch does not read (a chain of symbolic "
                        + "links?); move its images up, or leave it out with an <exclude>" + name + "/**</exclude>"),
                problems(List.of(), List.of(batch(List.of()))));
        assertEquals(List.of("b/a", "b/" + "d/".repeat(BatchScan.MAX_DEPTH - 1) + "deepest"),
                plannedIds(batch(List.of(name + "/**"))));
    }

    @Test
    void theScannersDefaultExcludesAndPatternFormsStillApply() throws Exception {
        TestImages.png(content.resolve(".git/x.png"), 6, 6, 40);
        TestImages.png(content.resolve("CVS/x.png"), 6, 6, 40);
        TestImages.png(content.resolve("keep/k.png"), 6, 6, 40);
        TestImages.png(content.resolve("drop/x.png"), 6, 6, 40);
        TestImages.png(content.resolve("drop/deeper/x.png"), 6, 6, 40);
        // a trailing '/' means everything below, '\' is a separator too, and matching is case-sensitive
        BatchDeclaration b = new BatchDeclaration("b", content, List.of("**/*.png", "**/*.PNG"), List.of("drop/",
                "keep\\K.png"), style, null, Overrides.NONE);
        assertEquals(List.of("b/a", "b/keep/k"), plannedIds(b));
    }
}
