package io.tokenfleet.report.svg;

import java.util.Objects;
import java.util.function.DoubleFunction;

/**
 * Vertical histogram bars over given bin edges: one {@code rect class="bar"} per bin (zero height for
 * empty bins). With a log x-axis a first edge <= 0 is drawn at a tenth of the second edge (the
 * tooltip keeps the true range). The x-domain can be shared between several histograms so that
 * small multiples line up.
 *
 * @param title chart title
 * @param xLabel x-axis title, with unit
 * @param binEdges n + 1 increasing edges
 * @param counts n counts; counts[i] covers [binEdges[i], binEdges[i + 1])
 * @param logX log-scaled x-axis
 * @param xMin left end of the x-domain (NaN: the first edge)
 * @param xMax right end of the x-domain (NaN: the last edge)
 * @param color bar colour
 * @param format formats x tick labels and tooltip ranges
 */
public record Histogram(String title, String xLabel, double[] binEdges, long[] counts, boolean logX, double xMin, double xMax,
    String color, DoubleFunction<String> format) {

  static final double WIDTH_PX = 480;
  static final double HEIGHT_PX = 240;

  public Histogram {
    Objects.requireNonNull(title, "title must not be null");
    if (binEdges.length != counts.length + 1) {
      throw new IllegalArgumentException("binEdges must have counts.length + 1 = " + (counts.length + 1) + " entries, got "
          + binEdges.length);
    }
    for (int i = 1; i < binEdges.length; i++) {
      if (!(binEdges[i] > binEdges[i - 1])) {
        throw new IllegalArgumentException("binEdges must increase, got " + binEdges[i - 1] + " then " + binEdges[i]);
      }
    }
    binEdges = binEdges.clone();
    counts = counts.clone();
  }

  /** The smallest edge a log axis can show for these edges: the first, or a tenth of the second if the first is <= 0. */
  public static double firstDrawableEdge(double[] binEdges) {
    return binEdges[0] > 0 ? binEdges[0] : binEdges.length > 1 ? binEdges[1] / 10 : 1;
  }

  public String render() {
    double left = 72;
    double right = WIDTH_PX - 16;
    double top = 34;
    double bottom = HEIGHT_PX - 44;
    double lo = Double.isNaN(xMin) ? (logX ? firstDrawableEdge(binEdges) : binEdges[0]) : xMin;
    double hi = Double.isNaN(xMax) ? binEdges[binEdges.length - 1] : xMax;
    Scale x = logX ? new LogScale(lo, hi, left, right) : new LinearScale(lo, hi, left, right);
    long maxCount = 0;
    long total = 0;
    for (long c : counts) {
      maxCount = Math.max(maxCount, c);
      total += c;
    }
    Scale y = new LinearScale(0, Math.max(1, maxCount), bottom, top);

    Svg svg = new Svg(WIDTH_PX, HEIGHT_PX, "chart histogram", title);
    svg.text(8, 20, Svg.shorten(title, 64), "start", "title", title.length() > 64 ? title : null);
    for (double tick : y.ticks()) {
      double py = y.pixel(tick);
      svg.line(left, py, right, py, "grid");
      svg.text(left - 6, py + 4, Labels.compact(tick), "end", "tick");
    }
    for (double tick : x.ticks()) {
      double px = x.pixel(tick);
      svg.line(px, bottom, px, bottom + 4, "axis");
      svg.text(px, bottom + 16, format.apply(tick), "middle", "tick");
    }
    for (int i = 0; i < counts.length; i++) {
      double from = logX && binEdges[i] <= 0 ? firstDrawableEdge(binEdges) : binEdges[i];
      double x0 = x.pixel(from);
      double x1 = x.pixel(binEdges[i + 1]);
      double y1 = y.pixel(counts[i]);
      String tooltip = "[" + format.apply(binEdges[i]) + ", " + format.apply(binEdges[i + 1]) + "): " + counts[i] + " requests";
      svg.rect(x0 + 0.5, y1, Math.max(0, x1 - x0 - 1), bottom - y1, "bar", color, tooltip);
    }
    svg.line(left, bottom, right, bottom, "axis");
    svg.line(left, top, left, bottom, "axis");
    svg.text((left + right) / 2, HEIGHT_PX - 10, xLabel + (logX ? " (log scale)" : ""), "middle", "axis-title");
    svg.verticalText(13, (top + bottom) / 2, "requests", "axis-title");
    svg.text(right, 20, "n = " + String.format(java.util.Locale.ROOT, "%,d", total), "end", "tick");
    return svg.finish();
  }
}
