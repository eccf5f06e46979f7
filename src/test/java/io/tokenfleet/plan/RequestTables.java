package io.tokenfleet.plan;

import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;

/** Request tables for tests, built field by field from the row index. */
final class RequestTables {
  private RequestTables() {}

  /** A table of {@code n} rows; row i has the id, arrival (seconds), lengths and width the functions give for i. */
  static RequestTable of(int n, IntToLongFunction id, IntToDoubleFunction arrivalSeconds, IntUnaryOperator promptTokens,
      IntUnaryOperator outputTokens, IntUnaryOperator width) {
    long[] ids = new long[n];
    double[] arrivals = new double[n];
    int[] prompts = new int[n];
    int[] outputs = new int[n];
    int[] widths = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = id.applyAsLong(i);
      arrivals[i] = arrivalSeconds.applyAsDouble(i);
      prompts[i] = promptTokens.applyAsInt(i);
      outputs[i] = outputTokens.applyAsInt(i);
      widths[i] = width.applyAsInt(i);
    }
    return RequestTable.of(ids, arrivals, prompts, outputs, widths);
  }
}
