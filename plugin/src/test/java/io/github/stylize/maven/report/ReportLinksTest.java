package io.github.stylize.maven.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every {@code href} and {@code src} of the report resolves: to a file next to the page, or to an anchor in it. */
class ReportLinksTest {
    private static final Pattern LINK = Pattern.compile("\\s(?:href|src)=\"([^\"]*)\"");
    private static final Pattern ID = Pattern.compile("\\sid=\"([^\"]*)\"");

    @TempDir
    Path dir;

    @Test
    void buildPageLinksResolveToTheBuildsFiles() throws IOException {
        ReportFixture fixture = new ReportFixture(dir.resolve("project"));
        Path page = ReportPages.writeBuildPage(fixture.metadataDirectory, "fixture");

        List<Path> files = checkLinks(page);

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

        List<Path> files = checkLinks(moved.resolve(ReportPages.PAGE));
        assertTrue(files.size() >= 8, files.toString());
        files.forEach(f -> assertTrue(f.startsWith(moved.resolve(ReportPages.SITE_FILES)), f + " is outside the page's folder"));
    }

    @Test
    void sitePageWithoutRecordsSaysWhatToRun() throws IOException {
        Path site = dir.resolve("site/stylize");
        assertFalse(ReportPages.writeSitePage(dir.resolve("target/stylize"), site, "fixture"));
        String html = Files.readString(site.resolve(ReportPages.PAGE));
        assertTrue(html.contains("mvn generate-resources"), html);
        assertEquals(List.of(), checkLinks(site.resolve(ReportPages.PAGE)));
    }

    @Test
    void theLinkCheckFailsOnABrokenLink() throws IOException {
        ReportFixture fixture = new ReportFixture(dir.resolve("project"));
        Path page = ReportPages.writeBuildPage(fixture.metadataDirectory, "fixture");
        Files.delete(fixture.outputDirectory.resolve("harbor-mosaic-long.png"));

        AssertionError error = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> checkLinks(page));
        assertTrue(error.getMessage().contains("harbor-mosaic-long.png"), error.getMessage());
    }

    /** Asserts that each link of the page resolves; returns the files linked. */
    static List<Path> checkLinks(Path page) throws IOException {
        String html = Files.readString(page, StandardCharsets.UTF_8);
        List<String> ids = new ArrayList<>();
        Matcher idMatcher = ID.matcher(html);
        while (idMatcher.find()) {
            ids.add(idMatcher.group(1));
        }
        List<Path> files = new ArrayList<>();
        Matcher m = LINK.matcher(html);
        while (m.find()) {
            String link = m.group(1).replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'");
            if (link.startsWith("#")) {
                if (!ids.contains(link.substring(1))) {
                    throw new AssertionError("link to a missing anchor: " + link);
                }
                continue;
            }
            if (link.matches("^[a-z]+:.*") || link.startsWith("/")) {
                throw new AssertionError("the report must link relatively, found " + link);
            }
            // '+' stays a plus in a path: decode percent-escapes only.
            Path file = page.getParent().resolve(URLDecoder.decode(link.replace("+", "%2B"), StandardCharsets.UTF_8))
                    .normalize();
            if (!Files.isRegularFile(file)) {
                throw new AssertionError("broken link " + link + " -> " + file);
            }
            files.add(file);
        }
        return files;
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
