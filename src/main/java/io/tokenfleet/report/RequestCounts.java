package io.tokenfleet.report;

import io.tokenfleet.fleet.SummaryRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Input, accepted and rejected request counts per model. Every variant of a model sees the same
 * routed rows, so they normally agree and give one line per model; when they do not, each distinct
 * (accepted, rejected) pair gets its own line labelled with the variants it came from, so a
 * disagreement shows instead of being averaged away.
 *
 * @param label the model, or "model (variants...)" when the model's variants disagree
 * @param accepted accepted requests
 * @param rejected rejected input rows
 */
public record RequestCounts(String label, long accepted, long rejected) {

  /** accepted + rejected: input rows routed to the model. */
  public long input() {
    return accepted + rejected;
  }

  /** The counts in summary order (rows may be in any order). */
  public static List<RequestCounts> of(List<SummaryRow> rows) {
    Map<String, Map<List<Long>, Set<String>>> byModel = new LinkedHashMap<>();
    for (SummaryRow row : SummaryOrder.sorted(rows)) {
      byModel.computeIfAbsent(row.model(), m -> new LinkedHashMap<>())
          .computeIfAbsent(List.of(row.requests(), row.rejected()), k -> new LinkedHashSet<>())
          .add(row.strategyWithCache() + " " + row.deployment());
    }
    List<RequestCounts> out = new ArrayList<>();
    for (Map.Entry<String, Map<List<Long>, Set<String>>> model : byModel.entrySet()) {
      boolean agree = model.getValue().size() == 1;
      for (Map.Entry<List<Long>, Set<String>> counts : model.getValue().entrySet()) {
        String label = agree ? model.getKey() : model.getKey() + " (" + String.join(", ", counts.getValue()) + ")";
        out.add(new RequestCounts(label, counts.getKey().get(0), counts.getKey().get(1)));
      }
    }
    return out;
  }
}
