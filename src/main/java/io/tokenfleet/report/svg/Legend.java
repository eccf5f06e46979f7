package io.tokenfleet.report.svg;

import java.util.List;

/** A one-line legend: a colour swatch and the series name for each series. */
final class Legend {
  private Legend() {}

  static final double HEIGHT_PX = 20;

  /** Draws the legend with its first swatch at (x, y) (top-left) and returns its width. */
  static double draw(Svg svg, double x, double y, List<Series> series) {
    double cursor = x;
    for (Series s : series) {
      svg.rect(cursor, y + 3, 12, 12, "swatch", s.color(), null);
      String name = Svg.shorten(s.name(), 40);
      svg.text(cursor + 17, y + 13, name, "start", "legend");
      cursor += 17 + name.length() * Svg.CHAR_WIDTH_PX + 18;
    }
    return cursor - x;
  }
}
