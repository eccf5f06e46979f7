package io.tokenfleet.plan;

/**
 * A latency objective on a quantile of time to first token and/or time per output token; an
 * unconstrained metric is NaN.
 *
 * @param quantile the quantile both limits apply to, in (0, 1], e.g. 0.99
 * @param ttftSeconds limit on that quantile of TTFT, seconds, or NaN for none
 * @param tpotSeconds limit on that quantile of TPOT, seconds, or NaN for none
 */
public record Slo(double quantile, double ttftSeconds, double tpotSeconds) implements java.io.Serializable {

  public Slo {
    if (!(quantile > 0 && quantile <= 1)) {
      throw new IllegalArgumentException("quantile must be in (0, 1], got " + quantile);
    }
    if (!Double.isNaN(ttftSeconds) && !(ttftSeconds > 0)) {
      throw new IllegalArgumentException("ttftSeconds must be > 0 or NaN (none), got " + ttftSeconds);
    }
    if (!Double.isNaN(tpotSeconds) && !(tpotSeconds > 0)) {
      throw new IllegalArgumentException("tpotSeconds must be > 0 or NaN (none), got " + tpotSeconds);
    }
  }

  /** p99 TTFT <= ttftSeconds and p99 TPOT <= tpotSeconds; pass NaN to leave one out. */
  public static Slo p99(double ttftSeconds, double tpotSeconds) {
    return new Slo(0.99, ttftSeconds, tpotSeconds);
  }

  /** True when the given quantiles meet every limit that is set (a NaN quantile means no data and passes). */
  public boolean met(double ttftQuantileSeconds, double tpotQuantileSeconds) {
    return (Double.isNaN(ttftSeconds) || !(ttftQuantileSeconds > ttftSeconds))
        && (Double.isNaN(tpotSeconds) || !(tpotQuantileSeconds > tpotSeconds));
  }

  /** Why the quantiles miss the SLO, e.g. "p99 TTFT 0.84 s > 0.5 s"; empty when met. */
  public String violations(double ttftQuantileSeconds, double tpotQuantileSeconds) {
    StringBuilder b = new StringBuilder();
    String q = "p" + formatQuantile();
    if (!Double.isNaN(ttftSeconds) && ttftQuantileSeconds > ttftSeconds) {
      b.append(q).append(" TTFT ").append(String.format(java.util.Locale.ROOT, "%.4g", ttftQuantileSeconds))
          .append(" s > ").append(ttftSeconds).append(" s");
    }
    if (!Double.isNaN(tpotSeconds) && tpotQuantileSeconds > tpotSeconds) {
      if (b.length() > 0) {
        b.append(" and ");
      }
      b.append(q).append(" TPOT ").append(String.format(java.util.Locale.ROOT, "%.4g", tpotQuantileSeconds))
          .append(" s > ").append(tpotSeconds).append(" s");
    }
    return b.toString();
  }

  /** e.g. "p99 TTFT <= 2 s, p99 TPOT <= 0.1 s", or "no latency limit" when neither is set. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    String q = "p" + formatQuantile();
    if (!Double.isNaN(ttftSeconds)) {
      b.append(q).append(" TTFT <= ").append(plain(ttftSeconds)).append(" s");
    }
    if (!Double.isNaN(tpotSeconds)) {
      b.append(b.length() > 0 ? ", " : "").append(q).append(" TPOT <= ").append(plain(tpotSeconds)).append(" s");
    }
    return b.length() == 0 ? "no latency limit" : b.toString();
  }

  private static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private String formatQuantile() {
    double pct = quantile * 100;
    return pct == Math.rint(pct) ? Long.toString((long) pct) : Double.toString(pct);
  }
}
