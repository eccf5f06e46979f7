package io.tokenfleet.plan;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Requests as columns (primitive arrays, no per-request objects), sorted by arrival time and then
 * by id, so the simulator can scan them without boxing. Immutable: arrays are copied in and
 * never handed out.
 *
 * <p>Width is the decoding strategy's width k (1 greedy, k beams, n parallel samples): the
 * request occupies k sequences while decoding. A request with one output token decodes nothing
 * and occupies one sequence (no beams were ever expanded), as in kernel.RequestBytes.
 */
public final class RequestTable {
  private final long[] ids;
  private final double[] arrivalSeconds;
  private final int[] promptTokens;
  private final int[] outputTokens;
  private final int[] widths;

  private RequestTable(long[] ids, double[] arrivalSeconds, int[] promptTokens, int[] outputTokens, int[] widths) {
    this.ids = ids;
    this.arrivalSeconds = arrivalSeconds;
    this.promptTokens = promptTokens;
    this.outputTokens = outputTokens;
    this.widths = widths;
  }

  /**
   * Validates and copies the columns, sorting by (arrival, id) when they are not already in that
   * order.
   *
   * @param ids request ids (any longs; used to break arrival ties deterministically)
   * @param arrivalSeconds arrival times in seconds (finite, any origin)
   * @param promptTokens prompt tokens, each >= 1
   * @param outputTokens output tokens per sequence, each >= 1
   * @param widths sequences per request (strategy width), each >= 1
   */
  public static RequestTable of(long[] ids, double[] arrivalSeconds, int[] promptTokens, int[] outputTokens, int[] widths) {
    int n = ids.length;
    if (arrivalSeconds.length != n || promptTokens.length != n || outputTokens.length != n || widths.length != n) {
      throw new IllegalArgumentException("request columns must have equal lengths, got ids=" + n + ", arrivals="
          + arrivalSeconds.length + ", prompts=" + promptTokens.length + ", outputs=" + outputTokens.length
          + ", widths=" + widths.length);
    }
    boolean sorted = true;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(arrivalSeconds[i])) {
        throw new IllegalArgumentException("arrivalSeconds must be finite, got " + arrivalSeconds[i] + " for request " + ids[i]);
      }
      if (promptTokens[i] < 1) {
        throw new IllegalArgumentException("promptTokens must be >= 1, got " + promptTokens[i] + " for request " + ids[i]);
      }
      if (outputTokens[i] < 1) {
        throw new IllegalArgumentException("outputTokens must be >= 1, got " + outputTokens[i] + " for request " + ids[i]);
      }
      if (widths[i] < 1) {
        throw new IllegalArgumentException("width must be >= 1, got " + widths[i] + " for request " + ids[i]);
      }
      if (i > 0 && before(arrivalSeconds[i], ids[i], arrivalSeconds[i - 1], ids[i - 1])) {
        sorted = false;
      }
    }
    if (sorted) {
      return new RequestTable(ids.clone(), arrivalSeconds.clone(), promptTokens.clone(), outputTokens.clone(), widths.clone());
    }
    int[] order = IntStream.range(0, n).boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> arrivalSeconds[i]).thenComparingLong(i -> ids[i]))
        .mapToInt(Integer::intValue).toArray();
    return permuted(order, ids, arrivalSeconds, promptTokens, outputTokens, widths);
  }

  /** Same as {@link #of} with arrivals in milliseconds (trace column arrival_time_ms). */
  public static RequestTable ofMillis(long[] ids, long[] arrivalMillis, int[] promptTokens, int[] outputTokens, int[] widths) {
    double[] seconds = new double[arrivalMillis.length];
    for (int i = 0; i < seconds.length; i++) {
      seconds[i] = arrivalMillis[i] / 1e3;
    }
    return of(ids, seconds, promptTokens, outputTokens, widths);
  }

  private static boolean before(double t1, long id1, double t0, long id0) {
    return t1 < t0 || (t1 == t0 && id1 < id0);
  }

  private static RequestTable permuted(int[] order, long[] ids, double[] arrivals, int[] prompts, int[] outputs, int[] widths) {
    int n = order.length;
    long[] i2 = new long[n];
    double[] a2 = new double[n];
    int[] p2 = new int[n];
    int[] o2 = new int[n];
    int[] w2 = new int[n];
    for (int j = 0; j < n; j++) {
      int i = order[j];
      i2[j] = ids[i];
      a2[j] = arrivals[i];
      p2[j] = prompts[i];
      o2[j] = outputs[i];
      w2[j] = widths[i];
    }
    return new RequestTable(i2, a2, p2, o2, w2);
  }

  /** The rows at the given positions (ascending positions keep the order). */
  public RequestTable select(int[] positions) {
    int[] sortedPositions = positions.clone();
    Arrays.sort(sortedPositions);
    return permuted(sortedPositions, ids, arrivalSeconds, promptTokens, outputTokens, widths);
  }

  public int size() {
    return ids.length;
  }

  public long id(int i) {
    return ids[i];
  }

  public double arrivalSeconds(int i) {
    return arrivalSeconds[i];
  }

  public int promptTokens(int i) {
    return promptTokens[i];
  }

  public int outputTokens(int i) {
    return outputTokens[i];
  }

  public int width(int i) {
    return widths[i];
  }

  /** Sequences the request occupies: its width, or 1 when it generates a single token. */
  public int sequences(int i) {
    return outputTokens[i] == 1 ? 1 : widths[i];
  }

  /** Sum of prompt tokens. */
  public long totalPromptTokens() {
    long s = 0;
    for (int p : promptTokens) {
      s += p;
    }
    return s;
  }

  /** Sum of output tokens over all sequences (k x M per request). */
  public long totalOutputTokens() {
    long s = 0;
    for (int i = 0; i < ids.length; i++) {
      s += (long) sequences(i) * outputTokens[i];
    }
    return s;
  }
}
