package io.tokenfleet.report;

import io.tokenfleet.fleet.SummaryRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ratios a report highlights, computed from summary rows of the same model and deployment.
 * Rows without a partner (no cache twin, no greedy baseline) give no multiplier.
 */
public final class Multipliers {
  private Multipliers() {}

  /**
   * What turning the KV cache off costs: {@code noCacheDollars / cacheDollars} for one model,
   * strategy family and deployment.
   */
  public record CacheMultiplier(String model, String strategy, String deployment, double cacheDollars, double noCacheDollars) {
    /** noCacheDollars / cacheDollars; NaN when cacheDollars is not positive. */
    public double ratio() {
      return cacheDollars > 0 ? noCacheDollars / cacheDollars : Double.NaN;
    }
  }

  /**
   * What a wider strategy costs against greedy: {@code dollars / greedyDollars} for one model,
   * cache setting and deployment.
   */
  public record StrategyMultiplier(String model, String strategy, boolean kvCache, String deployment,
      double greedyDollars, double dollars) {
    /** dollars / greedyDollars; NaN when greedyDollars is not positive. */
    public double ratio() {
      return greedyDollars > 0 ? dollars / greedyDollars : Double.NaN;
    }
  }

  /** One multiplier per (model, strategy, deployment) that has both a cache and a no-cache row, in summary order. */
  public static List<CacheMultiplier> cache(List<SummaryRow> rows) {
    Map<String, SummaryRow> cached = new HashMap<>();
    for (SummaryRow row : rows) {
      if (row.kvCache()) {
        cached.put(key(row.model(), row.strategy(), row.deployment()), row);
      }
    }
    List<CacheMultiplier> out = new ArrayList<>();
    for (SummaryRow row : SummaryOrder.sorted(rows)) {
      SummaryRow twin = row.kvCache() ? null : cached.get(key(row.model(), row.strategy(), row.deployment()));
      if (twin != null) {
        out.add(new CacheMultiplier(row.model(), row.strategy(), row.deployment(), twin.dollars(), row.dollars()));
      }
    }
    return out;
  }

  /**
   * One multiplier per non-greedy row (beam:K, parallel:N) that has a greedy row of the same model,
   * cache setting and deployment, in summary order.
   */
  public static List<StrategyMultiplier> strategy(List<SummaryRow> rows) {
    Map<String, SummaryRow> greedy = new HashMap<>();
    for (SummaryRow row : rows) {
      if (row.strategy().equals("greedy")) {
        greedy.put(key(row.model(), Boolean.toString(row.kvCache()), row.deployment()), row);
      }
    }
    List<StrategyMultiplier> out = new ArrayList<>();
    for (SummaryRow row : SummaryOrder.sorted(rows)) {
      if (row.strategy().equals("greedy")) {
        continue;
      }
      SummaryRow base = greedy.get(key(row.model(), Boolean.toString(row.kvCache()), row.deployment()));
      if (base != null) {
        out.add(new StrategyMultiplier(row.model(), row.strategy(), row.kvCache(), row.deployment(), base.dollars(), row.dollars()));
      }
    }
    return out;
  }

  private static String key(String a, String b, String c) {
    // NUL cannot occur in names from the CLI or config, so the joined key is unambiguous
    return a + '\0' + b + '\0' + c;
  }
}
