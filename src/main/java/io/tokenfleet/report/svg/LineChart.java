package io.tokenfleet.report.svg;

import java.util.List;
import java.util.Objects;
import java.util.function.DoubleFunction;

/**
 * Lines with point markers on a linear x-axis and a linear or log y-axis, for capacity plans (latency
 * vs replicas, load over time). Points with a non-finite coordinate (or y <= 0 on a log axis) are
 * skipped; each line is drawn as one polyline with one {@code circle class="point"} per shown point.
 *
 * @param title chart title
 * @param xLabel x-axis title, with unit
 * @param yLabel y-axis title, with unit
 * @param lines the lines, each with its series (name, colour) and points
 * @param logY log-scaled y-axis
 * @param xFormat formats x ticks
 * @param yFormat formats y ticks and tooltips
 */
public record LineChart(String title, String xLabel, String yLabel, List<Line> lines, boolean logY,
    DoubleFunction<String> xFormat, DoubleFunction<String> yFormat) {

  /** One line: its series and its points (xs and ys of equal length). */
  public record Line(Series series, double[] xs, double[] ys) {
    public Line {
      Objects.requireNonNull(series, "series must not be null");
      if (xs.length != ys.length) {
        throw new IllegalArgumentException("xs and ys must have equal length, got " + xs.length + " and " + ys.length);
      }
      xs = xs.clone();
      ys = ys.clone();
    }
  }

  static final double WIDTH_PX = 1200;
  static final double HEIGHT_PX = 360;

  public LineChart {
    lines = List.copyOf(lines);
  }

  public String render() {
    double left = 72;
    double right = WIDTH_PX - 24;
    double top = 34 + (lines.size() > 1 ? Legend.HEIGHT_PX + 6 : 0);
    double bottom = HEIGHT_PX - 44;
    double xLo = Double.POSITIVE_INFINITY;
    double xHi = Double.NEGATIVE_INFINITY;
    double yLo = Double.POSITIVE_INFINITY;
    double yHi = Double.NEGATIVE_INFINITY;
    for (Line line : lines) {
      for (int i = 0; i < line.xs().length; i++) {
        double px = line.xs()[i];
        double py = line.ys()[i];
        if (!Double.isFinite(px) || !Double.isFinite(py) || (logY && py <= 0)) {
          continue;
        }
        xLo = Math.min(xLo, px);
        xHi = Math.max(xHi, px);
        yLo = Math.min(yLo, py);
        yHi = Math.max(yHi, py);
      }
    }
    if (xLo > xHi) {
      xLo = 0;
      xHi = 1;
      yLo = 1;
      yHi = 10;
    }
    Scale x = new LinearScale(xLo, xHi, left, right);
    Scale y = logY ? new LogScale(yLo, yHi, bottom, top) : new LinearScale(Math.min(0, yLo), yHi, bottom, top);

    Svg svg = new Svg(WIDTH_PX, HEIGHT_PX, "chart line-chart", title);
    svg.text(8, 20, title + (logY ? " (log scale)" : ""), "start", "title");
    if (lines.size() > 1) {
      Legend.draw(svg, left, 28, lines.stream().map(Line::series).toList());
    }
    for (double tick : y.ticks()) {
      double py = y.pixel(tick);
      svg.line(left, py, right, py, "grid");
      svg.text(left - 6, py + 4, yFormat.apply(tick), "end", "tick");
    }
    for (double tick : x.ticks()) {
      double px = x.pixel(tick);
      svg.line(px, bottom, px, bottom + 4, "axis");
      svg.text(px, bottom + 16, xFormat.apply(tick), "middle", "tick");
    }
    svg.line(left, bottom, right, bottom, "axis");
    svg.line(left, top, left, bottom, "axis");
    svg.text((left + right) / 2, HEIGHT_PX - 10, xLabel, "middle", "axis-title");
    svg.verticalText(16, (top + bottom) / 2, yLabel, "axis-title");
    for (Line line : lines) {
      int shown = 0;
      double[] pxs = new double[line.xs().length];
      double[] pys = new double[line.xs().length];
      for (int i = 0; i < line.xs().length; i++) {
        double vx = line.xs()[i];
        double vy = line.ys()[i];
        if (Double.isFinite(vx) && Double.isFinite(vy) && (!logY || vy > 0)) {
          pxs[shown] = x.pixel(vx);
          pys[shown] = y.pixel(vy);
          shown++;
        }
      }
      svg.polyline(java.util.Arrays.copyOf(pxs, shown), java.util.Arrays.copyOf(pys, shown), "line", line.series().color());
      int k = 0;
      for (int i = 0; i < line.xs().length; i++) {
        double vx = line.xs()[i];
        double vy = line.ys()[i];
        if (Double.isFinite(vx) && Double.isFinite(vy) && (!logY || vy > 0)) {
          svg.circle(pxs[k], pys[k], 3, "point", line.series().color(),
              line.series().name() + ": (" + xFormat.apply(vx) + ", " + yFormat.apply(vy) + ")");
          k++;
        }
      }
    }
    return svg.finish();
  }
}
