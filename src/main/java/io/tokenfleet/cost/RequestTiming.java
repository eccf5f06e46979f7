package io.tokenfleet.cost;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Time, GPU time and money of one request served in a batch of identical requests on one replica.
 *
 * @param ttftSeconds time to first token: the prefill step of the batch's prompts, seconds
 * @param tpotSeconds time per output token: mean decode step time, seconds; 0 when only one token is output
 * @param e2eSeconds ttft + all decode steps, seconds
 * @param gpuSeconds the request's 1/B share of the replica's busy time, all tp GPUs counted
 * @param dollars gpuSeconds x dollars per GPU-hour / 3600
 * @param prefillGpuSeconds the prefill part of gpuSeconds
 * @param decodeGpuSeconds the decode part of gpuSeconds
 * @param mfuPrefill model FLOPs of the batch's prefill over (ttft x tp x peak FLOP/s)
 * @param mbuDecode bytes the decode steps read (weights once a step plus cached KV) over
 *     (decode time x tp x peak bandwidth); 0 without decode steps; above 1 means the time model
 *     promised more bandwidth than the GPUs have (the flops model at small batch)
 * @param fitsInMemory weights plus the batch's peak KV fit in the usable memory
 * @param maxBatch most requests of this shape whose KV fits, capped by the deployment's max batch
 */
public record RequestTiming(
    double ttftSeconds,
    double tpotSeconds,
    double e2eSeconds,
    double gpuSeconds,
    double dollars,
    double prefillGpuSeconds,
    double decodeGpuSeconds,
    double mfuPrefill,
    double mbuDecode,
    boolean fitsInMemory,
    long maxBatch) {

  /** The fields under the JSON keys of {@code estimate}, in a stable order. */
  public Map<String, Object> toJsonFields() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ttft_s", ttftSeconds);
    m.put("tpot_s", tpotSeconds);
    m.put("e2e_s", e2eSeconds);
    m.put("gpu_seconds", gpuSeconds);
    m.put("dollars", dollars);
    m.put("prefill_gpu_seconds", prefillGpuSeconds);
    m.put("decode_gpu_seconds", decodeGpuSeconds);
    m.put("mfu_prefill", mfuPrefill);
    m.put("mbu_decode", mbuDecode);
    m.put("fits_in_memory", fitsInMemory);
    m.put("max_batch", maxBatch);
    return m;
  }
}
