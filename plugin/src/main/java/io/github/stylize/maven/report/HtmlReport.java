package io.github.stylize.maven.report;

import io.github.stylize.engine.IterationLoss;
import io.github.stylize.engine.RunSummary;
import io.github.stylize.engine.Setting;
import io.github.stylize.engine.StyleSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The report page: per asset its content, style and result images (thumbnails that open at full size on the page),
 * the settings changed from the defaults, loss curves and a table of their values, snapshots, all effective settings,
 * cache hit or miss, time, backend and weights (random weights and {@code stylize.preview} renders badged as
 * previews); before them, the comparison sheets of assets that share content and style. One self-contained HTML file:
 * inline CSS and SVG, no script, images by relative link.
 */
public final class HtmlReport {
    private final String title;
    private final List<ExecutionRecord> records;
    private final Links links;
    private final String note;

    /**
     * @param title   the project's name
     * @param records the executions to show, their entries in order
     * @param links   how the page reaches image files
     * @param note    a line for the page's footer (where it was published from), or null
     */
    public HtmlReport(String title, List<ExecutionRecord> records, Links links, String note) {
        this.title = title;
        this.records = List.copyOf(records);
        this.links = links;
        this.note = note;
    }

    /** A page without assets that tells the reader what to do instead. */
    public static String message(String title, String heading, String text) {
        StringBuilder html = new StringBuilder();
        head(html, title);
        html.append("<header><h1>").append(Html.escape(heading)).append("</h1></header>\n<main><p class=\"notice\">")
                .append(Html.escape(text)).append("</p></main>\n</body>\n</html>\n");
        return html.toString();
    }

    /** A page listing what is wrong with the configuration, in place of the images a failed build did not make. */
    public static String problems(String title, String heading, List<String> problems) {
        StringBuilder html = new StringBuilder();
        head(html, title);
        html.append("<header><h1>").append(Html.escape(heading)).append("</h1></header>\n<main><ul class=\"problems\">\n");
        for (String problem : problems) {
            html.append("<li>").append(Html.escape(problem)).append("</li>\n");
        }
        html.append("</ul>\n<p class=\"notice\">Fix these and build again; this page then shows the images.</p></main>\n"
                + "</body>\n</html>\n");
        return html.toString();
    }

    /**
     * Assets shown on one page: 100. A page with more stays small and fast to open no longer (a cached build of a
     * 10,000-file batch made a 68 MB page); a report of more assets is an index page and pages of 100 assets each.
     */
    static final int ASSETS_PER_PAGE = 100;

    /** One file of the report: {@link ReportPages#PAGE} or a page of assets. */
    public record Page(String name, String html) {
    }

    /** The report on one page, however many assets it shows. */
    public String render() {
        List<Page> pages = new ArrayList<>();
        renderAll(Integer.MAX_VALUE, pages::add);
        return pages.get(0).html();
    }

    /**
     * Renders the report, one page, or for more than {@link #ASSETS_PER_PAGE} assets an index and pages of assets,
     * handing each page to {@code sink} as soon as it is rendered, so only one is held in memory.
     */
    public void pages(Consumer<Page> sink) {
        renderAll(ASSETS_PER_PAGE, sink);
    }

    /** The name of the {@code number}th page of assets, from 1. */
    static String assetPage(int number) {
        return "assets-" + number + ".html";
    }

    void renderAll(int perPage, Consumer<Page> sink) {
        int total = records.stream().mapToInt(r -> r.entries().size()).sum();
        boolean paged = total > perPage;
        List<ComparisonSheet.Member> members = new ArrayList<>();
        List<String> executions = new ArrayList<>();
        for (ExecutionRecord r : records) {
            for (ReportEntry e : r.entries()) {
                int index = members.size();
                members.add(new ComparisonSheet.Member(e, Html.anchor("asset-", index, e.id()),
                        paged ? assetPage(index / perPage + 1) : ""));
                executions.add(r.execution());
            }
        }
        List<ComparisonSheet> sheets = ComparisonSheet.groups(members);

        StringBuilder html = new StringBuilder(64 * 1024);
        head(html, title);
        html.append("<header>\n<h1>Stylized assets <small>").append(Html.escape(title)).append("</small></h1>\n");
        summary(html, members);
        toc(html, paged ? List.of() : members, sheets); // a paged index lists its pages instead
        html.append("</header>\n<main>\n");
        if (!sheets.isEmpty()) {
            html.append("<section id=\"comparisons\">\n<h2>Comparison sheets</h2>\n");
            for (int i = 0; i < sheets.size(); i++) {
                sheets.get(i).render(html, "compare-" + i, links);
            }
            html.append("</section>\n");
        }
        if (!paged) {
            assets(html, members, executions);
            sink.accept(new Page(ReportPages.PAGE, footer(html)));
            return;
        }
        pageIndex(html, members, perPage);
        sink.accept(new Page(ReportPages.PAGE, footer(html)));
        int pageCount = (members.size() + perPage - 1) / perPage;
        for (int number = 1; number <= pageCount; number++) {
            int from = (number - 1) * perPage;
            int to = Math.min(members.size(), from + perPage);
            StringBuilder page = new StringBuilder(64 * 1024);
            head(page, title);
            page.append("<header>\n<h1>Stylized assets <small>").append(Html.escape(title)).append("</small></h1>\n")
                    .append("<p class=\"summary\">Assets ").append(from + 1).append("&ndash;").append(to).append(" of ")
                    .append(members.size()).append(" &middot; page ").append(number).append(" of ").append(pageCount)
                    .append("</p>\n<nav class=\"pages\"><ul><li><a href=\"").append(ReportPages.PAGE)
                    .append("\">summary</a></li>");
            if (number > 1) {
                page.append("<li><a href=\"").append(assetPage(number - 1)).append("\">&larr; previous</a></li>");
            }
            if (number < pageCount) {
                page.append("<li><a href=\"").append(assetPage(number + 1)).append("\">next &rarr;</a></li>");
            }
            page.append("</ul></nav>\n");
            List<ComparisonSheet.Member> here = members.subList(from, to);
            toc(page, here.stream().map(m -> new ComparisonSheet.Member(m.entry(), m.anchor(), "")).toList(), List.of());
            page.append("</header>\n<main>\n");
            assets(page, here, executions.subList(from, to));
            sink.accept(new Page(assetPage(number), footer(page)));
        }
    }

    /** The asset articles, each execution's under its heading when there are several. */
    private void assets(StringBuilder html, List<ComparisonSheet.Member> members, List<String> executions) {
        html.append("<section id=\"assets\">\n<h2>Assets</h2>\n");
        String execution = null;
        for (int i = 0; i < members.size(); i++) {
            if (records.size() > 1 && !executions.get(i).equals(execution)) {
                execution = executions.get(i);
                html.append("<h3 class=\"execution\">Execution <code>").append(Html.escape(execution))
                        .append("</code></h3>\n");
            }
            asset(html, members.get(i).entry(), members.get(i).anchor());
        }
        html.append("</section>\n");
    }

    /** The index of a paged report: a table of the pages, then every failed asset, which a reader looks for first. */
    private static void pageIndex(StringBuilder html, List<ComparisonSheet.Member> members, int perPage) {
        int pageCount = (members.size() + perPage - 1) / perPage;
        html.append("<section id=\"pages\">\n<h2>Assets</h2>\n<p class=\"hint\">").append(members.size())
                .append(" assets, ").append(perPage).append(" to a page, in declaration order.</p>\n")
                .append("<table class=\"pages\"><thead><tr><th>page</th><th>first</th><th>last</th><th>generated</th>"
                        + "<th>from the cache</th><th>failed</th></tr></thead><tbody>\n");
        for (int number = 1; number <= pageCount; number++) {
            List<ComparisonSheet.Member> page = members.subList((number - 1) * perPage,
                    Math.min(members.size(), number * perPage));
            html.append("<tr><td><a href=\"").append(assetPage(number)).append("\">page ").append(number)
                    .append("</a></td><td>").append(Html.escape(page.get(0).entry().id())).append("</td><td>")
                    .append(Html.escape(page.get(page.size() - 1).entry().id())).append("</td>");
            html.append("<td>").append(count(page, s -> s == AssetStatus.GENERATED)).append("</td><td>")
                    .append(count(page, AssetStatus::cacheHit)).append("</td><td>")
                    .append(count(page, s -> s == AssetStatus.FAILED)).append("</td>");
            html.append("</tr>\n");
        }
        html.append("</tbody></table>\n");
        List<ComparisonSheet.Member> failed = members.stream()
                .filter(m -> m.entry().failed()).toList();
        if (!failed.isEmpty()) {
            html.append("<h3>Failed assets</h3>\n<ul class=\"failures\">");
            for (ComparisonSheet.Member m : failed) {
                html.append("<li><a href=\"").append(Html.escape(m.href())).append("\">")
                        .append(Html.escape(m.entry().id())).append("</a></li>");
            }
            html.append("</ul>\n");
        }
        html.append("</section>\n");
    }

    private String footer(StringBuilder html) {
        html.append("</main>\n<footer>");
        html.append("Losses are the weighted terms of the objective: total = content + style + tv. ");
        html.append("Iteration 0 is the initial image.");
        if (note != null) {
            html.append("<br>").append(Html.escape(note));
        }
        return html.append("</footer>\n</body>\n</html>\n").toString();
    }

    /** How many of {@code members} have a status that {@code counted} accepts. */
    private static long count(List<ComparisonSheet.Member> members, Predicate<AssetStatus> counted) {
        return members.stream().filter(m -> counted.test(m.entry().status())).count();
    }

    private void summary(StringBuilder html, List<ComparisonSheet.Member> members) {
        long remote = count(members, s -> s == AssetStatus.REMOTE);
        long skipped = count(members, s -> s == AssetStatus.SKIPPED);
        html.append("<p class=\"summary\">").append(members.size()).append(members.size() == 1 ? " asset: " : " assets: ")
                .append(count(members, s -> s == AssetStatus.GENERATED)).append(" generated, ")
                .append(count(members, AssetStatus::cacheHit)).append(" from the cache")
                .append(remote == 0 ? "" : " (" + remote + " remote)").append(", ")
                .append(count(members, s -> s == AssetStatus.FAILED)).append(" failed");
        if (skipped > 0) {
            html.append(", ").append(skipped).append(" skipped (another shard's)");
        }
        long random = members.stream().filter(m -> m.entry().hasResult() && m.entry().randomWeights()).count();
        if (random > 0) {
            html.append(" &middot; <strong>").append(random).append(random == 1 ? " preview" : " previews")
                    .append(" from random weights</strong>");
        }
        String written = records.stream().map(ExecutionRecord::writtenAt).filter(w -> w != null)
                .max(String::compareTo).orElse(null);
        if (written != null) {
            html.append(" &middot; built ").append(Html.escape(written));
        }
        html.append("</p>\n");
    }

    private static void toc(StringBuilder html, List<ComparisonSheet.Member> members, List<ComparisonSheet> sheets) {
        html.append("<nav><ul>");
        for (int i = 0; i < sheets.size(); i++) {
            ReportEntry first = sheets.get(i).members().get(0).entry();
            html.append("<li class=\"sheet-link\"><a href=\"#compare-").append(i).append("\">compare ")
                    .append(Html.escape(first.inputs().content().getFileName().toString())).append(" &times; ")
                    .append(Html.escape(first.inputs().styleNames())).append("</a></li>");
        }
        for (ComparisonSheet.Member m : members) {
            html.append("<li><a href=\"").append(Html.escape(m.href())).append("\"><span class=\"dot ")
                    .append(m.entry().status().label()).append("\"></span>")
                    .append(Html.escape(m.entry().id())).append("</a></li>");
        }
        html.append("</ul></nav>\n");
    }

    private void asset(StringBuilder html, ReportEntry e, String anchor) {
        html.append("<article class=\"asset\" id=\"").append(anchor).append("\">\n<h3>")
                .append(Html.escape(e.id())).append(' ')
                .append("<span class=\"badge ").append(e.status().label()).append("\">").append(badge(e.status()))
                .append("</span>");
        if (e.preview()) {
            html.append(" <span class=\"badge preview\" title=\"stylize.preview caps the size at ")
                    .append(Html.escape(Html.value(e.settings().get(ReportEntry.PREVIEW))))
                    .append(" px\">PREVIEW: reduced size</span>");
        }
        if (e.hasResult() && e.randomWeights()) {
            html.append(" <span class=\"badge preview\" title=\"stylize.weights=random: no pretrained network\">"
                    + "PREVIEW: random weights</span>");
        }
        html.append("</h3>\n<p class=\"meta\">").append(Html.escape(timing(e))).append("</p>\n");
        if (e.hasResult() && e.weights() != null) {
            html.append("<p class=\"meta weights\">Weights: ").append(Html.escape(e.weights().describe()))
                    .append(" &middot; <code>").append(Html.escape(e.weights().digest())).append("</code></p>\n");
        }
        changedSettings(html, e.settings());
        if (e.earlierBuild()) {
            html.append("<p class=\"notice\">Not selected in the last build (stylize.only): as an earlier build left it.</p>\n");
        }
        if (e.failed()) {
            html.append("<pre class=\"failure\">").append(Html.escape(e.failure())).append("</pre>\n");
        }
        html.append("<div class=\"images\">");
        viewable(html, e.inputs().content(), "content", "content image of " + e.id(), "", anchor, "content");
        if (e.inputs().contentMask() != null) {
            viewable(html, e.inputs().contentMask(), "content mask", "content mask of " + e.id(), "", anchor, "mask");
        }
        List<ReportEntry.StyleImage> styles = e.inputs().styles();
        for (int i = 0; i < styles.size(); i++) {
            viewable(html, styles.get(i).file(), styleCaption(styles, i), "style image of " + e.id()
                    + (styles.size() == 1 ? "" : " " + (i + 1)), "", anchor, styles.size() == 1 ? "style" : "style-" + (i + 1));
        }
        if (e.hasResult()) {
            viewable(html, e.output(), "result", "result " + e.id(), "large", anchor, "result");
            if (Boolean.TRUE.equals(e.settings().get("tileable"))) {
                tiledPreview(html, links, e.output(), e.id());
            }
        }
        html.append("</div>\n");
        if (!e.losses().isEmpty()) {
            html.append("<div class=\"curves\"><figure class=\"chart\">")
                    .append(LossChart.ofTerms("Losses of " + e.id(), e.losses()).toSvg())
                    .append("<figcaption>Weighted loss terms per iteration, log scale</figcaption></figure>");
            lossTable(html, e.losses());
            html.append("</div>\n");
        }
        snapshots(html, e, anchor);
        settings(html, e.settings());
        html.append("</article>\n");
    }

    /** The badge's text: a hit from the remote cache is named as such, and counted with the hits. */
    private static String badge(AssetStatus status) {
        return switch (status) {
            case GENERATED -> "generated";
            case CACHED -> "cache hit";
            case REMOTE -> "remote cache hit";
            case FAILED -> "failed";
            case SKIPPED -> "skipped";
        };
    }

    private static String timing(ReportEntry e) {
        return switch (e.status()) {
            case GENERATED -> "Cache miss: generated" + run(e) + " (" + Html.seconds(e.buildMillis()) + " in all)"
                    + key(e);
            case CACHED -> "Cache hit: copied in " + Html.seconds(e.buildMillis()) + "; generated earlier" + run(e)
                    + key(e);
            case REMOTE -> "Cache hit (remote): downloaded in " + Html.seconds(e.buildMillis()) + "; generated earlier"
                    + run(e) + key(e);
            case SKIPPED -> "Not built here: " + e.failure() + ", another shard builds it" + key(e);
            case FAILED -> "Failed after " + Html.seconds(e.buildMillis()) + key(e);
        };
    }

    /** How the run that made the image went, e.g. {@code  in 3.4 s (9 evaluations, 0.33 s each) on CPU}. */
    private static String run(ReportEntry e) {
        RunSummary run = e.run();
        if (run == null) {
            return " by a run this record does not describe (an older plugin wrote it; the next build of the asset"
                    + " records it)";
        }
        return " in " + Html.seconds(run.timings().totalMillis()) + " (" + SummaryTable.evaluations(run.timings())
                + ")" + (run.backend() == null ? "" : " on " + run.backend());
    }

    private static String key(ReportEntry e) {
        return e.cacheKey() == null ? "" : " · cache key " + e.cacheKey().substring(0, Math.min(12, e.cacheKey().length()));
    }

    /** Rows of the loss table: the first and the last iteration and evenly spaced ones between. */
    static final int LOSS_ROWS = 8;

    /** How the optimization went, in {@link #LOSS_ROWS} rows: where the curve's values can be read. */
    private static void lossTable(StringBuilder html, List<IterationLoss> losses) {
        html.append("<table class=\"losses\"><thead><tr><th>iteration</th><th>content</th><th>style</th><th>tv</th>"
                + "<th>total</th></tr></thead><tbody>");
        for (IterationLoss l : lossRows(losses, LOSS_ROWS)) {
            html.append("<tr><td>").append(l.iteration()).append("</td><td>").append(Html.loss(l.content()))
                    .append("</td><td>").append(Html.loss(l.style())).append("</td><td>").append(Html.loss(l.tv()))
                    .append("</td><td>").append(Html.loss(l.total())).append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    /** At most {@code count} entries, the first and the last among them, spread evenly over the history. */
    static List<IterationLoss> lossRows(List<IterationLoss> losses, int count) {
        if (losses.size() <= count) {
            return losses;
        }
        List<IterationLoss> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(losses.get((int) Math.round(i * (losses.size() - 1) / (double) (count - 1))));
        }
        return rows;
    }

    private void snapshots(StringBuilder html, ReportEntry e, String anchor) {
        if (!e.hasResult()) {
            return;
        }
        html.append("<div class=\"snapshots\"><h4>Snapshots</h4>");
        if (e.snapshots().isEmpty()) {
            html.append("<p class=\"hint\">").append(Html.escape(noSnapshots(e))).append("</p>");
        } else {
            html.append("<div class=\"strip\">");
            for (ReportEntry.Snapshot s : e.snapshots()) {
                viewable(html, s.file(), "iteration " + s.iteration(), e.id() + " at iteration " + s.iteration(),
                        "small", anchor, "iteration-" + s.iteration());
            }
            html.append("</div>");
        }
        html.append("</div>\n");
    }

    private static String noSnapshots(ReportEntry e) {
        if (e.status().cacheHit()) {
            return "None: this image came from the cache, and snapshots are taken only while the engine runs "
                    + "(-Dstylize.force runs it again).";
        }
        Object every = e.settings().get("snapshotEvery");
        if (every instanceof Number n && n.longValue() > 0) {
            return "None were taken: snapshotEvery is " + n.longValue() + ".";
        }
        return "None: set snapshotEvery to watch the image converge.";
    }

    private static void settings(StringBuilder html, Map<String, Object> settings) {
        html.append("<details class=\"settings\"><summary>Effective settings: ")
                .append(Html.escape(headline(settings))).append("</summary><table>");
        for (Map.Entry<String, Object> s : settings.entrySet()) {
            html.append("<tr><th scope=\"row\">").append(Html.escape(s.getKey())).append("</th><td>")
                    .append(Html.escape(Html.value(s.getValue()))).append("</td></tr>");
        }
        html.append("</table></details>\n");
    }

    /**
     * The settings that differ from the defaults, in a line shown without expanding anything: what the user changed,
     * or a preview capped. Entries that are not settings of the engine's table (the preview marker) are left out.
     */
    private static void changedSettings(StringBuilder html, Map<String, Object> settings) {
        List<String> changed = new ArrayList<>();
        for (Setting<?> setting : StyleSettings.settings()) {
            if (!settings.containsKey(setting.name())) {
                continue;
            }
            String value = Html.value(settings.get(setting.name()));
            String defaultValue = defaultValue(setting);
            if (!value.equals(defaultValue)) {
                changed.add("<b>" + Html.escape(setting.name()) + "</b> " + Html.escape(value) + " <small>(default "
                        + Html.escape(defaultValue.isEmpty() ? "none" : defaultValue) + ")</small>");
            }
        }
        html.append("<p class=\"changed\">");
        if (changed.isEmpty()) {
            html.append("All settings at their defaults.");
        } else {
            html.append("Changed from the defaults: ").append(String.join(" &middot; ", changed));
        }
        html.append("</p>\n");
    }

    private static <T> String defaultValue(Setting<T> setting) {
        T value = setting.defaultValue();
        return value == null ? "" : Html.value(setting.json(value));
    }

    /** The settings a reader looks for first, in one line. */
    static String headline(Map<String, Object> s) {
        List<String> parts = new ArrayList<>();
        if (s.containsKey("size")) {
            parts.add(Html.value(s.get("size")) + " px");
        }
        if (s.containsKey("iterations")) {
            parts.add(Html.value(s.get("iterations")) + " iterations");
        }
        if (s.containsKey("optimizer")) {
            parts.add(Html.value(s.get("optimizer")));
        }
        for (String weight : List.of("contentWeight", "styleWeight", "tvWeight")) {
            if (s.containsKey(weight)) {
                parts.add(weight + " " + Html.value(s.get(weight)));
            }
        }
        if (s.get("styleLayers") instanceof List<?> layers) {
            parts.add(layers.size() + (layers.size() == 1 ? " style layer" : " style layers"));
        }
        return String.join(", ", parts);
    }

    /**
     * A captioned thumbnail that opens the image at full size on this page (a {@code :target} overlay, no script), or
     * a note that the file is missing.
     *
     * @param anchor the asset's anchor, where closing the overlay returns to
     * @param role   what the image is to the asset, unique in it: makes the overlay's id
     */
    private void viewable(StringBuilder html, Path file, String caption, String alt, String size, String anchor,
                          String role) {
        String href = links.href(file);
        if (href == null) {
            figure(html, links, file, caption, alt, size);
            return;
        }
        String url = Html.escape(href);
        String view = "view-" + anchor + "-" + role;
        html.append("<figure class=\"thumb ").append(size).append(' ').append(role.startsWith("iteration-") ? "snapshot"
                        : role).append("\"><a href=\"#").append(view).append("\" title=\"view at full size\">")
                .append("<img loading=\"lazy\" class=\"").append(size).append("\" src=\"").append(url)
                .append("\" alt=\"").append(Html.escape(alt)).append("\"></a><figcaption>").append(Html.escape(caption))
                .append("<br><code>").append(Html.escape(file.getFileName().toString())).append("</code></figcaption>")
                .append("<div class=\"lightbox\" id=\"").append(view).append("\"><a class=\"backdrop\" href=\"#")
                .append(anchor).append("\" aria-label=\"close\"></a><img loading=\"lazy\" src=\"").append(url)
                .append("\" alt=\"").append(Html.escape(alt)).append(" at full size\"><p>")
                .append(Html.escape(alt)).append(" &middot; <a href=\"").append(url).append("\">open the file</a>")
                .append(" &middot; <a href=\"#").append(anchor).append("\">close</a></p></div></figure>");
    }

    /** A captioned thumbnail linking to the full-size file, or a note that the file is missing. */
    static void figure(StringBuilder html, Links links, Path file, String caption, String alt, String size) {
        html.append("<figure class=\"thumb ").append(size).append("\">");
        image(html, links, file, alt, size);
        html.append("<figcaption>").append(Html.escape(caption)).append("<br><code>")
                .append(Html.escape(file.getFileName().toString())).append("</code></figcaption></figure>");
    }

    /** A figure per style image; with several, each captioned with its weight and share of the blend. */
    static void styleFigures(StringBuilder html, Links links, List<ReportEntry.StyleImage> styles, String alt,
                             String size) {
        for (int i = 0; i < styles.size(); i++) {
            figure(html, links, styles.get(i).file(), styleCaption(styles, i), alt + (styles.size() == 1 ? ""
                    : " " + (i + 1)), size);
        }
    }

    /** "style", or for a blend "style 2, weight 0.3 (30%)". */
    private static String styleCaption(List<ReportEntry.StyleImage> styles, int i) {
        if (styles.size() == 1) {
            return "style";
        }
        double total = styles.stream().mapToDouble(ReportEntry.StyleImage::weight).sum();
        ReportEntry.StyleImage style = styles.get(i);
        return String.format(Locale.ROOT, "style %d, weight %s (%.0f%%)", i + 1, Html.value(style.weight()),
                100 * style.weight() / total);
    }

    /**
     * A tileable result four times, edge to edge in two rows of two, at its own aspect ratio: a seam would show as a
     * cross through the middle. Nothing where the file is missing (the result's figure says so).
     */
    static void tiledPreview(StringBuilder html, Links links, Path file, String id) {
        String href = links.href(file);
        if (href == null) {
            return;
        }
        String url = Html.escape(href);
        html.append("<figure class=\"thumb\"><div class=\"tiled\">");
        for (int copy = 0; copy < 4; copy++) {
            // one description for the four copies: the first image carries it, the others are decoration
            html.append("<img loading=\"lazy\" class=\"tile\" src=\"").append(url).append("\" alt=\"")
                    .append(copy == 0 ? Html.escape("result " + id + " tiled 2x2") : "").append("\">");
        }
        html.append("</div><figcaption>tiled 2x2</figcaption></figure>");
    }

    static void image(StringBuilder html, Links links, Path file, String alt, String size) {
        String href = links.href(file);
        if (href == null) {
            html.append("<span class=\"missing\" title=\"").append(Html.escape(file.toString()))
                    .append("\">file missing</span>");
            return;
        }
        String url = Html.escape(href);
        html.append("<a href=\"").append(url).append("\"><img loading=\"lazy\" class=\"").append(size)
                .append("\" src=\"").append(url).append("\" alt=\"").append(Html.escape(alt)).append("\"></a>");
    }

    private static void head(StringBuilder html, String title) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"stylize-maven-plugin\">\n")
                .append("<title>Stylized assets: ").append(Html.escape(title)).append("</title>\n<style>\n")
                .append(CSS).append("</style>\n</head>\n<body>\n");
    }

    private static final String CSS = """
            :root { --fg: #1d2433; --muted: #5c6577; --line: #d9dde5; --bg: #f6f7f9; --card: #fff;
              --generated: #2f7d32; --cached: #2563a8; --failed: #b3261e; --skipped: #6b6b6b; --mark: #fff1a8; }
            * { box-sizing: border-box; }
            body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
              color: var(--fg); background: var(--bg); }
            header, main, footer { max-width: 1180px; margin: 0 auto; padding: 0 20px; }
            header { padding-top: 20px; }
            h1 { font-size: 24px; margin: 0 0 4px; }
            h1 small { font-weight: normal; color: var(--muted); }
            h2 { font-size: 18px; margin: 28px 0 12px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
            h3 { font-size: 16px; margin: 0 0 4px; }
            h3 small { font-weight: normal; color: var(--muted); }
            h4 { font-size: 13px; margin: 12px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
            code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
            .summary { color: var(--muted); margin: 0 0 10px; }
            nav ul { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 6px; }
            nav a { display: inline-block; padding: 2px 10px; border: 1px solid var(--line); border-radius: 12px;
              background: var(--card); color: var(--fg); text-decoration: none; }
            nav .sheet-link a { border-color: #c9a227; }
            .dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-right: 6px; }
            .dot.generated { background: var(--generated); } .dot.cached, .dot.remote { background: var(--cached); }
            .dot.failed { background: var(--failed); } .dot.skipped { background: var(--skipped); }
            .asset, .comparison { background: var(--card); border: 1px solid var(--line); border-radius: 8px;
              padding: 16px; margin: 0 0 16px; }
            .execution { margin: 16px 0 8px; }
            .badge { font-size: 12px; font-weight: 600; padding: 1px 8px; border-radius: 10px; color: #fff;
              vertical-align: middle; }
            .badge.generated { background: var(--generated); }
            .badge.cached, .badge.remote { background: var(--cached); }
            .badge.failed { background: var(--failed); } .badge.skipped { background: var(--skipped); }
            .badge.preview { background: #8a4baf; }
            .meta, .hint { color: var(--muted); margin: 0 0 10px; }
            .notice { background: var(--mark); padding: 8px 12px; border-radius: 6px; }
            pre.failure { white-space: pre-wrap; background: #fdecea; color: var(--failed); border: 1px solid #f3b8b3;
              border-radius: 6px; padding: 10px; }
            .images, .strip, .inputs { display: flex; flex-wrap: wrap; gap: 14px; align-items: flex-start; }
            figure { margin: 0; }
            figure.thumb { text-align: center; }
            figcaption { color: var(--muted); font-size: 12px; margin-top: 4px; }
            img { display: block; width: 200px; height: 200px; object-fit: contain; background:
              repeating-conic-gradient(#eceff3 0% 25%, #fff 0% 50%) 50% / 16px 16px;
              border: 1px solid var(--line); border-radius: 4px; }
            img.small { width: 110px; height: 110px; }
            img.large { width: 360px; height: 360px; max-width: 100%; }
            .lightbox { display: none; }
            .lightbox:target { display: flex; position: fixed; inset: 0; z-index: 10; flex-direction: column;
              align-items: center; justify-content: center; gap: 10px; background: rgba(16, 20, 28, .9); }
            .lightbox .backdrop { position: absolute; inset: 0; }
            .lightbox img { position: relative; width: auto; height: auto; max-width: 94vw; max-height: 86vh;
              border: 0; border-radius: 0; }
            .lightbox p { position: relative; margin: 0; color: #e8ebf0; }
            .lightbox p a { color: #fff; }
            .changed { margin: 0 0 10px; }
            .changed small { color: var(--muted); }
            .tiled { display: grid; grid-template-columns: repeat(2, 180px); }
            img.tile { width: 180px; height: auto; object-fit: fill; border: 0; border-radius: 0; background: none; }
            .missing { display: inline-flex; width: 200px; height: 200px; align-items: center; justify-content: center;
              border: 1px dashed var(--failed); color: var(--failed); border-radius: 4px; }
            .small .missing, td .missing { width: 110px; height: 110px; }
            .curves { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; margin-top: 14px; }
            .chart { flex: 1 1 520px; max-width: 680px; }
            svg.loss-chart { width: 100%; height: auto; font: 12px system-ui, sans-serif; }
            svg.loss-chart .plot { fill: #fbfcfd; stroke: var(--line); }
            svg.loss-chart .grid { stroke: #e3e6ec; } svg.loss-chart .grid.minor { stroke-dasharray: 2 3; }
            svg.loss-chart text { fill: var(--muted); } svg.loss-chart .legend-item text { fill: var(--fg); }
            svg.loss-chart .legend-item.skipped text { fill: var(--muted); font-style: italic; }
            table { border-collapse: collapse; }
            th, td { padding: 3px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
            table.losses td { text-align: right; font-variant-numeric: tabular-nums; }
            details.settings { margin-top: 12px; }
            details.settings summary { cursor: pointer; color: var(--muted); }
            details.settings table { margin-top: 6px; }
            .table-wrap { overflow-x: auto; margin: 10px 0; }
            table.sheet th[scope=col] { white-space: nowrap; }
            table.sheet tr.differs th, table.sheet tr.differs td { background: var(--mark); font-weight: 600; }
            table.sheet tr.same td { color: var(--muted); }
            table.sheet tbody.outcome { border-top: 2px solid var(--fg); }
            table.sheet tbody.outcome td { font-variant-numeric: tabular-nums; }
            mark { background: var(--mark); }
            footer { color: var(--muted); font-size: 12px; padding-bottom: 24px; }
            """;
}
