package io.tokenfleet.cost.calibration;

import io.tokenfleet.kernel.FfnKind;
import io.tokenfleet.kernel.LinearBiases;
import io.tokenfleet.kernel.ModelSpec;
import io.tokenfleet.kernel.NormKind;
import io.tokenfleet.kernel.PositionEmbedding;
import java.util.Locale;

/**
 * The architectures named in the Splitwise performance table, so calibration does not depend on
 * the model catalog. Llama-2-70B from its config.json (shared/reference/REFERENCE.md): 80 layers,
 * d_model 8192, 64 heads, 8 KV heads of 128, SwiGLU d_ff 28672, vocab 32000, context 4096, rotary,
 * untied, no biases, RMSNorm x2 per layer + final.
 */
public final class SplitwiseModels {
  private SplitwiseModels() {}

  public static ModelSpec llama2_70b() {
    return new ModelSpec("llama-2-70b", 80, 8192, 64, 8, 128, 28672, FfnKind.GATED, 32000, 4096, 0,
        PositionEmbedding.ROTARY, false, LinearBiases.NONE, NormKind.RMS_NORM, 2, true, false, null);
  }

  /** The spec for a model name as the table writes it ({@code llama2-70b}). */
  public static ModelSpec byTableName(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace("-", "");
    if (n.equals("llama270b")) {
      return llama2_70b();
    }
    throw new IllegalArgumentException("calibration knows no model '" + name + "' (known: llama2-70b)");
  }
}
