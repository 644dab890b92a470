package io.github.stylize.maven.report;

import io.github.stylize.maven.testing.PageLinks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every {@code href} and {@code src} of the report resolves: to a file next to the page, or to an anchor in it. */
class ReportLinksTest {
    @TempDir
    Path dir;

    @Test
    void buildPageLinksResolveToTheBuildsFiles() throws IOException {
        ReportFixture fixture = new ReportFixture(dir.resolve("project"));
        Path page = ReportPages.writeBuildPage(fixture.metadataDirectory, "fixture");

        List<Path> files = PageLinks.check(page);

        // Relative links, not copies: the results, inputs and snapshots where the build left them.
        assertTrue(files.contains(fixture.outputDirectory.resolve("harbor-mosaic.png")), files.toString());
        assertTrue(files.contains(fixture.project.resolve("src/main/stylize/content/" + ReportFixture.CONTENT_NAME)),
                "a file name with spaces, '#', '&', '<' and non-ASCII links to itself: " + files);
        assertTrue(files.contains(fixture.entry("harbor-mosaic").snapshots().get(1).file()), files.toString());
        assertFalse(Files.exists(fixture.metadataDirectory.resolve("inputs")), "nothing was copied");
    }

    @Test
    void sitePageCopiesItsImagesAndCanBeMovedAsAWhole() throws IOException {
        ReportFixture fixture = new ReportFixture(dir.resolve("project"));
        Path site = dir.resolve("site/stylize");
        assertTrue(ReportPages.writeSitePage(fixture.metadataDirectory, site, "fixture"));

        Path moved = Files.move(dir.resolve("site"), dir.resolve("deployed")).resolve("stylize");
        deleteTree(fixture.project);   // the site must not need the build's files

        List<Path> files = PageLinks.check(moved.resolve(ReportPages.PAGE));
        assertTrue(files.size() >= 8, files.toString());
        files.forEach(f -> assertTrue(f.startsWith(moved.resolve(ReportPages.SITE_FILES)), f + " is outside the page's folder"));
    }

    @Test
    void sitePageWithoutRecordsSaysWhatToRun() throws IOException {
        Path site = dir.resolve("site/stylize");
        assertFalse(ReportPages.writeSitePage(dir.resolve("target/stylize"), site, "fixture"));
        String html = Files.readString(site.resolve(ReportPages.PAGE));
        assertTrue(html.contains("mvn generate-resources"), html);
        assertEquals(List.of(), PageLinks.check(site.resolve(ReportPages.PAGE)));
    }

    @Test
    void theLinkCheckFailsOnABrokenLink() throws IOException {
        ReportFixture fixture = new ReportFixture(dir.resolve("project"));
        Path page = ReportPages.writeBuildPage(fixture.metadataDirectory, "fixture");
        Files.delete(fixture.outputDirectory.resolve("harbor-mosaic-long.png"));

        AssertionError error = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> PageLinks.check(page));
        assertTrue(error.getMessage().contains("harbor-mosaic-long.png"), error.getMessage());
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
