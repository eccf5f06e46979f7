package io.tokenfleet.report.svg;

import java.util.List;

/**
 * Okabe–Ito colours (Okabe &amp; Ito, "Color Universal Design", 2008): distinguishable with the common
 * colour-vision deficiencies and readable on white. Yellow is left out (too light for thin bars).
 */
public final class Palette {
  private Palette() {}

  public static final List<String> COLORS = List.of(
      "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000");

  /** The colour for series {@code index}, cycling through the palette. */
  public static String color(int index) {
    return COLORS.get(Math.floorMod(index, COLORS.size()));
  }
}
