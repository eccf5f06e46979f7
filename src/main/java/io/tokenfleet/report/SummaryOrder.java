package io.tokenfleet.report;

import io.tokenfleet.fleet.SummaryRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The order of summary rows in every output, whatever the input order: model, strategy family,
 * strategy width (numeric: beam:4 before beam:16), KV cache on before off, gpu, tp. Strings compare
 * by UTF-16 code units (String.compareTo), never by locale.
 */
public final class SummaryOrder {
  private SummaryOrder() {}

  /** model, strategy family, strategy width, kv_cache (true first), gpu, tp. */
  public static final Comparator<SummaryRow> KEY = Comparator
      .comparing(SummaryRow::model)
      .thenComparing(row -> family(row.strategy()))
      .thenComparing(row -> row.strategy(), SummaryOrder::compareWidths)
      .thenComparing(row -> !row.kvCache())
      .thenComparing(SummaryRow::gpu)
      .thenComparingInt(SummaryRow::tp);

  /**
   * The rows sorted by {@link #KEY}.
   *
   * @throws IllegalArgumentException when two rows share a key (a summary has one row per variant)
   */
  public static List<SummaryRow> sorted(List<SummaryRow> rows) {
    List<SummaryRow> copy = new ArrayList<>(rows);
    copy.sort(KEY);
    Set<String> seen = new HashSet<>();
    for (SummaryRow row : copy) {
      String key = row.model() + " " + row.strategyWithCache() + " " + row.deployment();
      if (!seen.add(key)) {
        throw new IllegalArgumentException("duplicate summary row for model " + row.model() + ", strategy "
            + row.strategyWithCache() + ", deployment " + row.deployment());
      }
    }
    return List.copyOf(copy);
  }

  /** The family of a strategy: the text before ':' (greedy, beam, parallel). */
  public static String family(String strategy) {
    int colon = strategy.indexOf(':');
    return colon < 0 ? strategy : strategy.substring(0, colon);
  }

  private static int compareWidths(String a, String b) {
    Long wa = width(a);
    Long wb = width(b);
    if (wa != null && wb != null && !wa.equals(wb)) {
      return Long.compare(wa, wb);
    }
    return a.compareTo(b);
  }

  /** The width after ':' when it is a number, else null (greedy has none). */
  static Long width(String strategy) {
    int colon = strategy.indexOf(':');
    if (colon < 0) {
      return null;
    }
    try {
      return Long.parseLong(strategy.substring(colon + 1));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
