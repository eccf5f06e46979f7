package io.tokenfleet.plan;

import io.tokenfleet.cost.IterationShape;

/** Sees every simulated iteration and completion (for tests and traces); not called when none is given. */
@FunctionalInterface
public interface IterationObserver {

  /**
   * @param startSeconds simulated time the iteration starts
   * @param shape what it processes
   * @param seconds its duration from the step timer
   * @param kvBlocksUsed blocks allocated while it runs
   * @param requestsInSystem requests arrived by startSeconds and not finished (waiting + running)
   */
  void onIteration(double startSeconds, IterationShape shape, double seconds, long kvBlocksUsed, int requestsInSystem);

  /**
   * A request finished (its last token was produced at {@code endSeconds}).
   *
   * @param request row of the simulated RequestTable
   * @param endSeconds simulated time of completion
   */
  default void onCompletion(int request, double endSeconds) {}
}
