package io.tokenfleet.fleet;

import java.io.Serializable;
import java.util.List;

/**
 * A scenario model and the variants it is costed under.
 *
 * @param model model name as it appears in the trace's {@code model} column and in reports
 * @param maxContextTokens prompt + output - 1 positions beyond this are rejected (unless allowBeyondContext)
 * @param allowBeyondContext cost requests longer than the model's context anyway
 * @param variants strategies x deployments, in scenario order
 */
public record ModelVariants(String model, long maxContextTokens, boolean allowBeyondContext, List<Variant> variants)
    implements Serializable {
  public ModelVariants {
    variants = List.copyOf(variants);
  }
}
