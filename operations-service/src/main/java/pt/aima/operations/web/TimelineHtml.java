package pt.aima.operations.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import pt.aima.operations.timeline.TimelineEntry;

/**
 * A case timeline as one printable HTML page an auditor can attach to a report: self-contained (its only style is in
 * the page, no script, no font, no image, nothing fetched), the tree of causes drawn by indentation, ids in full,
 * and on paper the table's head repeated on every page.
 */
final class TimelineHtml {

    /** Depths beyond this are drawn at this indentation (the depth is still printed). */
    private static final int DEEPEST_DRAWN = 12;

    private static final String STYLE = style();

    /** Nothing may load or run but the page's own style. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(STYLE) + "'";

    private static final DateTimeFormatter UTC = DateTimeFormatter.ISO_INSTANT;

    private TimelineHtml() {}

    static String render(CaseTimelineController.TimelineView view) {
        Map<String, Integer> perService = new LinkedHashMap<>();
        TreeSet<String> flows = new TreeSet<>();
        for (TimelineEntry entry : view.entries()) {
            perService.merge(entry.service(), 1, Integer::sum);
            flows.add(entry.correlationId());
        }
        StringBuilder html = new StringBuilder(4096 + view.entries().size() * 600);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Case timeline ")
                .append(view.caseId())
                .append("</title>\n<style>")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n<header>\n<h1>Case timeline</h1>\n<dl>\n");
        term(html, "Case", view.caseId().toString());
        term(
                html,
                "As of",
                view.asOf() == null
                        ? "everything operations-service had received when this page was made"
                        : time(view.asOf()) + " (events received by then)");
        term(html, "Made at", time(view.generatedAt()));
        term(html, "Entries", view.entries().size() + " events in " + flows.size() + " flow(s)");
        StringBuilder services = new StringBuilder();
        perService.forEach((service, count) -> services.append(services.isEmpty() ? "" : ", ")
                .append(service)
                .append(": ")
                .append(count));
        term(html, "Services", services.toString());
        html.append("</dl>\n<p class=\"note\">In causal order: each event is indented under the event that caused it;")
                .append(" an event whose cause was a request or a scheduled run starts a new tree. Times are UTC.")
                .append(" Summaries name no person: ids and codes only.</p>\n</header>\n");
        html.append("<table>\n<thead><tr><th>#</th><th>Occurred (UTC)</th><th>Service</th><th>Event</th>")
                .append("<th>What happened</th><th>Actor</th><th>Event id / caused by</th></tr></thead>\n<tbody>\n");
        int row = 0;
        for (TimelineEntry entry : view.entries()) {
            row++;
            html.append("<tr class=\"")
                    .append(entry.depth() == 0 ? "root " : "")
                    .append("d")
                    .append(Math.min(entry.depth(), DEEPEST_DRAWN))
                    .append("\"><td class=\"n\">")
                    .append(row)
                    .append("</td><td class=\"t\"><time datetime=\"")
                    .append(escape(entry.occurredAt().toString()))
                    .append("\">")
                    .append(escape(time(entry.occurredAt())))
                    .append("</time></td><td>")
                    .append(escape(entry.service()))
                    .append("</td><td>")
                    .append(escape(entry.type()))
                    .append(" <span class=\"v\">v")
                    .append(entry.version())
                    .append("</span></td><td class=\"s\">")
                    .append(entry.depth() == 0 ? "" : "&#8627; ")
                    .append(escape(entry.summary()))
                    .append(
                            entry.depth() > DEEPEST_DRAWN
                                    ? " <span class=\"v\">(depth " + entry.depth() + ")</span>"
                                    : "")
                    .append("</td><td>")
                    .append(escape(entry.actor().subject()))
                    .append("<br><span class=\"v\">")
                    .append(escape(entry.actor().role()))
                    .append("</span></td><td class=\"id\">")
                    .append(escape(entry.eventId().toString()))
                    .append("<br><span class=\"v\">")
                    .append(
                            entry.parentId() == null
                                    ? "cause: " + escape(entry.causationId())
                                    : "under " + escape(entry.parentId().toString()))
                    .append("</span></td></tr>\n");
        }
        html.append("</tbody>\n</table>\n<footer>AIMA family reunification platform, operations-service:")
                .append(" GET /audit/cases/")
                .append(view.caseId())
                .append("/timeline")
                .append(view.asOf() == null ? "" : "?asOf=" + escape(view.asOf().toString()))
                .append("</footer>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void term(StringBuilder html, String term, String definition) {
        html.append("<dt>")
                .append(escape(term))
                .append("</dt><dd>")
                .append(escape(definition))
                .append("</dd>\n");
    }

    private static String time(Instant instant) {
        return UTC.format(instant.truncatedTo(ChronoUnit.SECONDS)).replace('T', ' ');
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String style() {
        StringBuilder css = new StringBuilder(
                """
                body{font:10pt/1.35 "Helvetica Neue",Arial,sans-serif;color:#111;margin:1.5em}
                h1{font-size:15pt;margin:0 0 .4em}
                dl{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em;margin:0 0 .6em}
                dt{font-weight:bold}dd{margin:0}
                .note{color:#444;margin:.2em 0 .8em}
                table{border-collapse:collapse;width:100%}
                th,td{border-bottom:1px solid #ccc;padding:.25em .4em;text-align:left;vertical-align:top}
                th{background:#eee;border-bottom:2px solid #888}
                tr.root td{border-top:2px solid #888}
                .n,.v{color:#555}.v{font-size:8.5pt}
                .t{white-space:nowrap}
                .id{font-family:"DejaVu Sans Mono",Consolas,monospace;font-size:8pt;word-break:break-all}
                footer{margin-top:1em;color:#555;font-size:8.5pt}
                @page{size:A4 landscape;margin:12mm}
                @media print{body{margin:0}thead{display:table-header-group}tr{break-inside:avoid}th{background:none}}
                """);
        for (int depth = 1; depth <= DEEPEST_DRAWN; depth++) {
            css.append("tr.d")
                    .append(depth)
                    .append(" td.s{padding-left:")
                    .append(0.4 + 1.2 * depth)
                    .append("em}\n");
        }
        return css.toString();
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
