package io.tokenfleet.report.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SvgTest {
  @Test
  void escapesTheFiveSpecialCharactersAndDropsWhatXmlForbids() {
    assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;", Xml.escape("<a href=\"x\" title='y'>&</a>"));
    assertEquals("a\uFFFDb\tc", Xml.escape("a\u0001b\tc"));
    assertEquals("\uFFFD", Xml.escape("\uD800")); // lone surrogate
    assertEquals("\uD83D\uDE00", Xml.escape("\uD83D\uDE00")); // a valid pair stays
  }

  @Test
  void coordinatesHaveAtMostTwoDecimals() {
    assertEquals("2.5", Svg.num(2.5));
    assertEquals("1", Svg.num(1.005)); // the double 1.005 is 1.00499999999999989…
    assertEquals("0", Svg.num(-0.001));
    assertEquals("1234567.12", Svg.num(1234567.123));
    assertThrows(IllegalArgumentException.class, () -> Svg.num(Double.NaN));
  }

  @Test
  void hostileTextStaysTextInElementsAndAttributes() {
    String evil = "</text><script>alert(1)</script>\"'&";
    String svg = new Svg(10, 10, "c", evil).text(0, 0, evil, "start", "t", evil).rect(0, 0, 1, 1, "bar", "#000000", evil).finish();
    Document doc = SvgParsing.parse(svg);
    assertEquals(evil, doc.getDocumentElement().getAttribute("aria-label"));
    assertEquals(0, doc.getElementsByTagName("script").getLength());
    Element rect = SvgParsing.byClass(doc, "rect", "bar").get(0);
    assertEquals(evil, rect.getTextContent());
  }

  @Test
  void barChartDrawsOneBarPerCellEvenWhenAValueCannotBeShown() {
    double[][] values = {{1, 2}, {Double.NaN, 4}, {0, 8}};
    String svg = new BarChart("t", "USD", List.of("a", "b", "c"),
        List.of(new Series("s0", Palette.color(0)), new Series("s1", Palette.color(1))), values, Labels::compact, Labels::compact).render();
    Document doc = SvgParsing.parse(svg);
    List<Element> bars = SvgParsing.byClass(doc, "rect", "bar");
    assertEquals(6, bars.size());
    assertEquals("0", bars.get(2).getAttribute("width")); // NaN
    assertEquals("b \u2014 s0: n/a", bars.get(2).getTextContent());
    // linear axis 0..8 (step 2): value 8 reaches the right end, value 4 half of it
    double full = Double.parseDouble(bars.get(5).getAttribute("width"));
    assertEquals(full / 2, Double.parseDouble(bars.get(3).getAttribute("width")), 0.01);
    assertEquals(2, SvgParsing.byClass(doc, "rect", "swatch").size());
  }

  @Test
  void barChartSwitchesToLogAbove100x() {
    String linear = BarChart.single("t", "USD", List.of("a", "b"), new double[] {1, 100}, Palette.color(0), Labels::compact, Labels::compact).render();
    String log = BarChart.single("t", "USD", List.of("a", "b"), new double[] {1, 101}, Palette.color(0), Labels::compact, Labels::compact).render();
    assertTrue(!linear.contains("(log scale)") && log.contains("(log scale)"));
    // log axis 1..1000 (three decades): 1 sits on the axis start, so its bar has zero width; 101 is two decades in
    List<Element> bars = SvgParsing.byClass(SvgParsing.parse(log), "rect", "bar");
    assertEquals("0", bars.get(0).getAttribute("width"));
  }

  @Test
  void histogramDrawsOneBarPerBinScaledToTheTallest() {
    Histogram h = new Histogram("h", "USD", new double[] {0, 1e-4, 1e-3, 1e-2}, new long[] {1, 4, 2}, true, Double.NaN,
        Double.NaN, Palette.color(0), Labels::compact);
    List<Element> bars = SvgParsing.byClass(SvgParsing.parse(h.render()), "rect", "bar");
    assertEquals(3, bars.size());
    // y axis 0..4 (step 1) over the plot height: bottom 240 - 44 = 196, top 34 -> 162 px for count 4
    assertEquals("162", bars.get(1).getAttribute("height"));
    assertEquals("40.5", bars.get(0).getAttribute("height")); // 1/4 of 162
    assertThrows(IllegalArgumentException.class, () -> new Histogram("h", "x", new double[] {1, 1}, new long[] {1}, false,
        Double.NaN, Double.NaN, Palette.color(0), Labels::compact));
  }

  @Test
  void lineChartMarksEveryShowablePoint() {
    LineChart chart = new LineChart("p99 latency vs replicas", "replicas", "seconds", List.of(
        new LineChart.Line(new Series("h100", Palette.color(0)), new double[] {1, 2, 4, 8}, new double[] {9, 3, 1, 0}),
        new LineChart.Line(new Series("a100", Palette.color(1)), new double[] {1, 2, 4, 8}, new double[] {12, Double.NaN, 2, 1.5})),
        true, Labels::compact, Labels::compact);
    Document doc = SvgParsing.parse(chart.render());
    // log y: the 0 of h100 and the NaN of a100 are skipped
    assertEquals(6, SvgParsing.byClass(doc, "circle", "point").size());
    assertEquals(2, SvgParsing.byClass(doc, "polyline", "line").size());
  }

  @Test
  void compactLabels() {
    assertEquals("0.0001", Labels.compact(1e-4));
    assertEquals("1e-7", Labels.compact(1e-7));
    assertEquals("3.2e18", Labels.compact(3.2e18));
    assertEquals("1,200", Labels.compact(1200));
    assertEquals("2.5", Labels.compact(2.5));
  }
}
