package io.tokenfleet.cost;

/**
 * Seconds one replica of a deployment takes for one serving iteration. Implemented by the time
 * models (flops, roofline) for a fixed model and deployment; used by the per-request cost model
 * and by the continuous-batching simulator, so both agree on what a step costs.
 *
 * <p>Implementations are immutable and serializable-free records of numbers, safe to share
 * across threads and to ship to Spark executors.
 */
public interface StepTimer {

  /** Wall-clock seconds of one iteration of the given shape; 0 for an empty shape. */
  double iterationSeconds(IterationShape shape);
}
