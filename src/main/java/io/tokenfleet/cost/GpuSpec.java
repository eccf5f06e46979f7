package io.tokenfleet.cost;

import io.tokenfleet.kernel.Dtype;

/**
 * One accelerator model from the hardware catalog, in SI units (1 tera = 1e12, 1 GB = 1e9 bytes).
 * Peak figures are dense (no 2:4 sparsity), as in the vendors' datasheets.
 *
 * @param id catalog key, e.g. {@code h100-sxm}
 * @param bf16FlopsPerSecond dense BF16/FP16 tensor-core peak, FLOP/s
 * @param fp8FlopsPerSecond dense FP8 tensor-core peak, FLOP/s; 0 when the GPU has no FP8 units
 * @param memoryBytes device memory, bytes
 * @param memoryBytesPerSecond device memory bandwidth, bytes/s
 * @param linkBytesPerSecond GPU-to-GPU interconnect bandwidth per GPU as the datasheet gives it
 *     (NVLink aggregate, or PCIe), bytes/s
 * @param tdpWatts board power, watts
 * @param dollarsPerGpuHour rental price of one GPU for one hour, dollars
 * @param priceSource where the price comes from
 * @param priceDate when the price was observed (free text, e.g. 2026-01)
 */
public record GpuSpec(
    String id,
    double bf16FlopsPerSecond,
    double fp8FlopsPerSecond,
    double memoryBytes,
    double memoryBytesPerSecond,
    double linkBytesPerSecond,
    double tdpWatts,
    double dollarsPerGpuHour,
    String priceSource,
    String priceDate) implements java.io.Serializable {

  public GpuSpec {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("id must not be empty");
    }
    positive(id, "bf16FlopsPerSecond", bf16FlopsPerSecond);
    nonNegative(id, "fp8FlopsPerSecond", fp8FlopsPerSecond);
    positive(id, "memoryBytes", memoryBytes);
    positive(id, "memoryBytesPerSecond", memoryBytesPerSecond);
    positive(id, "linkBytesPerSecond", linkBytesPerSecond);
    nonNegative(id, "tdpWatts", tdpWatts);
    nonNegative(id, "dollarsPerGpuHour", dollarsPerGpuHour);
    priceSource = priceSource == null ? "" : priceSource;
    priceDate = priceDate == null ? "" : priceDate;
  }

  /**
   * Dense peak FLOP/s for matmuls whose weights are stored in {@code weightDtype}: the FP8 peak
   * for FP8 weights (W8A8) on GPUs that have FP8 units, the BF16 peak otherwise (weight-only
   * INT8/INT4 quantisation dequantises to BF16 before the matmul; FP32 is assumed to run as BF16).
   */
  public double flopsPerSecond(Dtype weightDtype) {
    return weightDtype == Dtype.FP8 && fp8FlopsPerSecond > 0 ? fp8FlopsPerSecond : bf16FlopsPerSecond;
  }

  /** Dollars per GPU-second. */
  public double dollarsPerGpuSecond() {
    return dollarsPerGpuHour / 3600.0;
  }

  /** A copy with another price (scenario overrides, the seed's $12/h server). */
  public GpuSpec withDollarsPerGpuHour(double newDollarsPerGpuHour, String source, String date) {
    return new GpuSpec(id, bf16FlopsPerSecond, fp8FlopsPerSecond, memoryBytes, memoryBytesPerSecond,
        linkBytesPerSecond, tdpWatts, newDollarsPerGpuHour, source, date);
  }

  private static void positive(String id, String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(id + ": " + name + " must be > 0, got " + value);
    }
  }

  private static void nonNegative(String id, String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(id + ": " + name + " must be >= 0, got " + value);
    }
  }
}
