package io.tokenfleet.trace;

import java.math.BigDecimal;

/** Parses source field texts into canonical values, turning problems into {@link RowReject}s. */
final class Fields {
  private Fields() {}

  /**
   * A token count: an integer, or a decimal with zero fraction such as "129.0" (what pandas
   * writes for integer columns that had gaps). Values beyond {@code long} saturate, so the
   * validator reports them as too large rather than as unparseable.
   *
   * @param canonical the canonical column name used in the reason (e.g. prompt_tokens)
   */
  static long integer(String text, String canonical) throws RowReject {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      throw new RowReject(canonical + " missing");
    }
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException notPlain) {
      try {
        BigDecimal d = new BigDecimal(t);
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
          throw new RowReject(canonical + " not an integer");
        }
        if (d.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
          return Long.MAX_VALUE;
        }
        if (d.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
          return Long.MIN_VALUE;
        }
        return d.longValueExact();
      } catch (NumberFormatException | ArithmeticException e) {
        throw new RowReject(canonical + " not an integer");
      }
    }
  }

  /**
   * A finite, non-negative number (e.g. a timestamp). "NaN" and infinities give
   * {@link TraceRowValidator#ARRIVAL_NOT_FINITE}-style reasons; anything else unparseable gives
   * "NAME not a number".
   */
  static double number(String text, String canonical) throws RowReject {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      throw new RowReject(canonical + " missing");
    }
    String lower = t.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("nan") || lower.contains("inf")) {
      throw new RowReject(canonical + " not a finite number");
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      // Double.parseDouble also accepts hex floats and 'd'/'f' suffixes; sources never mean those
      if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
        throw new RowReject(canonical + " not a number");
      }
    }
    double v;
    try {
      v = Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new RowReject(canonical + " not a number");
    }
    if (!Double.isFinite(v)) {
      throw new RowReject(canonical + " not a finite number");
    }
    return v;
  }

  /** A time in milliseconds from a number of {@code unitMs} milliseconds per source unit, rounded half up. */
  static long millis(String text, double unitMs) throws RowReject {
    String name = TraceSchema.ARRIVAL_TIME_MS;
    String t = text == null ? "" : text.strip();
    if (unitMs == 1.0) {
      try {
        long v = Long.parseLong(t);
        if (v < 0) {
          throw new RowReject(TraceRowValidator.ARRIVAL_NEGATIVE);
        }
        return v;
      } catch (NumberFormatException notPlain) {
        // fall through to the general parse ("12.5", "1e3", "NaN")
      }
    }
    double ms = number(t, name) * unitMs;
    if (ms < 0) {
      throw new RowReject(TraceRowValidator.ARRIVAL_NEGATIVE);
    }
    if (ms >= 0x1p63) {
      throw new RowReject(name + " too large");
    }
    return Math.round(ms);
  }

  /** An optional string: null when absent or blank, else verbatim (no trimming, no escaping). */
  static String optional(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
