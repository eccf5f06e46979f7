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
 * @param routing how requests are spread over the replicas of a fleet
 * @param maxWindows most windows a model's arrivals may span (first to last arrival), >= 1: the
 *     load profile, timelines and autoscaling pass hold one entry per window, so a stray arrival
 *     far from the rest must be refused rather than sized
 */
public record PlanSettings(double windowSeconds, double targetUtilisation, int maxReplicas, double coldStartSeconds,
    int minReplicas, Router.Policy routing, int maxWindows) implements java.io.Serializable {

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
    if (routing == null) {
      throw new IllegalArgumentException("routing must not be null");
    }
    if (maxWindows < 1) {
      throw new IllegalArgumentException("maxWindows must be >= 1, got " + maxWindows);
    }
  }

  /**
   * Windows of {@code windowMillis} between the windows of the first and last arrival, inclusive
   * (floorDiv indices, so any two longs give an exact count; saturates at Long.MAX_VALUE).
   */
  public static long windowsSpanned(long firstArrivalMillis, long lastArrivalMillis, long windowMillis) {
    long first = Math.floorDiv(firstArrivalMillis, windowMillis);
    long last = Math.floorDiv(lastArrivalMillis, windowMillis);
    long difference = last - first;
    if ((last ^ first) < 0 && (difference ^ last) < 0) { // overflowed: possible only with 1 ms windows and huge times
      return Long.MAX_VALUE;
    }
    return difference == Long.MAX_VALUE ? Long.MAX_VALUE : difference + 1;
  }

  /** The window in whole milliseconds (LoadAccumulator's unit). */
  public long windowMillis() {
    return Math.round(windowSeconds * 1e3);
  }
}
