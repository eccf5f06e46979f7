package io.tokenfleet.cost;

import io.tokenfleet.kernel.DecodingStrategy;
import io.tokenfleet.kernel.Dtype;
import io.tokenfleet.kernel.KvSharing;
import io.tokenfleet.kernel.ModelSpec;
import io.tokenfleet.kernel.RequestBytes;
import java.util.Locale;

/**
 * One replica of a model served on {@code tensorParallel} GPUs of one kind.
 *
 * <p>Memory: the replica holds {@code tensorParallel x gpu.memoryBytes}; a fraction
 * {@code memoryReserveFraction} is kept for activations, the CUDA context and the runtime's
 * workspace; the weights must fit in the rest, and the KV cache gets what is left after them.
 *
 * @param model the architecture
 * @param gpu the accelerator
 * @param tensorParallel GPUs per replica (tensor-parallel degree), >= 1
 * @param weightDtype storage type of the weights
 * @param kvDtype storage type of KV cache entries
 * @param maxBatch most sequences the scheduler runs together in one step, >= 1
 * @param kvSharing whether beams share the prompt's KV blocks
 * @param memoryReserveFraction share of memory not available to weights or KV, in [0, 1)
 */
public record Deployment(
    ModelSpec model,
    GpuSpec gpu,
    int tensorParallel,
    Dtype weightDtype,
    Dtype kvDtype,
    int maxBatch,
    KvSharing kvSharing,
    double memoryReserveFraction) implements java.io.Serializable {

  /** Default share of memory kept back for activations and the runtime (vLLM's gpu_memory_utilization 0.9). */
  public static final double DEFAULT_MEMORY_RESERVE_FRACTION = 0.10;

  public Deployment {
    if (model == null || gpu == null || weightDtype == null || kvDtype == null || kvSharing == null) {
      throw new IllegalArgumentException("model, gpu, weightDtype, kvDtype and kvSharing must not be null");
    }
    if (tensorParallel < 1) {
      throw new IllegalArgumentException("tensorParallel must be >= 1, got " + tensorParallel);
    }
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
    }
    if (!(memoryReserveFraction >= 0 && memoryReserveFraction < 1)) {
      throw new IllegalArgumentException("memoryReserveFraction must be in [0, 1), got " + memoryReserveFraction);
    }
  }

  /** bf16 weights and KV, shared prompt KV, the default reserve. */
  public static Deployment of(ModelSpec model, GpuSpec gpu, int tensorParallel, int maxBatch) {
    return new Deployment(model, gpu, tensorParallel, Dtype.BF16, Dtype.BF16, maxBatch, KvSharing.SHARED_PROMPT,
        DEFAULT_MEMORY_RESERVE_FRACTION);
  }

  /** e.g. {@code a100-80gb:2}. */
  public String label() {
    return gpu.id() + ":" + tensorParallel;
  }

  /** Memory of all GPUs of the replica, bytes. */
  public double totalMemoryBytes() {
    return tensorParallel * gpu.memoryBytes();
  }

  /** Memory available to weights and KV: total x (1 - reserve), bytes. */
  public double usableMemoryBytes() {
    return totalMemoryBytes() * (1 - memoryReserveFraction);
  }

  /** Bytes of all weights in {@link #weightDtype}. */
  public double weightBytes() {
    return RequestBytes.weightBytes(model, weightDtype);
  }

  /** KV bytes of one position of one sequence. */
  public double kvBytesPerToken() {
    return RequestBytes.kvBytesPerToken(model, kvDtype);
  }

  /** Bytes left for the KV cache after the weights; negative when the weights do not fit. */
  public double kvCapacityBytes() {
    return usableMemoryBytes() - weightBytes();
  }

  /** True when the weights fit in the usable memory. */
  public boolean weightsFit() {
    return kvCapacityBytes() >= 0;
  }

  /**
   * Why the weights do not fit, in one line, or the empty string when they do. Example:
   * "llama-3.1-405b in bf16 needs 811 GB of weights; a100-80gb:2 holds 160 GB (144 GB after the 10% reserve)".
   */
  public String infeasibility() {
    if (weightsFit()) {
      return "";
    }
    return String.format(Locale.ROOT, "%s in %s needs %.0f GB of weights; %s holds %.0f GB (%.0f GB after the %.0f%% reserve)",
        model.name(), weightDtype, weightBytes() / 1e9, label(), totalMemoryBytes() / 1e9, usableMemoryBytes() / 1e9,
        memoryReserveFraction * 100);
  }

  /** Throws {@link IllegalArgumentException} with {@link #infeasibility()} when the weights do not fit. */
  public Deployment requireFeasible() {
    if (!weightsFit()) {
      throw new IllegalArgumentException(infeasibility());
    }
    return this;
  }

  /**
   * Largest number of sequences of {@code contextTokens} positions each whose KV fits next to the
   * weights (not capped by {@link #maxBatch}); 0 when the weights do not fit or not even one
   * sequence fits. A sliding-window model keeps at most W positions per sequence.
   */
  public long maxBatch(long contextTokens) {
    if (contextTokens < 1) {
      throw new IllegalArgumentException("contextTokens must be >= 1, got " + contextTokens);
    }
    long held = model.slidingWindowTokens() > 0 ? Math.min(contextTokens, model.slidingWindowTokens()) : contextTokens;
    return fitting(held * kvBytesPerToken());
  }

  /**
   * Largest number of requests of this shape whose peak KV fits together next to the weights (not
   * capped by {@link #maxBatch}); 0 when none fits. Uses the request's peak KV under this
   * deployment's {@link #kvSharing}.
   */
  public long maxRequests(long promptTokens, long outputTokens, DecodingStrategy strategy) {
    double peakBytes = RequestBytes.kvPeakTokens(model, promptTokens, outputTokens, strategy, kvSharing) * kvBytesPerToken();
    return fitting(peakBytes);
  }

  private long fitting(double bytesEach) {
    double free = kvCapacityBytes();
    if (free < 0) {
      return 0;
    }
    return (long) Math.floor(free / bytesEach);
  }
}
