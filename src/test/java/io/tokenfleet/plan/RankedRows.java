package io.tokenfleet.plan;

import java.util.List;
import org.apache.spark.sql.Row;

/** Trace rows already sorted into rank order, as a {@link RequestTable} whose ids are the ranks. */
public final class RankedRows {
  private RankedRows() {}

  /**
   * @param ranked rows in rank order
   * @param arrivalColumn index of arrival_time_ms (long) in each row
   * @param promptColumn index of prompt_tokens (int)
   * @param outputColumn index of output_tokens (int)
   * @param width sequences of every request (the strategy's width)
   */
  public static RequestTable table(List<Row> ranked, int arrivalColumn, int promptColumn, int outputColumn, int width) {
    int n = ranked.size();
    long[] ids = new long[n];
    long[] arrivals = new long[n];
    int[] prompts = new int[n];
    int[] outputs = new int[n];
    int[] widths = new int[n];
    for (int i = 0; i < n; i++) {
      Row r = ranked.get(i);
      ids[i] = i;
      arrivals[i] = r.getLong(arrivalColumn);
      prompts[i] = r.getInt(promptColumn);
      outputs[i] = r.getInt(outputColumn);
      widths[i] = width;
    }
    return RequestTable.ofMillis(ids, arrivals, prompts, outputs, widths);
  }
}
