package io.tokenfleet.plan;

/**
 * What one or more replicas did in one window: sums that add across replicas and extremes that
 * take the max, so a fleet's window is the merge of its replicas'. Sums are whole microseconds
 * (each replica's window rounded once), so merging is exact in any order and a Spark job's
 * result does not depend on how it grouped the replicas.
 *
 * @param busyMicros microseconds spent in iterations, summed over replicas
 * @param batchSequenceMicros integral over time of sequences per iteration, in sequence-microseconds, summed over replicas
 * @param kvFractionMicros integral over time of KV occupancy (blocks used / capacity), in microseconds, summed over replicas
 * @param maxBatchSequences largest batch of any iteration in the window
 * @param maxKvFraction highest KV occupancy of any replica in the window
 */
public record WindowActivity(long busyMicros, long batchSequenceMicros, long kvFractionMicros, int maxBatchSequences,
    double maxKvFraction) implements java.io.Serializable {

  /** A window in which nothing ran. */
  public static final WindowActivity IDLE = new WindowActivity(0, 0, 0, 0, 0);

  /** One replica's window from its time integrals in seconds. */
  public static WindowActivity ofSeconds(double busySeconds, double batchSequenceSeconds, double kvFractionSeconds,
      int maxBatchSequences, double maxKvFraction) {
    return new WindowActivity(Math.round(busySeconds * 1e6), Math.round(batchSequenceSeconds * 1e6),
        Math.round(kvFractionSeconds * 1e6), maxBatchSequences, maxKvFraction);
  }

  public WindowActivity plus(WindowActivity o) {
    return new WindowActivity(Math.addExact(busyMicros, o.busyMicros), Math.addExact(batchSequenceMicros, o.batchSequenceMicros),
        Math.addExact(kvFractionMicros, o.kvFractionMicros), Math.max(maxBatchSequences, o.maxBatchSequences),
        Math.max(maxKvFraction, o.maxKvFraction));
  }

  /** Busy replica-seconds / (replicas x window): the fleet's busy fraction in the window. */
  public double busyFraction(int replicas, double windowSeconds) {
    return busyMicros / 1e6 / (replicas * windowSeconds);
  }

  /** Time-weighted mean sequences per iteration per replica over the window, idle time counting 0. */
  public double meanBatchSequences(int replicas, double windowSeconds) {
    return batchSequenceMicros / 1e6 / (replicas * windowSeconds);
  }

  /** Time-weighted mean KV occupancy per replica over the window, idle time counting 0. */
  public double meanKvFraction(int replicas, double windowSeconds) {
    return kvFractionMicros / 1e6 / (replicas * windowSeconds);
  }
}
