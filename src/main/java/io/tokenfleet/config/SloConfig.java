package io.tokenfleet.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.tokenfleet.plan.Slo;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The latency SLO of {@code plan}: {@code tokenfleet.scenario.slo { ttft-p99-seconds, tpot-p99-seconds }}
 * and the {@code --slo ttft_p99=2,tpot_p99=0.1} flag. A limit of 0 (or an absent key or block)
 * leaves that metric unconstrained; both limits apply to the 99th percentile.
 */
public final class SloConfig {
  public static final String PATH = "tokenfleet.scenario.slo";
  static final String TTFT_KEY = "ttft-p99-seconds";
  static final String TPOT_KEY = "tpot-p99-seconds";
  private static final double QUANTILE = 0.99;

  private SloConfig() {}

  /** The SLO of {@code root}; an absent block means no limits. */
  public static Slo from(Config root) {
    if (!root.hasPath(PATH)) {
      return Slo.p99(Double.NaN, Double.NaN);
    }
    ConfigValues s = ConfigValues.at(root, PATH);
    s.rejectUnknownKeys(Set.of(TTFT_KEY, TPOT_KEY));
    return Slo.p99(limit(s, TTFT_KEY), limit(s, TPOT_KEY));
  }

  /**
   * {@code base} with the limits given in {@code text}, e.g. {@code ttft_p99=2,tpot_p99=0.1};
   * keys ttft_p99 and tpot_p99 (seconds), 0 = no limit, a key left out keeps base's limit.
   */
  public static Slo withFlag(Slo base, String text) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (String part : text.split(",")) {
      String p = part.trim();
      int eq = p.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("--slo: expected KEY=SECONDS pairs such as ttft_p99=2,tpot_p99=0.1, got '" + text + "'");
      }
      String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      if (!key.equals("ttft_p99") && !key.equals("tpot_p99")) {
        throw new IllegalArgumentException("--slo: unknown key '" + p.substring(0, eq).trim() + "' (known: ttft_p99, tpot_p99)");
      }
      double v;
      try {
        v = Double.parseDouble(p.substring(eq + 1).trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--slo: " + key + " must be a number of seconds, got '" + p.substring(eq + 1).trim() + "'");
      }
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException("--slo: " + key + " must be >= 0 seconds (0 = no limit), got " + v);
      }
      values.put(key, v == 0 ? Double.NaN : v);
    }
    return Slo.p99(values.getOrDefault("ttft_p99", base.ttftSeconds()), values.getOrDefault("tpot_p99", base.tpotSeconds()));
  }

  private static double limit(ConfigValues s, String key) {
    ConfigValue v = s.object().get(key);
    if (v == null || v.valueType() == ConfigValueType.NULL) {
      return Double.NaN;
    }
    double d = PlanConfig.number(s, key);
    if (!(d >= 0) || Double.isInfinite(d)) {
      throw new IllegalArgumentException(s.pathOf(key) + ": must be >= 0 seconds (0 = no limit), got " + d);
    }
    return d == 0 ? Double.NaN : d;
  }
}
