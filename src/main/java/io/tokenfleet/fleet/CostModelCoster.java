package io.tokenfleet.fleet;

import io.tokenfleet.cost.DecodeTimeTable;
import io.tokenfleet.cost.PreparedDeployment;
import io.tokenfleet.cost.RequestCostModel;
import io.tokenfleet.kernel.DecodeFlopsTable;
import io.tokenfleet.kernel.DecodingStrategy;
import io.tokenfleet.kernel.RequestBytes;
import io.tokenfleet.kernel.RequestFlops;

/**
 * The production coster: FLOPs from the kernel, time and GPU-seconds from the cost model.
 *
 * <p>Batching: requests of one shape are served {@code batch} at a time, capped by how many such
 * requests' KV fits the replica (at least 1, so a request that alone overflows the KV budget is
 * costed as served alone; its {@code kv_peak_bytes} shows it).
 *
 * @param strategy decoding strategy
 * @param prepared the replica with its step timer and constants
 * @param batch requested batch B >= 1
 */
public record CostModelCoster(DecodingStrategy strategy, PreparedDeployment prepared, int batch) implements VariantCoster {

  /**
   * Positions at most in the decode tables (every catalog context fits). Whether a shape is costed
   * by table or by closed form depends on this constant and the shape only, never on what else a
   * partition holds, so totals do not depend on partitioning to the last bit.
   */
  private static final int MAX_TABLE_POSITIONS = 1 << 18;

  @Override
  public RequestCost cost(int promptTokens, int outputTokens) {
    double kvPeakBytes = kvPeakBytes(promptTokens, outputTokens);
    int b = servedBatch(kvPeakBytes);
    double ttft = RequestCostModel.prefillSeconds(prepared, promptTokens, b);
    double decode = RequestCostModel.decodeSeconds(prepared, promptTokens, outputTokens, strategy, b);
    int tp = prepared.deployment().tensorParallel();
    // A request's share of a batched step is 1/B of it, all tp GPUs counted (as RequestTiming).
    return new RequestCost(RequestFlops.prefillFlops(prepared.flops(), promptTokens),
        RequestFlops.decodeFlops(prepared.flops(), promptTokens, outputTokens, strategy), tp * ttft / b,
        tp * decode / b, ttft, ttft + decode, kvPeakBytes);
  }

  /**
   * As {@link #cost} for every shape, sharing work across the sorted shapes: the prefill figures
   * are computed once per run of equal prompt length and batch, decode FLOPs come from a
   * {@link DecodeFlopsTable} (bit for bit the closed form) and decode time from a
   * {@link DecodeTimeTable} per served batch (the closed form to ~1e-15 relative). FLOPs, time to
   * first token and KV figures are exactly those of {@link #cost}. Requests longer than
   * {@link #MAX_TABLE_POSITIONS} use the closed forms.
   *
   * <p>Memory while a variant is costed: 8 bytes per position for FLOPs and 16 per position for
   * each served batch's time table, each only as long as its longest shape (at most 2 MB and 4 MB a
   * table; batches capped by KV serve long requests, whose tables double as they are needed).
   */
  @Override
  public void costAll(ShapeCounter shapes, VariantAccumulator into) {
    if (shapes.size() == 0) {
      return;
    }
    int tablePositions = (int) Math.min(shapes.maxPromptPlusOutput() - 1, MAX_TABLE_POSITIONS);
    SortedShapes sorted = new SortedShapes(this, tablePositions, into);
    shapes.forEach(sorted);
    sorted.closeRun();
  }

  /** KV bytes a request holds at its peak. */
  private double kvPeakBytes(int promptTokens, int outputTokens) {
    return RequestBytes.kvPeakTokens(prepared.deployment().model(), promptTokens, outputTokens, strategy,
        prepared.deployment().kvSharing()) * prepared.kvBytesPerToken();
  }

  /** The batch a request of this KV peak is served in: B, or as many as fit, at least 1. */
  private int servedBatch(double kvPeakBytes) {
    // As PreparedDeployment.maxRequests, reusing the peak the caller computed.
    long fits = (long) Math.floor(prepared.kvCapacityBytes() / kvPeakBytes);
    return (int) Math.max(1, Math.min(batch, fits));
  }

  /** Costs shapes in ascending (prompt, output) order; prefill figures are shared by a run of equal (prompt, batch). */
  private static final class SortedShapes implements ShapeCounter.PairConsumer {
    private final CostModelCoster coster;
    private final int tablePositions;
    private final DecodeFlopsTable flopsTable;
    /** Decode time tables by served batch, built when a batch first occurs. */
    private final DecodeTimeTable[] timeTables;
    private final VariantAccumulator into;
    private final int tp;
    private int runPrompt = -1;
    private int runBatch;
    private long runCopies;
    private double runPrefillFlops;
    private double runTtftSeconds;
    private double runPrefillGpuSeconds;

    SortedShapes(CostModelCoster coster, int tablePositions, VariantAccumulator into) {
      this.coster = coster;
      this.tablePositions = tablePositions;
      this.flopsTable = DecodeFlopsTable.of(coster.prepared.flops(), coster.strategy, tablePositions);
      this.timeTables = new DecodeTimeTable[coster.batch + 1];
      this.into = into;
      this.tp = coster.prepared.deployment().tensorParallel();
    }

    @Override
    public void accept(int promptTokens, int outputTokens, long count) {
      double kvPeakBytes = coster.kvPeakBytes(promptTokens, outputTokens);
      int b = coster.servedBatch(kvPeakBytes);
      if (promptTokens != runPrompt || b != runBatch) {
        closeRun();
        runPrompt = promptTokens;
        runBatch = b;
        runPrefillFlops = RequestFlops.prefillFlops(coster.prepared.flops(), promptTokens);
        runTtftSeconds = RequestCostModel.prefillSeconds(coster.prepared, promptTokens, b);
        runPrefillGpuSeconds = tp * runTtftSeconds / b;
      }
      runCopies += count;
      double decodeFlops;
      double decode;
      int lastPosition = promptTokens + outputTokens - 1; // <= 2^32 - 3: negative past 2^31 - 1
      if (lastPosition > 0 && lastPosition <= tablePositions) {
        decodeFlops = flopsTable.decodeFlops(promptTokens, outputTokens);
        decode = timeTable(b, lastPosition).decodeSeconds(promptTokens, outputTokens);
      } else {
        decodeFlops = RequestFlops.decodeFlops(coster.prepared.flops(), promptTokens, outputTokens, coster.strategy);
        decode = RequestCostModel.decodeSeconds(coster.prepared, promptTokens, outputTokens, coster.strategy, b);
      }
      double decodeGpuSeconds = tp * decode / b;
      into.addDecode(outputTokens, decodeFlops, decodeGpuSeconds, runTtftSeconds + decode, kvPeakBytes,
          runPrefillGpuSeconds + decodeGpuSeconds, count);
    }

    /**
     * The time table of batch b covering {@code lastPosition}. The configured batch's is built at
     * full length at once; a smaller batch (requests whose KV caps it, long ones) gets a table that
     * doubles as its requests need, so many capped batches do not each hold a full-length table.
     * A table's entries do not depend on its length, so neither do the costs.
     */
    private DecodeTimeTable timeTable(int b, int lastPosition) {
      DecodeTimeTable table = timeTables[b];
      if (table == null || table.maxPosition() < lastPosition) {
        int length = b == coster.batch ? tablePositions
            : (int) Math.min(tablePositions, Math.max(lastPosition, table == null ? 1024 : 2L * table.maxPosition()));
        table = DecodeTimeTable.of(coster.prepared, coster.strategy, b, length);
        timeTables[b] = table;
      }
      return table;
    }

    void closeRun() {
      if (runCopies > 0) {
        into.addPrefill(runPrompt, runPrefillFlops, runPrefillGpuSeconds, runTtftSeconds, runCopies);
        runCopies = 0;
      }
    }
  }

  /**
   * The kernel, the KV accounting and the time model see a strategy only through its width and
   * cache flag (parallel:n costs as beam:n), so those two, the replica and the batch decide the cost.
   */
  @Override
  public Object costIdentity() {
    return new Identity(strategy.width(), strategy.kvCache(), prepared, batch);
  }

  private record Identity(int width, boolean kvCache, PreparedDeployment prepared, int batch) {}
}
