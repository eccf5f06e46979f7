package io.tokenfleet.report.svg;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A minimal writer of one inline SVG element. Coordinates are written with at most two decimals and a
 * '.' point (locale-independent, deterministic); every text and attribute value is escaped with
 * {@link Xml#escape(String)}. The output parses as XML (it declares the SVG namespace) and as HTML5.
 */
public final class Svg {
  /** Average advance of a 12 px sans-serif character, for laying out labels without font metrics. */
  public static final double CHAR_WIDTH_PX = 6.6;

  private final StringBuilder out = new StringBuilder(4096);
  private boolean finished;

  /**
   * Starts an SVG of {@code widthPx} x {@code heightPx} user units (scaled to the page width by CSS).
   *
   * @param label accessible name (aria-label), escaped here
   */
  public Svg(double widthPx, double heightPx, String cssClass, String label) {
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").append(Xml.escape(cssClass))
        .append("\" viewBox=\"0 0 ").append(num(widthPx)).append(' ').append(num(heightPx))
        .append("\" width=\"").append(num(widthPx)).append("\" height=\"").append(num(heightPx))
        .append("\" role=\"img\" aria-label=\"").append(Xml.escape(label)).append("\">\n");
  }

  /** A rectangle; {@code tooltip} (may be null) becomes a child title element, shown on hover. */
  public Svg rect(double x, double y, double width, double height, String cssClass, String fill, String tooltip) {
    out.append("<rect class=\"").append(Xml.escape(cssClass)).append("\" x=\"").append(num(x)).append("\" y=\"").append(num(y))
        .append("\" width=\"").append(num(Math.max(0, width))).append("\" height=\"").append(num(Math.max(0, height))).append('"');
    if (fill != null) {
      out.append(" fill=\"").append(Xml.escape(fill)).append('"');
    }
    if (tooltip == null) {
      out.append("/>\n");
    } else {
      out.append("><title>").append(Xml.escape(tooltip)).append("</title></rect>\n");
    }
    return this;
  }

  public Svg line(double x1, double y1, double x2, double y2, String cssClass) {
    out.append("<line class=\"").append(Xml.escape(cssClass)).append("\" x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1))
        .append("\" x2=\"").append(num(x2)).append("\" y2=\"").append(num(y2)).append("\"/>\n");
    return this;
  }

  /** Text at (x, y) (baseline); anchor is start, middle or end. */
  public Svg text(double x, double y, String text, String anchor, String cssClass) {
    return text(x, y, text, anchor, cssClass, null);
  }

  /** Text with an optional tooltip (the full text when the shown one is shortened). */
  public Svg text(double x, double y, String text, String anchor, String cssClass, String tooltip) {
    out.append("<text class=\"").append(Xml.escape(cssClass)).append("\" x=\"").append(num(x)).append("\" y=\"").append(num(y))
        .append("\" text-anchor=\"").append(Xml.escape(anchor)).append("\">");
    if (tooltip != null) {
      out.append("<title>").append(Xml.escape(tooltip)).append("</title>");
    }
    out.append(Xml.escape(text)).append("</text>\n");
    return this;
  }

  /** Vertical text centred on (x, y), for y-axis titles. */
  public Svg verticalText(double x, double y, String text, String cssClass) {
    out.append("<text class=\"").append(Xml.escape(cssClass)).append("\" x=\"").append(num(x)).append("\" y=\"").append(num(y))
        .append("\" text-anchor=\"middle\" transform=\"rotate(-90 ").append(num(x)).append(' ').append(num(y)).append(")\">")
        .append(Xml.escape(text)).append("</text>\n");
    return this;
  }

  public Svg polyline(double[] xs, double[] ys, String cssClass, String stroke) {
    out.append("<polyline class=\"").append(Xml.escape(cssClass)).append("\" fill=\"none\" stroke=\"").append(Xml.escape(stroke))
        .append("\" points=\"");
    for (int i = 0; i < xs.length; i++) {
      out.append(i == 0 ? "" : " ").append(num(xs[i])).append(',').append(num(ys[i]));
    }
    out.append("\"/>\n");
    return this;
  }

  public Svg circle(double cx, double cy, double r, String cssClass, String fill, String tooltip) {
    out.append("<circle class=\"").append(Xml.escape(cssClass)).append("\" cx=\"").append(num(cx)).append("\" cy=\"").append(num(cy))
        .append("\" r=\"").append(num(r)).append("\" fill=\"").append(Xml.escape(fill)).append('"');
    if (tooltip == null) {
      out.append("/>\n");
    } else {
      out.append("><title>").append(Xml.escape(tooltip)).append("</title></circle>\n");
    }
    return this;
  }

  /** Closes the element and returns the SVG text. */
  public String finish() {
    if (!finished) {
      out.append("</svg>\n");
      finished = true;
    }
    return out.toString();
  }

  /** A coordinate with at most two decimals, half-even, no trailing zeros, no exponent. */
  public static String num(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("SVG coordinate must be finite, got " + value);
    }
    BigDecimal rounded = new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return rounded.signum() == 0 ? "0" : rounded.toPlainString();
  }

  /** {@code text} cut to {@code maxChars} with an ellipsis, so it fits a margin of known width. */
  public static String shorten(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    return text.substring(0, Math.max(1, maxChars - 1)) + "\u2026";
  }
}
