package io.tokenfleet.report;

import static io.tokenfleet.report.Rows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenfleet.fleet.CostDistribution;
import io.tokenfleet.fleet.SummaryRow;
import io.tokenfleet.report.svg.SvgParsing;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class HtmlReportTest {
  static final String SCRIPT = "<script>alert(1)</script>";
  static final String BREAKOUT = "\"><img src=x onerror=alert(1)>";

  static List<CostDistribution> distributions() {
    return List.of(
        new CostDistribution("m1", "greedy", "h100:1", new double[] {0, 1e-5, 1e-4, 1e-3}, new long[] {5, 90, 5}),
        new CostDistribution("m1", "greedy/no-cache", "h100:1", new double[] {1e-4, 1e-3, 1e-2, 1e-1, 1}, new long[] {1, 9, 80, 10}));
  }

  @Test
  void chartsHaveOneBarPerRowPairOrBin() {
    List<SummaryRow> rows = MarkdownReportTest.rows();
    List<Document> svgs = SvgParsing.parseAll(HtmlReport.render(MarkdownReportTest.CONTEXT, rows, distributions()));
    // dollars, cache on/off, greedy vs beam/parallel, tokens, then one histogram per distribution
    assertEquals(4 + 2, svgs.size());
    assertEquals(6, SvgParsing.byClass(svgs.get(0), "rect", "bar").size()); // one bar per summary row
    assertEquals(2 * 2, SvgParsing.byClass(svgs.get(1), "rect", "bar").size()); // two cache/no-cache pairs in the fixture
    assertEquals(2 * 2, SvgParsing.byClass(svgs.get(2), "rect", "bar").size()); // two beam:4 rows with a greedy twin
    assertEquals(2 * 6, SvgParsing.byClass(svgs.get(3), "rect", "bar").size()); // input and output per row
    assertEquals(3, SvgParsing.byClass(svgs.get(4), "rect", "bar").size()); // bins of the first distribution
    assertEquals(4, SvgParsing.byClass(svgs.get(5), "rect", "bar").size());
    // bars follow summary order: the first is m1 beam:4 (cached, h100:1), $4.50
    assertEquals("m1 \u00b7 beam:4 \u00b7 h100:1: $4.50", SvgParsing.byClass(svgs.get(0), "rect", "bar").get(0).getTextContent());
  }

  @Test
  void beamAndParallelMultipliersAreStrategyOverGreedyWithTheSameCacheSetting() {
    String html = HtmlReport.render(MarkdownReportTest.CONTEXT, MarkdownReportTest.rows(), List.of());
    String section = html.substring(html.indexOf("<section id=\"strategy\">"));
    section = section.substring(0, section.indexOf("</section>"));
    // by hand from the fixture: m1 beam:4 cached $4.50 / greedy cached $1.50 = 3.00x; uncached $13.50 / $3.00 = 4.50x;
    // m2 parallel:8 has no greedy row and the a100 greedy row no beam twin, so exactly two pairs
    String body = section.substring(section.indexOf("<tbody>"), section.indexOf("</tbody>"));
    assertEquals(List.of(
        "<tr><td>m1</td><td>beam:4</td><td>on</td><td>h100:1</td><td class=\"num\">$1.50</td><td class=\"num\">$4.50</td>"
            + "<td class=\"num\">3.00x</td></tr>",
        "<tr><td>m1</td><td>beam:4</td><td>off</td><td>h100:1</td><td class=\"num\">$3.00</td><td class=\"num\">$13.50</td>"
            + "<td class=\"num\">4.50x</td></tr>"),
        body.lines().filter(l -> l.startsWith("<tr>")).toList());
    Document chart = SvgParsing.parseAll(section).get(0);
    List<String> bars = SvgParsing.byClass(chart, "rect", "bar").stream().map(Element::getTextContent).toList();
    assertEquals(List.of(
        "m1 \u00b7 beam:4 \u00b7 h100:1 (3.00x) \u2014 greedy: $1.50",
        "m1 \u00b7 beam:4 \u00b7 h100:1 (3.00x) \u2014 beam:K / parallel:N: $4.50",
        "m1 \u00b7 beam:4/no-cache \u00b7 h100:1 (4.50x) \u2014 greedy: $3.00",
        "m1 \u00b7 beam:4/no-cache \u00b7 h100:1 (4.50x) \u2014 beam:K / parallel:N: $13.50"), bars);
    // bar lengths on the linear axis from $0 are proportional to dollars: 4.5 / 1.5 = 3 and 13.5 / 3.0 = 4.5
    List<Double> widths = SvgParsing.byClass(chart, "rect", "bar").stream()
        .map(e -> Double.parseDouble(e.getAttribute("width"))).toList();
    assertEquals(3.0, widths.get(1) / widths.get(0), 0.01);
    assertEquals(4.5, widths.get(3) / widths.get(2), 0.01);

    // without a greedy twin the section says so instead of drawing an empty chart
    String none = HtmlReport.render(MarkdownReportTest.CONTEXT, List.of(row("m2", "parallel:8", true, "h100", 2, 10.0)),
        List.of());
    String noneSection = none.substring(none.indexOf("<section id=\"strategy\">"));
    assertTrue(noneSection.substring(0, noneSection.indexOf("</section>")).contains(
        "<p>No beam:K or parallel:N variant has a greedy variant of the same model"), noneSection);
  }

  @Test
  void dollarsAxisIsLogWhenCostsSpanMoreThan100x() {
    String narrow = HtmlReport.render(MarkdownReportTest.CONTEXT, List.of(row("a", "greedy", true, "g", 1, 1.0),
        row("b", "greedy", true, "g", 1, 100.0)), List.of());
    String wide = HtmlReport.render(MarkdownReportTest.CONTEXT, List.of(row("a", "greedy", true, "g", 1, 1.0),
        row("b", "greedy", true, "g", 1, 101.0)), List.of());
    assertFalse(narrow.contains("Dollars for the trace (log scale)"));
    assertTrue(wide.contains("Dollars for the trace (log scale)"));
  }

  @Test
  void hostileInputAppearsOnlyEscaped() {
    ReportContext context = new ReportContext(SCRIPT, List.of(BREAKOUT, SCRIPT), SCRIPT, BREAKOUT, LocalDate.of(2024, 1, 1));
    List<SummaryRow> rows = List.of(row(SCRIPT, BREAKOUT, true, BREAKOUT, 1, 1.0), row(SCRIPT, BREAKOUT, false, BREAKOUT, 1, 2.0),
        row(BREAKOUT, "greedy", true, SCRIPT, 1, 3.0), row(SCRIPT, "greedy", true, BREAKOUT, 1, 0.5));
    List<CostDistribution> dists = List.of(new CostDistribution(SCRIPT, BREAKOUT, BREAKOUT, new double[] {1, 2}, new long[] {1}));
    String html = HtmlReport.render(context, rows, dists);

    String lower = html.toLowerCase(Locale.ROOT);
    assertFalse(lower.contains("<script"), "no script element");
    assertFalse(lower.contains("<img"), "no img element");
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertTrue(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    // every '<' in the page starts one of the elements the report writes itself
    Matcher tags = Pattern.compile("<(/?)([a-zA-Z0-9!]+)").matcher(html);
    List<String> allowed = List.of("!DOCTYPE", "html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2", "dl",
        "dt", "dd", "code", "br", "section", "div", "p", "svg", "rect", "line", "text", "polyline", "circle", "table", "thead",
        "tbody", "tr", "th", "td", "span");
    while (tags.find()) {
      assertTrue(allowed.contains(tags.group(2)), "unexpected element <" + tags.group(2));
    }
    // the SVG parts parse as XML, and the parsed text is the original string (escaped once, not twice)
    List<Document> svgs = SvgParsing.parseAll(html);
    Element firstBar = SvgParsing.byClass(svgs.get(0), "rect", "bar").get(0);
    // '"' (U+0022) sorts before '<' (U+003C), so the model named BREAKOUT comes first; its gpu is SCRIPT
    assertEquals(BREAKOUT + " \u00b7 greedy \u00b7 " + SCRIPT + ":1: $3.00", firstBar.getTextContent());
    assertEquals(0, svgs.get(0).getElementsByTagName("script").getLength());
    // the strategy section (SCRIPT's BREAKOUT strategy against its greedy row) shows the names escaped too
    String strategy = html.substring(html.indexOf("<section id=\"strategy\">"));
    strategy = strategy.substring(0, strategy.indexOf("</section>"));
    assertTrue(strategy.contains("<tr><td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
        + "</td><td>on</td>"), strategy);
    // 1.0 / 0.5 = 2.00x; below $1 dollars have 3 significant digits and no trailing zero: $0.5
    assertEquals(SCRIPT + " \u00b7 " + BREAKOUT + " \u00b7 " + BREAKOUT + ":1 (2.00x) \u2014 greedy: $0.5",
        SvgParsing.byClass(svgs.get(2), "rect", "bar").get(0).getTextContent());
  }

  @Test
  void pageIsSelfContained() {
    String html = HtmlReport.render(MarkdownReportTest.CONTEXT, MarkdownReportTest.rows(), distributions());
    Matcher urls = Pattern.compile("https?://[^\"' <>)]*").matcher(html);
    while (urls.find()) {
      assertEquals("http://www.w3.org/2000/svg", urls.group(), "only the SVG namespace, which is never fetched");
    }
    for (String forbidden : List.of(" src=", " href=", "url(", "@import", "<link", "<script", "@font-face")) {
      assertFalse(html.contains(forbidden), forbidden);
    }
    assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\""));
  }

  @Test
  void contextKpisAndTableAreShown() {
    String html = HtmlReport.render(MarkdownReportTest.CONTEXT, MarkdownReportTest.rows(), List.of());
    assertTrue(html.contains("<dt>Run date</dt><dd>2024-06-11</dd>"));
    assertTrue(html.contains("<code>traces/a.parquet</code><br><code>traces/b.csv</code>"));
    // cheapest $1.50 (m1 greedy h100:1), dearest $13.50 (m1 beam:4/no-cache), largest no-cache multiplier 3.00x (beam:4)
    assertTrue(html.contains("<div class=\"kpi-value\">$1.50</div><div class=\"kpi-detail\">m1 \u00b7 greedy \u00b7 h100:1</div>"));
    assertTrue(html.contains("<div class=\"kpi-value\">$13.50</div><div class=\"kpi-detail\">m1 \u00b7 beam:4/no-cache \u00b7 h100:1"));
    assertTrue(html.contains("<div class=\"kpi-value\">3.00x</div>"));
    // input rows: two models, each 1,000 accepted + 3 rejected
    assertTrue(html.contains("<div class=\"kpi-value\">2,006</div><div class=\"kpi-detail\">2,000 accepted, 6 rejected</div>"));
    assertTrue(html.contains("No per-request cost distribution was given."));
    // the table: one body row per summary row, one cell per column
    String summary = html.substring(html.indexOf("<section id=\"summary\">"));
    String body = summary.substring(summary.indexOf("<tbody>"), summary.indexOf("</tbody>"));
    assertEquals(6, body.split("<tr>", -1).length - 1);
    assertEquals(6 * 21, body.split("<td", -1).length - 1);
    assertTrue(body.contains("<td class=\"num\" title=\"4.5\">$4.50</td>"), "exact value in the tooltip");
  }

  @Test
  void sameInputsInAnyOrderGiveTheSameBytes() {
    List<SummaryRow> shuffled = new ArrayList<>(MarkdownReportTest.rows());
    Collections.reverse(shuffled);
    List<CostDistribution> dists = new ArrayList<>(distributions());
    Collections.reverse(dists);
    assertEquals(HtmlReport.render(MarkdownReportTest.CONTEXT, MarkdownReportTest.rows(), distributions()),
        HtmlReport.render(MarkdownReportTest.CONTEXT, shuffled, dists));
  }
}
