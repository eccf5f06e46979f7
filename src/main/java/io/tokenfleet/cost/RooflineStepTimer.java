package io.tokenfleet.cost;

/**
 * A step timer of the form {@code max(compute(shape), memory(shape)) + additive(shape)} for a
 * non-empty iteration, where each part is affine in the shape's fields (Williams et al. 2009,
 * "Roofline": a kernel takes the longer of its compute time and its memory time). Additive
 * terms are those that do not overlap with either: the tensor-parallel all-reduces and the
 * fixed per-step overhead (scheduling, kernel launches, sampling).
 *
 * <p>The flops time model is the special case with a zero memory roof and nothing additive.
 *
 * @param compute FLOPs of the step over the replica's effective FLOP/s
 * @param memory bytes read by the step over the replica's effective bandwidth
 * @param additive all-reduce time and fixed overhead
 */
public record RooflineStepTimer(StepCoefficients compute, StepCoefficients memory, StepCoefficients additive)
    implements java.io.Serializable, StepTimer {

  public RooflineStepTimer {
    if (compute == null || memory == null || additive == null) {
      throw new IllegalArgumentException("compute, memory and additive coefficients must not be null");
    }
  }

  @Override
  public double iterationSeconds(IterationShape shape) {
    if (shape.isEmpty()) {
      return 0;
    }
    return Math.max(compute.seconds(shape), memory.seconds(shape)) + additive.seconds(shape);
  }
}
