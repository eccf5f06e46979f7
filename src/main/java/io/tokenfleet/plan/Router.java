package io.tokenfleet.plan;

/**
 * Deterministic assignment of requests to R replicas, so each replica can be simulated on its
 * own (one Spark task per replica). The assignment depends only on the requests' (arrival, id)
 * order, which {@link RequestTable} fixes, never on the order rows were read in.
 *
 * <ul>
 *   <li>ROUND_ROBIN: the i-th request in arrival order goes to replica i mod R.</li>
 *   <li>LEAST_OUTSTANDING_WORK: each replica's predicted backlog drains at one second per second;
 *       a request goes to the replica with the least backlog at its arrival (lowest index on a
 *       tie), whose backlog then grows by the request's predicted work. The work function should
 *       give amortised replica-seconds (e.g. at the expected batch size), not batch-1 time.</li>
 * </ul>
 */
public final class Router {
  /** Routing policies. */
  public enum Policy {
    ROUND_ROBIN,
    LEAST_OUTSTANDING_WORK
  }

  private final Policy policy;
  private final RequestWork work;

  private Router(Policy policy, RequestWork work) {
    this.policy = policy;
    this.work = work;
  }

  public static Router roundRobin() {
    return new Router(Policy.ROUND_ROBIN, null);
  }

  /** Least outstanding work, as predicted in replica-seconds by {@code work}. */
  public static Router leastOutstandingWork(RequestWork work) {
    if (work == null) {
      throw new IllegalArgumentException("work must not be null for LEAST_OUTSTANDING_WORK routing");
    }
    return new Router(Policy.LEAST_OUTSTANDING_WORK, work);
  }

  public Policy policy() {
    return policy;
  }

  /** Replica index in [0, replicas) of every row of {@code t}. */
  public int[] assign(RequestTable t, int replicas) {
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas must be >= 1, got " + replicas);
    }
    int n = t.size();
    int[] replicaOf = new int[n];
    if (policy == Policy.ROUND_ROBIN) {
      for (int i = 0; i < n; i++) {
        replicaOf[i] = i % replicas;
      }
      return replicaOf;
    }
    double[] freeAt = new double[replicas];
    java.util.Arrays.fill(freeAt, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < n; i++) {
      double a = t.arrivalSeconds(i);
      int best = 0;
      double bestBacklog = Double.POSITIVE_INFINITY;
      for (int r = 0; r < replicas; r++) {
        double backlog = Math.max(0, freeAt[r] - a);
        if (backlog < bestBacklog) {
          bestBacklog = backlog;
          best = r;
        }
      }
      double seconds = work.seconds(t.promptTokens(i), t.outputTokens(i), t.width(i));
      if (!(seconds >= 0) || Double.isInfinite(seconds)) {
        throw new IllegalArgumentException("work of request " + t.id(i) + " must be finite and >= 0, got " + seconds);
      }
      freeAt[best] = Math.max(freeAt[best], a) + seconds;
      replicaOf[i] = best;
    }
    return replicaOf;
  }

  /** The requests of each replica, in arrival order. */
  public RequestTable[] split(RequestTable t, int replicas) {
    int[] replicaOf = assign(t, replicas);
    int[] counts = new int[replicas];
    for (int r : replicaOf) {
      counts[r]++;
    }
    int[][] rows = new int[replicas][];
    for (int r = 0; r < replicas; r++) {
      rows[r] = new int[counts[r]];
    }
    int[] fill = new int[replicas];
    for (int i = 0; i < replicaOf.length; i++) {
      int r = replicaOf[i];
      rows[r][fill[r]++] = i;
    }
    RequestTable[] parts = new RequestTable[replicas];
    for (int r = 0; r < replicas; r++) {
      parts[r] = t.select(rows[r]);
    }
    return parts;
  }
}
