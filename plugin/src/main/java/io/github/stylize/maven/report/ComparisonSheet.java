package io.github.stylize.maven.report;

import io.github.stylize.engine.IterationLoss;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Assets that share their content and style images (by bytes, not by name) but differ in settings, side by side:
 * one column per asset, one row per setting, the settings that differ highlighted and listed first, then the
 * outcome (final losses, iterations run, time) and one chart with every asset's total loss.
 */
final class ComparisonSheet {
    /** Settings whose difference says nothing about the look (never highlighted, listed last). */
    private static final Set<String> BOOKKEEPING = Set.of("algorithmVersion");

    /**
     * An asset and where the report shows it in full.
     *
     * @param anchor the id of its article
     * @param page   the page holding the article, "" for the page itself
     */
    record Member(ReportEntry entry, String anchor, String page) {
        String href() {
            return page + "#" + anchor;
        }
    }

    private final List<Member> members;

    ComparisonSheet(List<Member> members) {
        this.members = List.copyOf(members);
    }

    /** The groups of two or more members with equal content and style bytes, in order of first appearance. */
    static List<ComparisonSheet> groups(List<Member> all) {
        Map<String, List<Member>> byInputs = new LinkedHashMap<>();
        for (Member m : all) {
            ReportEntry e = m.entry();
            String inputs = e.inputs().digestKey();
            if (inputs == null) {
                continue;
            }
            byInputs.computeIfAbsent(inputs, k -> new ArrayList<>()).add(m);
        }
        return byInputs.values().stream().filter(g -> g.size() > 1).map(ComparisonSheet::new).toList();
    }

    List<Member> members() {
        return members;
    }

    /** Setting names of any member, in the order the settings are written, those that differ first. */
    List<String> settingRows() {
        Set<String> names = new LinkedHashSet<>();
        members.forEach(m -> names.addAll(m.entry().settings().keySet()));
        List<String> differing = new ArrayList<>();
        List<String> same = new ArrayList<>();
        for (String name : names) {
            (differs(name) ? differing : same).add(name);
        }
        differing.addAll(same);
        return differing;
    }

    boolean differs(String setting) {
        if (BOOKKEEPING.contains(setting)) {
            return false;
        }
        Set<String> values = new LinkedHashSet<>();
        members.forEach(m -> values.add(Html.value(m.entry().settings().get(setting))));
        return values.size() > 1;
    }

    void render(StringBuilder html, String anchor, Links links) {
        ReportEntry first = members.get(0).entry();
        html.append("<section class=\"comparison\" id=\"").append(anchor).append("\">\n");
        html.append("<h3>").append(Html.escape(first.inputs().content().getFileName().toString())).append(" &times; ")
                .append(Html.escape(first.inputs().styleNames())).append(" <small>")
                .append(members.size()).append(" assets</small></h3>\n");
        html.append("<div class=\"inputs\">");
        HtmlReport.figure(html, links, first.inputs().content(), "content", "content image", "small");
        HtmlReport.styleFigures(html, links, first.inputs().styles(), "style image", "small");
        html.append("<p class=\"hint\">Same content and style images; the <mark>highlighted</mark> settings differ. "
                + "Click a result for full size, an id for its details.</p></div>\n");

        html.append("<div class=\"table-wrap\"><table class=\"sheet\">\n<thead><tr><th scope=\"col\">setting</th>");
        for (Member m : members) {
            html.append("<th scope=\"col\"><a href=\"").append(Html.escape(m.href())).append("\">")
                    .append(Html.escape(m.entry().id())).append("</a></th>");
        }
        html.append("</tr></thead>\n<tbody>\n<tr class=\"results\"><th scope=\"row\">result</th>");
        for (Member m : members) {
            html.append("<td>");
            if (!m.entry().hasResult()) {
                html.append("<span class=\"badge ").append(m.entry().status().label()).append("\">")
                        .append(m.entry().status().label()).append("</span>");
            } else {
                HtmlReport.image(html, links, m.entry().output(), "result of " + m.entry().id(), "small");
            }
            html.append("</td>");
        }
        html.append("</tr>\n");
        for (String setting : settingRows()) {
            boolean differs = differs(setting);
            html.append("<tr class=\"").append(differs ? "differs" : "same").append("\"><th scope=\"row\">")
                    .append(Html.escape(setting)).append("</th>");
            for (Member m : members) {
                html.append("<td>").append(Html.escape(Html.value(m.entry().settings().get(setting)))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n<tbody class=\"outcome\">\n");
        outcomeRow(html, "final content loss", e -> last(e) == null ? "" : Html.loss(last(e).content()));
        outcomeRow(html, "final style loss", e -> last(e) == null ? "" : Html.loss(last(e).style()));
        outcomeRow(html, "final total loss", e -> last(e) == null ? "" : Html.loss(last(e).total()));
        outcomeRow(html, "iterations run", e -> last(e) == null ? "" : Integer.toString(last(e).iteration()));
        outcomeRow(html, "engine time", e -> e.run() == null ? "" : Html.seconds(e.run().timings().totalMillis()));
        outcomeRow(html, "evaluations", e -> e.run() == null ? "" : SummaryTable.evaluations(e.run().timings()));
        html.append("</tbody></table></div>\n");

        List<String> labels = new ArrayList<>();
        List<List<IterationLoss>> runs = new ArrayList<>();
        for (Member m : members) {
            if (!m.entry().losses().isEmpty()) {
                labels.add(m.entry().id());
                runs.add(m.entry().losses());
            }
        }
        if (runs.size() > 1) {
            html.append("<figure class=\"chart\">")
                    .append(LossChart.ofTotals("Total loss of " + String.join(", ", labels), labels, runs).toSvg())
                    .append("<figcaption>Total loss per iteration, log scale</figcaption></figure>\n");
        }
        html.append("</section>\n");
    }

    private void outcomeRow(StringBuilder html, String label, Function<ReportEntry, String> cell) {
        html.append("<tr><th scope=\"row\">").append(Html.escape(label)).append("</th>");
        for (Member m : members) {
            html.append("<td>").append(Html.escape(Objects.toString(cell.apply(m.entry()), ""))).append("</td>");
        }
        html.append("</tr>\n");
    }

    private static IterationLoss last(ReportEntry e) {
        return e.losses().isEmpty() ? null : e.losses().get(e.losses().size() - 1);
    }
}
