package io.github.stylize.maven.report;

import io.github.stylize.maven.testing.PageLinks;
import io.github.stylize.maven.it.ItFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportTest {
    @TempDir
    Path dir;

    private String render(ReportFixture fixture) {
        return new HtmlReport(fixture.record.title(), List.of(fixture.record),
                Links.relativeTo(fixture.metadataDirectory), null).render();
    }

    @Test
    void aReportOfManyAssetsIsAnIndexAndPagesOfAHundredSoEveryPageStaysSmall() throws IOException {
        ReportFixture fixture = new ReportFixture(dir);
        List<ReportEntry> entries = new ArrayList<>(fixture.record.entries()); // a comparison sheet of two, a failure
        ReportEntry tree = fixture.entry("sprites/tree");
        ReportEntry broken = fixture.entry("broken-<b>");
        for (int i = entries.size(); i < 250; i++) {
            ReportEntry like = i % 50 == 0 ? broken : tree;
            entries.add(like.toBuilder().id(String.format("batch/item-%03d", i)).inputs(new ReportEntry.Inputs(
                    like.inputs().content(), String.format("%064d", i), like.inputs().styles())).build());
        }
        new ExecutionRecord("default", "t", "now", entries).write(fixture.metadataDirectory);
        Files.writeString(fixture.metadataDirectory.resolve(HtmlReport.assetPage(7)), "left by a longer report");

        Path index = ReportPages.writeBuildPage(fixture.metadataDirectory, "t");

        List<String> pages = List.of("index.html", "assets-1.html", "assets-2.html", "assets-3.html");
        try (var files = Files.list(fixture.metadataDirectory)) {
            assertEquals(pages, files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".html")).sorted(
                    java.util.Comparator.comparing(n -> n.equals("index.html") ? "" : n)).toList());
        }
        String html = Files.readString(index);
        assertFalse(html.contains("<article class=\"asset\""), "the index shows no asset in full");
        assertTrue(html.contains("250 assets, 100 to a page"), html);
        assertTrue(html.contains("<a href=\"assets-3.html\">page 3</a></td><td>batch/item-200</td><td>batch/item-249</td>"
                + "<td>49</td><td>0</td><td>1</td>"), "a page's range and results");
        assertTrue(html.contains("<a href=\"assets-3.html#asset-200-"), "every failed asset is linked from the index");
        assertTrue(html.contains("<a href=\"assets-1.html#asset-0-"), "the comparison sheet links into the pages");
        assertTrue(Files.size(index) < 60_000, "the index stays small: " + Files.size(index));
        for (int page = 1; page <= 3; page++) {
            String assets = Files.readString(fixture.metadataDirectory.resolve(HtmlReport.assetPage(page)));
            assertEquals(page < 3 ? 100 : 50, assets.split("<article class=\"asset\"", -1).length - 1);
            assertTrue(assets.contains("id=\"asset-" + (page * 100 - 100) + "-"), "page " + page + " starts at its first");
        }
        for (String page : pages) {
            PageLinks.check(fixture.metadataDirectory.resolve(page));
        }
    }

    @Test
    void namesFromUserFilesAreEscaped() throws IOException {
        String html = render(new ReportFixture(dir));

        assertFalse(html.contains("<script>alert"), "a failure message is text, not markup");
        assertTrue(html.contains("cannot decode &lt;script&gt;alert(1)&lt;/script&gt; &amp; more"), html);
        assertFalse(html.contains("broken-<b>"));
        assertTrue(html.contains("broken-&lt;b&gt;"));
        assertTrue(html.contains("Fixture &lt;game&gt; &amp; art"));
        assertTrue(html.contains("harbor #1 &amp; &lt;sea&gt; é.png"), "the file name as a caption");
        assertTrue(html.contains("harbor%20%231%20%26%20%3Csea%3E%20%C3%A9.png"), "the file name in a URL");
        assertFalse(html.contains("<script"), "the page has no script at all");
    }

    @Test
    void aPreviewSaysPreviewAndKeepsSayingItAfterTheRecordIsReadBack() throws IOException {
        ReportFixture fixture = new ReportFixture(dir);
        List<ReportEntry> entries = new java.util.ArrayList<>(fixture.record.entries());
        ReportEntry tree = fixture.entry("sprites/tree");
        java.util.Map<String, Object> settings = new java.util.LinkedHashMap<>(tree.settings());
        settings.put(ReportEntry.PREVIEW, 32);
        entries.set(entries.indexOf(tree), tree.toBuilder().settings(settings).build());
        ExecutionRecord record = new ExecutionRecord("default", "previews", "2025-01-01T12:00:00Z", entries);
        record.write(fixture.metadataDirectory);
        ExecutionRecord readBack = ExecutionRecord.read(fixture.metadataDirectory, "default");

        String html = new HtmlReport("previews", List.of(readBack), Links.relativeTo(fixture.metadataDirectory), null)
                .render();
        String badge = "<span class=\"badge preview\" title=\"stylize.preview caps the size at 32 px\">"
                + "PREVIEW: reduced size</span>";
        assertEquals(1, html.split(java.util.regex.Pattern.quote(badge), -1).length - 1, "only the preview: " + html);
        assertTrue(article(html, "sprites/tree").contains(badge));
    }

    /** An asset with a {@code <contentMask>} shows the mask beside its content, also once the record is read back. */
    @Test
    void aContentMaskIsShownBesideTheContentAfterTheRecordIsReadBack() throws IOException {
        ReportFixture fixture = new ReportFixture(dir);
        List<ReportEntry> entries = new ArrayList<>(fixture.record.entries());
        ReportEntry tree = fixture.entry("sprites/tree");
        Path mask = ItFixtures.drawContent(dir.resolve("src/main/stylize/masks/tree.png"), 48, 48, 5);
        ReportEntry.Inputs inputs = tree.inputs();
        int index = entries.indexOf(tree);
        entries.set(index, tree.toBuilder().inputs(new ReportEntry.Inputs(inputs.content(),
                inputs.contentSha256(), mask, inputs.styles())).build());
        new ExecutionRecord("default", "masks", "2025-01-01T12:00:00Z", entries).write(fixture.metadataDirectory);
        ExecutionRecord readBack = ExecutionRecord.read(fixture.metadataDirectory, "default");
        assertEquals(mask, readBack.entries().get(index).inputs().contentMask());

        String html = new HtmlReport("masks", List.of(readBack), Links.relativeTo(fixture.metadataDirectory), null)
                .render();
        String article = article(html, "sprites/tree");
        assertTrue(article.contains("alt=\"content mask of sprites/tree\"") && article.contains("src/main/stylize/masks/tree.png"),
                article);
        assertEquals(article.split("alt=\"content mask of ", -1).length, html.split("alt=\"content mask of ", -1).length,
                "only the masked asset shows a mask");
    }

    @Test
    void everyImageNamesItsWeightsAndRandomWeightsAreBadgedAsAPreviewThatSaysWhy() throws IOException {
        ReportFixture fixture = new ReportFixture(dir);
        ExecutionRecord readBack = ExecutionRecord.read(fixture.metadataDirectory, "default");
        assertEquals(fixture.record.entries().stream().map(ReportEntry::weights).toList(),
                readBack.entries().stream().map(ReportEntry::weights).toList(), "the record keeps the weights");
        String html = new HtmlReport("t", List.of(readBack), Links.relativeTo(fixture.metadataDirectory), null).render();

        String randomBadge = "<span class=\"badge preview\" title=\"stylize.weights=random: no pretrained network\">"
                + "PREVIEW: random weights</span>";
        assertEquals(1, html.split(Pattern.quote(randomBadge), -1).length - 1, html);
        assertTrue(article(html, "sprites/tree").contains(randomBadge), "in the heading of the random one");
        assertFalse(html.contains("PREVIEW: reduced size"), "no stylize.preview render in the fixture");
        assertTrue(html.contains("1 preview from random weights"), "counted in the summary");
        assertTrue(article(html, "sprites/tree").contains("<p class=\"meta weights\">Weights: random VGG19 weights"
                + " (stylize.weights=random): a preview, not the pretrained network&#39;s look; leave stylize.weights unset"
                + " (or name a weights file) for the final image &middot; <code>random-he:v1:seed=20150826</code></p>"),
                article(html, "sprites/tree"));
        assertTrue(article(html, "harbor-mosaic-long").contains("<p class=\"meta weights\">Weights: Keras VGG19 ImageNet"
                + " weights, downloaded from https://storage.googleapis.com/tensorflow/keras-applications/vgg19/"
                + "vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5 &middot; <code>keras-vgg19-notop"
                + " md5:253f8cb515780f3b799900260a226db6</code></p>"), "a cache hit names its weights too");
        assertFalse(article(html, "broken-<b>").contains("Weights:"), "a failed asset has no image to speak of");

        // As a plugin that did not record weights wrote it: no weights line, no badge.
        Path file = ExecutionRecord.file(fixture.metadataDirectory, "default");
        Files.writeString(file, Files.readString(file).replaceAll("\"weights\": \\{[^}]*},", ""));
        ExecutionRecord old = ExecutionRecord.read(fixture.metadataDirectory, "default");
        assertTrue(old.entries().stream().allMatch(e -> e.weights() == null));
        String oldHtml = new HtmlReport("t", List.of(old), Links.relativeTo(fixture.metadataDirectory), null).render();
        assertFalse(oldHtml.contains("Weights:") || oldHtml.contains("random weights"), oldHtml);
    }

    @Test
    void theSettingsChangedFromTheDefaultsAreShownOutsideTheCollapsedTable() throws IOException {
        String html = render(new ReportFixture(dir));
        String tree = article(html, "sprites/tree");

        String changed = "<p class=\"changed\">Changed from the defaults: <b>size</b> 96 <small>(default 512)</small>"
                + " &middot; <b>iterations</b> 8 <small>(default 100)</small> &middot; <b>optimizer</b> adam"
                + " <small>(default lbfgs)</small> &middot; <b>tvWeight</b> 5 <small>(default 0)</small></p>";
        assertTrue(tree.contains(changed), tree);
        assertTrue(tree.indexOf(changed) < tree.indexOf("<details"), "visible without expanding the settings");
        assertTrue(article(html, "harbor-mosaic-long").contains("<b>styleWeight</b> 10000 <small>(default 1000)"
                + "</small> &middot; <b>snapshotEvery</b> 4 <small>(default 0)</small></p>"));
    }

    @Test
    void aThumbnailOpensTheImageAtFullSizeOnThePageWithoutAScript() throws IOException {
        ReportFixture fixture = new ReportFixture(dir);
        String html = render(fixture);
        String article = article(html, "harbor-mosaic");

        String view = "view-asset-0-harbor-mosaic-result";
        assertTrue(article.contains("<figure class=\"thumb large result\"><a href=\"#" + view + "\" title=\"view at"
                + " full size\"><img loading=\"lazy\" class=\"large\" src=\"../generated-resources/stylize/"
                + "harbor-mosaic.png\""), article);
        assertTrue(article.contains("<div class=\"lightbox\" id=\"" + view + "\"><a class=\"backdrop\""
                + " href=\"#asset-0-harbor-mosaic\" aria-label=\"close\"></a><img loading=\"lazy\""
                + " src=\"../generated-resources/stylize/harbor-mosaic.png\" alt=\"result harbor-mosaic at full size\">"),
                "the overlay holds the same file, unscaled");
        assertTrue(article.contains("href=\"#view-asset-0-harbor-mosaic-iteration-4\""), "snapshots open too");
        assertTrue(html.contains(".lightbox:target { display: flex;"), "shown by the URL's fragment, not a script");
        assertTrue(html.contains("img.large { width: 360px;"), "the result thumbnail is large enough to judge");
        assertFalse(html.contains("<script"));
        Files.writeString(fixture.metadataDirectory.resolve("page.html"), html);
        PageLinks.check(fixture.metadataDirectory.resolve("page.html")); // every overlay link finds its id
    }

    @Test
    void theLossTableShowsIterationsSpreadOverTheRunNotOnlyTheFirstAndLast() throws IOException {
        String html = render(new ReportFixture(dir));
        String table = article(html, "harbor-mosaic-long");
        table = table.substring(table.indexOf("<table class=\"losses\">"), table.indexOf("</table>",
                table.indexOf("<table class=\"losses\">")));

        Matcher rows = Pattern.compile("<tr><td>(\\d+)</td>").matcher(table);
        List<Integer> iterations = new ArrayList<>();
        while (rows.find()) {
            iterations.add(Integer.parseInt(rows.group(1)));
        }
        assertEquals(List.of(0, 6, 11, 17, 23, 29, 34, 40), iterations);
        String shortRun = article(html, "harbor-mosaic");
        assertEquals(HtmlReport.LOSS_ROWS, shortRun.split("<tr><td>", -1).length - 1, "9 entries: 8 rows");
    }

    @Test
    void aBlendShowsEveryStyleImageWithItsWeightAndShareAfterTheRecordIsReadBack() throws IOException {
        ReportFixture fixture = new ReportFixture(dir);
        List<ReportEntry> entries = new ArrayList<>(fixture.record.entries());
        ReportEntry tree = fixture.entry("sprites/tree");
        Path mosaic = fixture.project.resolve("src/main/stylize/styles/mosaic.png");
        List<ReportEntry.StyleImage> blend = List.of(tree.inputs().styles().get(0),
                new ReportEntry.StyleImage(mosaic, 3, "e".repeat(64)));
        entries.set(entries.indexOf(tree), tree.toBuilder().inputs(new ReportEntry.Inputs(tree.inputs().content(),
                tree.inputs().contentSha256(), blend)).build());
        new ExecutionRecord("default", "blend", "2025-01-01T12:00:00Z", entries).write(fixture.metadataDirectory);
        ExecutionRecord readBack = ExecutionRecord.read(fixture.metadataDirectory, "default");
        assertEquals(blend, readBack.entries().stream().filter(e -> e.id().equals("sprites/tree")).findFirst()
                .orElseThrow().inputs().styles());

        String html = new HtmlReport("blend", List.of(readBack), Links.relativeTo(fixture.metadataDirectory), null)
                .render();
        String article = html.substring(html.lastIndexOf("<article", html.indexOf("style image of sprites/tree")));
        article = article.substring(0, article.indexOf("</article>"));
        assertTrue(article.contains("alt=\"style image of sprites/tree 1\"")
                && article.contains("style 1, weight 1 (25%)<br><code>waves.png</code>"), article);
        assertTrue(article.contains("alt=\"style image of sprites/tree 2\"")
                && article.contains("style 2, weight 3 (75%)<br><code>mosaic.png</code>"), article);
    }

    @Test
    void aTileableResultIsShownTiledTwoByTwoAndOthersAreNot() throws IOException {
        ReportFixture fixture = new ReportFixture(dir);
        List<ReportEntry> entries = new ArrayList<>(fixture.record.entries());
        ReportEntry tree = fixture.entry("sprites/tree");
        java.util.Map<String, Object> settings = new java.util.LinkedHashMap<>(tree.settings());
        settings.put("tileable", true);
        entries.set(entries.indexOf(tree), tree.toBuilder().settings(settings).build());
        ExecutionRecord record = new ExecutionRecord("default", "tiles", "2025-01-01T12:00:00Z", entries);
        record.write(fixture.metadataDirectory);
        String html = new HtmlReport("tiles", List.of(ExecutionRecord.read(fixture.metadataDirectory, "default")),
                Links.relativeTo(fixture.metadataDirectory), null).render();

        assertEquals(1, html.split("<div class=\"tiled\">", -1).length - 1, "only the tileable asset: " + html);
        String tiled = html.substring(html.indexOf("<div class=\"tiled\">"));
        tiled = tiled.substring(0, tiled.indexOf("</div>"));
        String result = Links.relativeTo(fixture.metadataDirectory).href(tree.output());
        assertEquals(4, tiled.split(Pattern.quote("class=\"tile\" src=\"" + result + "\""), -1).length - 1,
                "the result four times: " + tiled);
        assertTrue(tiled.contains("alt=\"result sprites/tree tiled 2x2\""), tiled);
        String treeArticle = html.substring(html.lastIndexOf("<article", html.indexOf("<div class=\"tiled\">")));
        assertTrue(treeArticle.startsWith("<article class=\"asset\" id=\"asset-") && treeArticle.contains("sprites/tree"),
                treeArticle);
    }

    @Test
    void everyAssetShowsItsResultTimingBackendAndSettings() throws IOException {
        ReportFixture fixture = new ReportFixture(dir);
        String html = render(fixture);

        assertTrue(html.contains("4 assets: 2 generated, 1 from the cache, 1 failed"), html);
        assertTrue(html.contains("Cache miss: generated in 3.4 s (9 evaluations, 0.33 s each) on CPU (x86_64, AVX2)"
                + " (3.6 s in all)"), html);
        assertTrue(html.contains("Cache hit: copied in 0.0 s; generated earlier in 17.0 s (41 evaluations, 0.40 s each)"
                + " on CPU (x86_64, AVX2)"), html);
        assertTrue(html.contains("generated in 0.9 s (9 evaluations, 88.9 ms each)"), html);
        assertTrue(html.contains("Failed after 0.0 s"));
        assertTrue(html.contains("Effective settings: 96 px, 40 iterations, adam, contentWeight 1, styleWeight 10000, "
                + "tvWeight 0, 5 style layers"), html);
        assertTrue(html.contains("<th scope=\"row\">styleLayers</th><td>conv1_1, conv2_1, conv3_1, conv4_1, conv5_1</td>"));
        assertTrue(html.contains("iteration 4<br><code>iteration-00004.png</code>"), "snapshots with their iteration");
        assertTrue(html.contains("None: this image came from the cache"));
        assertTrue(html.contains("None: set snapshotEvery"));
        // The failed asset: no result image, no chart.
        String failed = html.substring(html.indexOf("<article class=\"asset\" id=\"asset-3-broken--b-\">"));
        assertFalse(failed.contains("loss-chart"));
        assertFalse(failed.contains("alt=\"result"));
    }

    @Test
    void assetsSharingContentAndStyleGetAComparisonSheetWithTheDifferencesHighlighted() throws IOException {
        String html = render(new ReportFixture(dir));

        Matcher sheets = Pattern.compile("<section class=\"comparison\"").matcher(html);
        assertTrue(sheets.find());
        assertFalse(sheets.find(), "one group: harbor-mosaic and harbor-mosaic-long; sprites/tree has other inputs");
        String sheet = html.substring(html.indexOf("<section class=\"comparison\""), html.indexOf("</section>",
                html.indexOf("<section class=\"comparison\"")));
        assertTrue(sheet.contains("<a href=\"#asset-0-harbor-mosaic\">harbor-mosaic</a>"));
        assertTrue(sheet.contains("<a href=\"#asset-1-harbor-mosaic-long\">harbor-mosaic-long</a>"));
        assertFalse(sheet.contains("sprites/tree"));
        assertEquals(List.of("iterations", "styleWeight"), rowsWithClass(sheet, "differs"));
        assertTrue(rowsWithClass(sheet, "same").containsAll(List.of("size", "optimizer", "tvWeight", "styleLayers")));
        assertTrue(sheet.contains("<th scope=\"row\">final total loss</th>"));
        assertTrue(sheet.contains("<th scope=\"row\">evaluations</th><td>9 evaluations, 0.33 s each</td>"
                + "<td>41 evaluations, 0.40 s each</td>"), sheet);
        assertTrue(sheet.contains("aria-label=\"Total loss of harbor-mosaic, harbor-mosaic-long\""));
    }

    @Test
    void theRecordKeepsTheRunWholeAndARecordWrittenWithoutTimingsRendersWithoutInventingThem() throws IOException {
        ReportFixture fixture = new ReportFixture(dir);
        List<ReportEntry> read = ExecutionRecord.readAll(fixture.metadataDirectory).get(0).entries();
        assertEquals(fixture.record.entries().stream().map(ReportEntry::run).toList(),
                read.stream().map(ReportEntry::run).toList());

        // As a plugin that did not keep timings wrote it: the entries read, with no run, and the page says so.
        Path file = ExecutionRecord.file(fixture.metadataDirectory, "default");
        String json = Files.readString(file);
        String withoutTimings = json.replaceAll("\"timings\": \\{[^}]*},", "").replace("\"timings\": null,", "");
        assertFalse(withoutTimings.contains("timings"), withoutTimings);
        Files.writeString(file, withoutTimings);
        ExecutionRecord old = ExecutionRecord.readAll(fixture.metadataDirectory).get(0);
        assertEquals(fixture.record.entries().stream().map(ReportEntry::status).toList(),
                old.entries().stream().map(ReportEntry::status).toList());
        assertTrue(old.entries().stream().allMatch(e -> e.run() == null));
        String html = new HtmlReport(old.title(), List.of(old), Links.relativeTo(fixture.metadataDirectory), null)
                .render();
        String shortRun = article(html, "harbor-mosaic");
        assertTrue(shortRun.contains("Cache miss: generated by a run this record does not describe (an older plugin"
                + " wrote it; the next build of the asset records it) (3.6 s in all)"), shortRun);
        assertFalse(shortRun.contains("3.4 s") || shortRun.contains("loss-chart"), "no time or losses made up");
    }

    @Test
    void aRemoteCacheHitIsBadgedAsRemoteAndCountedWithTheHits() throws IOException {
        ReportFixture fixture = new ReportFixture(dir);
        List<ReportEntry> entries = new ArrayList<>(fixture.record.entries());
        ReportEntry longRun = fixture.entry("harbor-mosaic-long");
        int index = entries.indexOf(longRun);
        entries.set(index, longRun.toBuilder().status(AssetStatus.REMOTE).buildMillis(400).build());
        new ExecutionRecord("default", "remote", "2025-01-01T12:00:00Z", entries).write(fixture.metadataDirectory);
        assertTrue(Files.readString(ExecutionRecord.file(fixture.metadataDirectory, "default"))
                .contains("\"result\": \"remote\""));
        ExecutionRecord readBack = ExecutionRecord.read(fixture.metadataDirectory, "default");
        assertEquals(AssetStatus.REMOTE, readBack.entries().get(index).status());

        String html = new HtmlReport("remote", List.of(readBack), Links.relativeTo(fixture.metadataDirectory), null)
                .render();

        assertTrue(html.contains("4 assets: 2 generated, 1 from the cache (1 remote), 1 failed"), html);
        String article = article(html, "harbor-mosaic-long");
        assertTrue(article.contains("<span class=\"badge remote\">remote cache hit</span>"), article);
        assertTrue(article.contains("Cache hit (remote): downloaded in 0.4 s; generated earlier in 17.0 s"
                + " (41 evaluations, 0.40 s each) on CPU (x86_64, AVX2)"), article);
        assertTrue(article.contains("None: this image came from the cache"), article);
    }

    @Test
    void aPageWithoutAssetsSaysWhy() {
        String html = HtmlReport.message("a <b> project", "Nothing here", "Run <mvn> first");
        assertTrue(html.contains("<title>Stylized assets: a &lt;b&gt; project</title>"));
        assertTrue(html.contains("Run &lt;mvn&gt; first"));
    }

    /** The article of asset {@code id}, as the page shows it. */
    private static String article(String html, String id) {
        Matcher m = Pattern.compile("<article class=\"asset\" id=\"[^\"]*\">\n<h3>" + Pattern.quote(Html.escape(id))
                + " ").matcher(html);
        assertTrue(m.find(), "no article for " + id);
        return html.substring(m.start(), html.indexOf("</article>", m.start()));
    }

    private static List<String> rowsWithClass(String html, String cssClass) {
        Matcher m = Pattern.compile("<tr class=\"" + cssClass + "\"><th scope=\"row\">([^<]*)</th>").matcher(html);
        List<String> rows = new java.util.ArrayList<>();
        while (m.find()) {
            rows.add(m.group(1));
        }
        return rows;
    }
}
