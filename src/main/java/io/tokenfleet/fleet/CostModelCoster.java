package io.tokenfleet.fleet;

import io.tokenfleet.cost.PreparedDeployment;
import io.tokenfleet.cost.RequestCostModel;
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

  @Override
  public RequestCost cost(int promptTokens, int outputTokens) {
    RequestFlops f = RequestFlops.of(prepared.flops(), promptTokens, outputTokens, strategy);
    double kvPeakBytes = RequestBytes.kvPeakTokens(prepared.deployment().model(), promptTokens, outputTokens, strategy,
        prepared.deployment().kvSharing()) * prepared.kvBytesPerToken();
    // As PreparedDeployment.maxRequests, reusing the peak computed above.
    long fits = (long) Math.floor(prepared.kvCapacityBytes() / kvPeakBytes);
    int b = (int) Math.max(1, Math.min(batch, fits));
    double ttft = RequestCostModel.prefillSeconds(prepared, promptTokens, b);
    double decode = RequestCostModel.decodeSeconds(prepared, promptTokens, outputTokens, strategy, b);
    int tp = prepared.deployment().tensorParallel();
    // A request's share of a batched step is 1/B of it, all tp GPUs counted (as RequestTiming).
    return new RequestCost(f.prefillFlops(), f.decodeFlops(), tp * ttft / b, tp * decode / b, ttft, ttft + decode,
        kvPeakBytes);
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
