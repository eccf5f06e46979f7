package io.tokenfleet.cost;

import io.tokenfleet.kernel.FlopsCoefficients;

/**
 * The seed's arithmetic: a step takes its FLOPs over the replica's peak times a model FLOPs
 * utilisation, {@code seconds = FLOPs / (tp x peak x mfu)}. Memory bandwidth, communication and
 * overheads are ignored, so decode at small batch comes out far faster than any GPU can read the
 * weights (RequestTiming.mbuDecode above 1 shows it).
 *
 * @param mfu model FLOPs utilisation in (0, 1]
 */
public record FlopsTimeModel(double mfu) implements java.io.Serializable, TimeModel {

  public static final String NAME = "flops";

  public FlopsTimeModel {
    if (!(mfu > 0 && mfu <= 1)) {
      throw new IllegalArgumentException("mfu must be in (0, 1], got " + mfu);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RooflineStepTimer stepTimer(Deployment deployment) {
    FlopsCoefficients c = FlopsCoefficients.of(deployment.model());
    double flopsPerSecond = deployment.tensorParallel() * deployment.gpu().flopsPerSecond(deployment.weightDtype()) * mfu;
    // A decoding sequence feeds one token (linear FLOPs) that also attends to itself (one key).
    StepCoefficients compute = new StepCoefficients(0,
        c.linearFlopsPerToken() / flopsPerSecond,
        c.attentionFlopsPerKey() / flopsPerSecond,
        (c.linearFlopsPerToken() + c.attentionFlopsPerKey()) / flopsPerSecond,
        c.attentionFlopsPerKey() / flopsPerSecond,
        c.logitFlops() / flopsPerSecond);
    return new RooflineStepTimer(compute, StepCoefficients.ZERO, StepCoefficients.ZERO);
  }
}
