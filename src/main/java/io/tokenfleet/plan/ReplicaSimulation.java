package io.tokenfleet.plan;

/**
 * Simulates one replica's share of a trace and returns its mergeable summary. The planner calls
 * replicas only through this interface, so the search runs the same in a unit test (in-process)
 * and in the Spark runner (one task per replica, summaries reduced with
 * {@link ReplicaSummary#merge}).
 */
public interface ReplicaSimulation {

  /** Summary of one replica serving exactly these requests. */
  ReplicaSummary simulate(RequestTable replicaRequests);

  /**
   * Latencies of each request served alone on an idle replica (batch size 1), a lower bound on
   * the latencies any number of replicas can reach; null when the implementation cannot tell.
   */
  default ReplicaSummary aloneLatencies(RequestTable requests) {
    return null;
  }

  /**
   * Fewer replicas than this cannot meet {@code slo} on {@code requests} (a proven lower bound,
   * {@link CapacityLowerBound}), >= 1; 1 when the implementation cannot tell.
   */
  default int minimumReplicas(RequestTable requests, Slo slo) {
    return 1;
  }

  /** In-process simulation with the continuous-batching simulator. */
  static ReplicaSimulation of(ContinuousBatchingSimulator simulator) {
    return new ReplicaSimulation() {
      @Override
      public ReplicaSummary simulate(RequestTable replicaRequests) {
        return simulator.summarize(replicaRequests);
      }

      @Override
      public ReplicaSummary aloneLatencies(RequestTable requests) {
        return AloneLatency.summarize(simulator.config(), simulator.timer(), requests);
      }

      @Override
      public int minimumReplicas(RequestTable requests, Slo slo) {
        CapacityLowerBound b = CapacityLowerBound.of(simulator.config(), simulator.timer(), requests);
        return b == null ? 1 : b.minimumReplicas(slo);
      }
    };
  }
}
