package io.tokenfleet.report.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleFunction;

/**
 * Horizontal bars, one group per category and one bar per series in a group (a single series gives
 * a plain bar chart). Every category x series cell gets exactly one {@code rect class="bar"}, even
 * when its value cannot be drawn (NaN, or <= 0 on a log axis: zero width, label "n/a"). The value
 * axis is logarithmic when the positive values span more than {@link #LOG_SPAN} (100x), else linear.
 *
 * @param title chart title
 * @param axisLabel value-axis title, with unit
 * @param categories one label per group (shortened to fit the margin; full text in a tooltip)
 * @param series one entry per bar in a group; a legend is drawn when there are two or more
 * @param values values[category][series]
 * @param format formats the value label at the end of each bar (and its tooltip)
 * @param tickFormat formats the axis tick labels (usually more compact than {@code format})
 */
public record BarChart(String title, String axisLabel, List<String> categories, List<Series> series, double[][] values,
    DoubleFunction<String> format, DoubleFunction<String> tickFormat) {

  /** Above this ratio of largest to smallest positive value the axis becomes logarithmic. */
  public static final double LOG_SPAN = 100;

  static final double WIDTH_PX = 1200;
  private static final int MAX_LABEL_CHARS = 56;

  public BarChart {
    Objects.requireNonNull(title, "title must not be null");
    categories = List.copyOf(categories);
    series = List.copyOf(series);
    if (series.isEmpty()) {
      throw new IllegalArgumentException("series must not be empty");
    }
    if (values.length != categories.size()) {
      throw new IllegalArgumentException("values must have one row per category (" + categories.size() + "), got " + values.length);
    }
    double[][] copy = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      if (values[i].length != series.size()) {
        throw new IllegalArgumentException("values[" + i + "] must have one value per series (" + series.size() + "), got "
            + values[i].length);
      }
      copy[i] = values[i].clone();
    }
    values = copy;
  }

  /** A single-series chart. */
  public static BarChart single(String title, String axisLabel, List<String> categories, double[] values, String color,
      DoubleFunction<String> format, DoubleFunction<String> tickFormat) {
    double[][] grid = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      grid[i] = new double[] {values[i]};
    }
    return new BarChart(title, axisLabel, categories, List.of(new Series(axisLabel, color)), grid, format, tickFormat);
  }

  /** The SVG element. */
  public String render() {
    int maxChars = 0;
    for (String c : categories) {
      maxChars = Math.max(maxChars, Math.min(MAX_LABEL_CHARS, c.length()));
    }
    double left = 16 + maxChars * Svg.CHAR_WIDTH_PX;
    double right = WIDTH_PX - 90;
    double barHeight = series.size() == 1 ? 18 : 13;
    double groupGap = series.size() == 1 ? 6 : 10;
    double groupHeight = series.size() * barHeight + groupGap;
    double top = 34 + (series.size() > 1 ? Legend.HEIGHT_PX + 6 : 0);
    double plotHeight = Math.max(1, categories.size()) * groupHeight;
    double height = top + plotHeight + 48;

    List<Double> all = new ArrayList<>();
    for (double[] row : values) {
      for (double v : row) {
        all.add(v);
      }
    }
    Scale scale = Scale.forValues(all.stream().mapToDouble(Double::doubleValue).toArray(), left, right, LOG_SPAN);

    Svg svg = new Svg(WIDTH_PX, height, "chart bar-chart", title);
    svg.text(8, 20, title + (scale.isLog() ? " (log scale)" : ""), "start", "title");
    if (series.size() > 1) {
      Legend.draw(svg, left, 28, series);
    }
    for (double tick : scale.ticks()) {
      double x = scale.pixel(tick);
      svg.line(x, top, x, top + plotHeight, "grid");
      svg.text(x, top + plotHeight + 16, tickFormat.apply(tick), "middle", "tick");
    }
    svg.line(left, top, left, top + plotHeight, "axis");
    svg.line(left, top + plotHeight, right, top + plotHeight, "axis");
    svg.text((left + right) / 2, top + plotHeight + 38, axisLabel, "middle", "axis-title");

    for (int c = 0; c < categories.size(); c++) {
      double groupTop = top + c * groupHeight + groupGap / 2;
      String category = categories.get(c);
      String shown = Svg.shorten(category, MAX_LABEL_CHARS);
      svg.text(left - 6, groupTop + series.size() * barHeight / 2 + 4, shown, "end", "category",
          shown.equals(category) ? null : category);
      for (int s = 0; s < series.size(); s++) {
        double v = values[c][s];
        double y = groupTop + s * barHeight;
        boolean drawable = scale.canShow(v);
        double x0 = scale.pixel(scale.isLog() ? scale.domainMin() : 0);
        double x1 = drawable ? scale.pixel(v) : x0;
        String label = drawable ? format.apply(v) : (Double.isFinite(v) && v == 0 ? format.apply(0) : "n/a");
        String tooltip = category + (series.size() > 1 ? " \u2014 " + series.get(s).name() : "") + ": " + label;
        svg.rect(Math.min(x0, x1), y + 1, Math.abs(x1 - x0), barHeight - 2, "bar", series.get(s).color(), tooltip);
        svg.text(Math.max(x0, x1) + 4, y + barHeight / 2 + 4, label, "start", "value");
      }
    }
    return svg.finish();
  }
}
