package io.tokenfleet.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Deterministic assignment of requests to R replicas, so each replica can be simulated on its
 * own (one Spark task per replica). The assignment depends only on the requests' (arrival, id)
 * order, which {@link RequestTable} fixes, never on the order rows were read in.
 *
 * <ul>
 *   <li>ROUND_ROBIN: the i-th request in arrival order goes to replica i mod R.</li>
 *   <li>LEAST_OUTSTANDING_WORK: each replica's predicted backlog drains at one second per second;
 *       a request goes to the replica with the least backlog at its arrival, among replicas
 *       without backlog the one idle longest (lowest index on a tie), whose backlog then grows
 *       by the request's predicted work ({@link Assigner}). The work function should give
 *       amortised replica-seconds (e.g. at the expected batch size), not batch-1 time.</li>
 * </ul>
 */
public final class Router {
  /** Routing policies, by their name in configuration ({@code tokenfleet.plan.routing}). */
  public enum Policy {
    ROUND_ROBIN("round-robin"),
    LEAST_OUTSTANDING_WORK("least-outstanding-work");

    private final String configName;

    Policy(String configName) {
      this.configName = configName;
    }

    /** e.g. {@code least-outstanding-work}. */
    public String configName() {
      return configName;
    }

    /** The router of this policy; {@code work} predicts each request's replica-seconds (unused by round-robin). */
    public Router create(RequestWork work) {
      return this == ROUND_ROBIN ? roundRobin() : leastOutstandingWork(work);
    }

    /** Every configuration name, in declaration order. */
    public static List<String> configNames() {
      return Arrays.stream(values()).map(Policy::configName).toList();
    }

    /** The policy named {@code name} in configuration (case-insensitive). */
    public static Policy byConfigName(String name) {
      String n = name.trim().toLowerCase(Locale.ROOT);
      for (Policy p : values()) {
        if (p.configName.equals(n)) {
          return p;
        }
      }
      throw new IllegalArgumentException("unknown routing '" + name + "' (known: " + String.join(", ", configNames()) + ")");
    }
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
    Assigner a = new Assigner(replicas);
    for (int i = 0; i < n; i++) {
      double seconds = work.seconds(t.promptTokens(i), t.outputTokens(i), t.width(i));
      if (!(seconds >= 0) || Double.isInfinite(seconds)) {
        throw new IllegalArgumentException("work of request " + t.id(i) + " must be finite and >= 0, got " + seconds);
      }
      replicaOf[i] = a.next(t.arrivalSeconds(i), seconds);
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

  /**
   * Least-outstanding-work assignment as a stream: feed requests in (arrival, id) order, get each
   * one's replica. Replica r is predicted busy until freeAt[r] (initially never); a request
   * arriving at a goes to the replica whose backlog max(0, freeAt - a) is least, and among those
   * without backlog to the one idle longest (earliest freeAt), lowest index on a tie: that is, to
   * the earliest freeAt. The replica's freeAt becomes max(freeAt, a) + work.
   *
   * <p>Why idle longest rather than lowest index among the idle: with amortised work a replica's
   * predicted backlog drains long before its requests finish decoding, so at moderate load most
   * arrivals find several replicas "idle"; sending them all to the lowest index packs the trace
   * onto as few replicas as its amortised work needs and leaves the rest empty (adding replicas
   * then changes nothing). Earliest-free spreads them like round-robin at low load and balances
   * predicted work at high load. A heap makes it O(log R) per request with O(R) state, so one
   * Spark task can route a 100M-request trace as it streams past.
   */
  public static final class Assigner {
    private final double[] freeAt;
    private final IndexHeap byFreeAt;

    public Assigner(int replicas) {
      if (replicas < 1) {
        throw new IllegalArgumentException("replicas must be >= 1, got " + replicas);
      }
      freeAt = new double[replicas];
      Arrays.fill(freeAt, Double.NEGATIVE_INFINITY);
      byFreeAt = new IndexHeap(replicas, freeAt);
      for (int r = 0; r < replicas; r++) {
        byFreeAt.push(r);
      }
    }

    /** The replica of the next request (arrivals must not decrease), which then holds {@code workSeconds} more. */
    public int next(double arrivalSeconds, double workSeconds) {
      int best = byFreeAt.pop();
      freeAt[best] = Math.max(freeAt[best], arrivalSeconds) + workSeconds;
      byFreeAt.push(best);
      return best;
    }
  }

  /** Binary min-heap of replica indices by (key[index], index). */
  private static final class IndexHeap {
    private final int[] heap;
    private final double[] key;
    private int size;

    IndexHeap(int capacity, double[] key) {
      heap = new int[capacity];
      this.key = key;
    }

    int size() {
      return size;
    }

    int peek() {
      return heap[0];
    }

    private boolean less(int a, int b) {
      if (key[a] != key[b]) {
        return key[a] < key[b];
      }
      return a < b;
    }

    void push(int x) {
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (!less(x, heap[parent])) {
          break;
        }
        heap[i] = heap[parent];
        i = parent;
      }
      heap[i] = x;
    }

    int pop() {
      int top = heap[0];
      int x = heap[--size];
      int i = 0;
      while (true) {
        int child = 2 * i + 1;
        if (child >= size) {
          break;
        }
        if (child + 1 < size && less(heap[child + 1], heap[child])) {
          child++;
        }
        if (!less(heap[child], x)) {
          break;
        }
        heap[i] = heap[child];
        i = child;
      }
      if (size > 0) {
        heap[i] = x;
      }
      return top;
    }
  }
}
