package io.tokenfleet.plan;

/**
 * How the planner sizes fleets, beyond the scheduler of one replica (built from
 * {@code tokenfleet.plan} by the config layer).
 *
 * @param windowSeconds width of load-profile and autoscaling windows, seconds, > 0, a whole number of milliseconds
 * @param targetUtilisation busy fraction a replica should run at when demand is turned into replicas, in (0, 1]
 * @param maxReplicas largest replica count the fleet search tries, >= 1
 * @param coldStartSeconds boot time billed for every replica added at a window edge, seconds, >= 0
 * @param minReplicas replicas kept in a window without arrivals, >= 0
 */
public record PlanSettings(double windowSeconds, double targetUtilisation, int maxReplicas, double coldStartSeconds,
    int minReplicas) implements java.io.Serializable {

  public PlanSettings {
    if (!(windowSeconds > 0) || Double.isInfinite(windowSeconds) || windowSeconds * 1e3 != Math.rint(windowSeconds * 1e3)) {
      throw new IllegalArgumentException("windowSeconds must be > 0 and a whole number of milliseconds, got " + windowSeconds);
    }
    if (!(targetUtilisation > 0 && targetUtilisation <= 1)) {
      throw new IllegalArgumentException("targetUtilisation must be in (0, 1], got " + targetUtilisation);
    }
    if (maxReplicas < 1) {
      throw new IllegalArgumentException("maxReplicas must be >= 1, got " + maxReplicas);
    }
    if (!(coldStartSeconds >= 0) || Double.isInfinite(coldStartSeconds)) {
      throw new IllegalArgumentException("coldStartSeconds must be finite and >= 0, got " + coldStartSeconds);
    }
    if (minReplicas < 0) {
      throw new IllegalArgumentException("minReplicas must be >= 0, got " + minReplicas);
    }
  }

  /** The window in whole milliseconds (LoadAccumulator's unit). */
  public long windowMillis() {
    return Math.round(windowSeconds * 1e3);
  }
}
