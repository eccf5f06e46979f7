package io.tokenfleet.cost;

import io.tokenfleet.kernel.FfnKind;
import io.tokenfleet.kernel.LinearBiases;
import io.tokenfleet.kernel.ModelSpec;
import io.tokenfleet.kernel.NormKind;
import io.tokenfleet.kernel.PositionEmbedding;

/** Model and GPU specs built by hand from shared/reference/REFERENCE.md, for the cost tests. */
public final class TestSpecs {
  private TestSpecs() {}

  /** Llama-2-70B: 68,976,648,192 parameters (80 x 855,654,400 + 2 x 32000 x 8192 + 8192). */
  public static ModelSpec llama2_70b() {
    return new ModelSpec("llama-2-70b", 80, 8192, 64, 8, 128, 28672, FfnKind.GATED, 32000, 4096, 0,
        PositionEmbedding.ROTARY, false, LinearBiases.NONE, NormKind.RMS_NORM, 2, true, false, null);
  }

  /** Llama-3.1-405B: 126 layers, d 16384, 128 heads, 8 KV heads of 128, d_ff 53248, vocab 128256. */
  public static ModelSpec llama31_405b() {
    return new ModelSpec("llama-3.1-405b", 126, 16384, 128, 8, 128, 53248, FfnKind.GATED, 128256, 131072, 0,
        PositionEmbedding.ROTARY, false, LinearBiases.NONE, NormKind.RMS_NORM, 2, true, false, null);
  }

  /** GPT-3 175B: 96 layers, d 12288, 96 heads of 128, d_ff 49152 GELU, vocab 50257, 2048 learned positions, tied. */
  public static ModelSpec gpt3_175b() {
    return new ModelSpec("gpt3-175b", 96, 12288, 96, 96, 128, 49152, FfnKind.GELU, 50257, 2048, 0,
        PositionEmbedding.LEARNED, true, LinearBiases.ALL, NormKind.LAYER_NORM, 2, true, false, null);
  }

  /** Mistral-7B v0.1: sliding window 4096. */
  public static ModelSpec mistral7b() {
    return new ModelSpec("mistral-7b-v0.1", 32, 4096, 32, 8, 128, 14336, FfnKind.GATED, 32000, 32768, 4096,
        PositionEmbedding.ROTARY, false, LinearBiases.NONE, NormKind.RMS_NORM, 2, true, false, null);
  }

  public static GpuSpec a100_80gb() {
    return new GpuSpec("a100-80gb", 312e12, 0, 80e9, 2039e9, 600e9, 400, 1.99, "test", "2026");
  }

  public static GpuSpec h100() {
    return new GpuSpec("h100-sxm", 989.4e12, 1978.9e12, 80e9, 3350e9, 900e9, 700, 3.24, "test", "2026");
  }

  /**
   * Realistic roofline factors (the 2026-12-04 fit) for tests whose result holds for any factors,
   * such as closed form against a per-step loop. Deliberately not read from reference.conf, and
   * not a check of it: CalibrationTest scores the shipped factors against the measurements.
   */
  public static RooflineTimeModel fittedRoofline() {
    return new RooflineTimeModel(0.6839, 0.1358, 0.8368, 0.1675, 8.276e-6, 0.01639, 2);
  }
}
