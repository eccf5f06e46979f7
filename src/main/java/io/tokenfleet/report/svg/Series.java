package io.tokenfleet.report.svg;

import java.util.Objects;

/**
 * A named data series with its fill or stroke colour.
 *
 * @param name legend text (escaped when drawn)
 * @param color a CSS colour literal such as #0072B2 (from {@link Palette}; never from input)
 */
public record Series(String name, String color) {
  public Series {
    Objects.requireNonNull(name, "name must not be null");
    if (color == null || !color.matches("#[0-9A-Fa-f]{6}")) {
      throw new IllegalArgumentException("color must be #RRGGBB, got " + color);
    }
  }
}
