package io.tokenfleet.plan;

/**
 * Predicted work of one request in seconds of a resource (GPU-seconds for load profiles,
 * replica-seconds for routing), for example from the flops or roofline time model at an
 * expected batch size. Implementations are pure functions of their arguments.
 */
@FunctionalInterface
public interface RequestWork {

  /** Seconds of work; must be finite and >= 0. */
  double seconds(int promptTokens, int outputTokens, int width);
}
