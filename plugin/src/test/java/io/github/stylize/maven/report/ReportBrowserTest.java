package io.github.stylize.maven.report;

import io.github.stylize.maven.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opens the report in headless Chromium: every image loads (natural width above 0), every loss chart has drawn
 * curves, results are large enough to judge, a click on a thumbnail shows the image at full size, and previews and
 * changed settings are in sight. The page under test is the real {@code index.html}; the check runs from a copy of it with a script appended,
 * in the same directory so every relative link resolves the same way. Leaves a screenshot at
 * {@code target/report-screenshot.png}.
 */
class ReportBrowserTest {
    private static final Path WORK = Path.of("target/report-browser").toAbsolutePath();
    private static final Path SCREENSHOT = Path.of("target/report-screenshot.png").toAbsolutePath();

    /**
     * Waits for the page, makes lazy images load now (the viewport of a headless run is small), waits for each image
     * to load or fail, then writes what it found as JSON into {@code <pre id="stylize-check">}.
     */
    private static final String CHECK_SCRIPT = """
            <script>
            (async () => {
              if (document.readyState !== 'complete') {
                await new Promise(done => addEventListener('load', done));
              }
              const images = Array.from(document.images);
              images.forEach(img => { img.loading = 'eager'; });
              const settled = img => img.complete ? Promise.resolve()
                  : new Promise(done => { img.addEventListener('load', done); img.addEventListener('error', done); });
              await Promise.race([Promise.all(images.map(settled)), new Promise(done => setTimeout(done, 8000))]);
              const charts = Array.from(document.querySelectorAll('svg.loss-chart')).map(svg => ({
                label: svg.getAttribute('aria-label'),
                curves: Array.from(svg.querySelectorAll('path.curve'))
                    .filter(p => (p.getAttribute('d') || '').trim() !== '' && p.getTotalLength() > 0).length
              }));
              const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
              const assets = Array.from(document.querySelectorAll('article.asset')).map(article => ({
                id: article.querySelector('h3').firstChild.textContent.trim(),
                resultWidth: Array.from(article.querySelectorAll('figure.result > a > img'))
                    .map(img => Math.round(img.getBoundingClientRect().width))[0] || 0,
                badges: Array.from(article.querySelectorAll('h3 .badge.preview')).filter(shown).map(b => b.textContent),
                changed: Array.from(article.querySelectorAll('.changed')).filter(shown).map(p => p.textContent)
              }));
              // Click the first result thumbnail: its overlay must appear over the page with the image at full size.
              const thumb = document.querySelector('figure.result > a[href^="#view-"]');
              const view = document.getElementById(thumb.getAttribute('href').substring(1));
              const hiddenBefore = !shown(view);
              thumb.click();
              await new Promise(done => setTimeout(done, 100));
              const full = view.querySelector('img');
              const box = view.getBoundingClientRect();
              const lightbox = {
                hiddenBefore: hiddenBefore,
                shownAfterClick: shown(view),
                coversWindow: box.left <= 0 && box.top <= 0 && box.width >= document.documentElement.clientWidth
                    && box.height >= document.documentElement.clientHeight,
                width: Math.round(full.getBoundingClientRect().width),
                naturalWidth: full.naturalWidth
              };
              const result = {
                images: images.length,
                broken: images.filter(img => !(img.naturalWidth > 0)).map(img => img.getAttribute('src')),
                charts: charts,
                assets: assets,
                lightbox: lightbox
              };
              const out = document.createElement('pre');
              out.id = 'stylize-check';
              out.textContent = JSON.stringify(result);
              document.body.appendChild(out);
            })();
            </script>
            """;

    private HeadlessChromium chromium;
    private ReportFixture fixture;
    private Path page;

    @BeforeEach
    void renderReport() throws IOException {
        chromium = HeadlessChromium.require();
        deleteTree(WORK);
        fixture = new ReportFixture(WORK.resolve("project"));
        page = ReportPages.writeBuildPage(fixture.metadataDirectory, fixture.record.title());
    }

    @Test
    void everyImageLoadsAndEveryChartDrawsItsCurves() throws Exception {
        Map<?, ?> check = check(page);

        int imgTags = count(Files.readString(page), "<img ");
        assertTrue(imgTags >= 10, "the fixture page shows at least 10 images, found " + imgTags);
        assertEquals((long) imgTags, ((Number) check.get("images")).longValue(), "images the browser saw");
        assertEquals(List.of(), check.get("broken"), "images that did not load");

        Map<String, Long> curvesByChart = new java.util.LinkedHashMap<>();
        for (Object o : (List<?>) check.get("charts")) {
            Map<?, ?> chart = (Map<?, ?>) o;
            curvesByChart.put((String) chart.get("label"), ((Number) chart.get("curves")).longValue());
        }
        // content, style, total (TV is zero throughout there) / all four terms / one total per compared asset
        assertEquals(Map.of("Losses of harbor-mosaic", 3L, "Losses of harbor-mosaic-long", 3L,
                "Losses of sprites/tree", 4L, "Total loss of harbor-mosaic, harbor-mosaic-long", 2L), curvesByChart);

        chromium.screenshot(page, SCREENSHOT, 1280, 2000);
        assertTrue(Files.size(SCREENSHOT) > 10_000, "a screenshot of the rendered page, not a blank one");
    }

    @Test
    void resultsAreLargeOpenAtFullSizeOnAClickAndPreviewsAndChangedSettingsAreInSight() throws Exception {
        Map<?, ?> check = check(page);

        Map<String, Map<?, ?>> assets = new java.util.LinkedHashMap<>();
        for (Object o : (List<?>) check.get("assets")) {
            assets.put((String) ((Map<?, ?>) o).get("id"), (Map<?, ?>) o);
        }
        assertEquals(List.of("harbor-mosaic", "harbor-mosaic-long", "sprites/tree", "broken-<b>"),
                List.copyOf(assets.keySet()));
        for (String id : List.of("harbor-mosaic", "harbor-mosaic-long", "sprites/tree")) {
            long width = ((Number) assets.get(id).get("resultWidth")).longValue();
            assertTrue(width >= 320, id + ": the result is " + width + " px wide on a 1280 px window, under 320");
            List<?> changed = (List<?>) assets.get(id).get("changed");
            assertEquals(1, changed.size(), id + ": the changed settings, visible without expanding");
            assertTrue(((String) changed.get(0)).startsWith("Changed from the defaults: size 96 (default 512)"),
                    changed.toString());
        }
        assertEquals(List.of("PREVIEW: random weights"), assets.get("sprites/tree").get("badges"));
        assertEquals(List.of(), assets.get("harbor-mosaic").get("badges"), "the Keras weights make no preview");

        Map<?, ?> lightbox = (Map<?, ?>) check.get("lightbox");
        assertEquals(true, lightbox.get("hiddenBefore"), "the overlay stays hidden until asked for: " + lightbox);
        assertEquals(true, lightbox.get("shownAfterClick"), "a click on the thumbnail shows it: " + lightbox);
        assertEquals(true, lightbox.get("coversWindow"), lightbox.toString());
        assertEquals(96L, ((Number) lightbox.get("naturalWidth")).longValue(), "the result file is 96 px wide");
        assertEquals(96L, ((Number) lightbox.get("width")).longValue(), "shown at its full size, not a thumbnail's");
    }

    @Test
    void aMissingImageIsReportedAsBroken() throws Exception {
        // The check must be able to fail: an image whose file disappears after the page was written.
        Path snapshot = fixture.entry("harbor-mosaic").snapshots().get(0).file();
        Files.delete(snapshot);

        Map<?, ?> check = check(page);

        List<?> broken = (List<?>) check.get("broken");
        assertEquals(2, broken.size(), "the thumbnail and its full-size view; broken images: " + broken);
        for (Object src : broken) {
            assertTrue(((String) src).endsWith("snapshots/harbor-mosaic/iteration-00004.png"), broken.toString());
        }
    }

    private Map<?, ?> check(Path report) throws Exception {
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertTrue(html.contains("</body>"));
        Path checkPage = report.resolveSibling("index-check.html");
        Files.writeString(checkPage, html.replace("</body>", CHECK_SCRIPT + "</body>"), StandardCharsets.UTF_8);
        String dom = chromium.dumpDom(checkPage);
        Matcher m = Pattern.compile("<pre id=\"stylize-check\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
        assertTrue(m.find(), "the check script wrote no result; the DOM was:\n" + dom);
        return Json.parse(unescape(m.group(1)), Map.class);
    }

    /** Text content as the DOM serializer escapes it. */
    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u00a0").replace("&amp;", "&");
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(paths::add);
        }
        for (Path p : paths) {
            Files.delete(p);
        }
    }
}
