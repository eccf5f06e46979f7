package io.tokenfleet.bench;

import com.typesafe.config.Config;
import io.tokenfleet.config.ConfigLoader;
import io.tokenfleet.config.GpuCatalogConfig;
import io.tokenfleet.config.ModelCatalog;
import io.tokenfleet.config.PlanConfig;
import io.tokenfleet.config.TimeModelConfig;
import io.tokenfleet.cost.Deployment;
import io.tokenfleet.cost.RooflineStepTimer;
import io.tokenfleet.plan.ContinuousBatchingSimulator;
import io.tokenfleet.plan.ReplicaSummary;
import io.tokenfleet.plan.RequestTable;
import io.tokenfleet.plan.SchedulerConfig;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Simulator throughput: N synthetic requests in memory (lognormal lengths shaped like the Azure
 * LLM inference trace's conversation set, median prompt ~1020 and output ~129 tokens; Poisson
 * arrivals), one replica of llama-2-7b on one h100-sxm with the project's own roofline step timer
 * and scheduler from reference.conf (the catalog presets, the calibrated roofline, KV blocks
 * derived from the free memory), simulated on one thread. The arrival rate is calibrated so the
 * replica runs a time-weighted mean batch of {@code batch=B} sequences (default 32: a loaded
 * replica, where continuous batching does its work), or given as {@code rate=R}. Prints requests
 * simulated per second of wall time with the load it ran at (mean batch, latencies).
 *
 * <p>Usage: SimBench [requests=2000000] [batch=32 | rate=REQ_PER_S] [seed=1]
 */
public final class SimBench {
  private SimBench() {}

  static RequestTable trace(long seed, int n, double ratePerSecond) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long[] ids = new long[n];
    double[] arrivals = new double[n];
    int[] prompts = new int[n];
    int[] outputs = new int[n];
    int[] widths = new int[n];
    double t = 0;
    for (int i = 0; i < n; i++) {
      t += -Math.log(1 - rnd.nextDouble()) / ratePerSecond;
      ids[i] = i;
      arrivals[i] = t;
      // lognormal: median x exp(sigma x N(0,1)), clamped to the 7B's 4096-token context
      prompts[i] = (int) Math.max(1, Math.min(4000, Math.round(1020 * Math.exp(0.9 * gaussian(rnd)))));
      outputs[i] = (int) Math.max(1, Math.min(4096 - prompts[i], Math.round(129 * Math.exp(0.8 * gaussian(rnd)))));
      widths[i] = 1;
    }
    return RequestTable.of(ids, arrivals, prompts, outputs, widths);
  }

  private static double gaussian(SplittableRandom rnd) {
    // Box-Muller; SplittableRandom has no nextGaussian on Java 17
    double u = 1 - rnd.nextDouble();
    double v = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    String load = args.length > 1 ? args[1] : "batch=32";
    boolean fixedRate = load.startsWith("rate=");
    if (!fixedRate && !load.startsWith("batch=")) {
      throw new IllegalArgumentException("load must be batch=B or rate=REQ_PER_S, got " + load);
    }
    double batchTarget = fixedRate ? Double.NaN : Double.parseDouble(load.substring(6));
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    Config root = ConfigLoader.load();
    Deployment d = Deployment.of(ModelCatalog.fromConfig(root).get("llama-2-7b"), GpuCatalogConfig.from(root).get("h100-sxm"),
        1, 16);
    RooflineStepTimer timer = TimeModelConfig.from(root).models().byName("roofline").stepTimer(d);
    SchedulerConfig scheduler = PlanConfig.from(root).scheduler(d);
    ContinuousBatchingSimulator sim = new ContinuousBatchingSimulator(scheduler, timer);

    // Calibrate the arrival rate on 20000 requests by bisection on the mean batch (not timed): the busy fraction is
    // ~1 whenever anything decodes under continuous batching, so it says nothing about load.
    double lo = 0.01;
    double hi = 1000;
    for (int step = 0; step < (fixedRate ? 0 : 25); step++) {
      double mid = Math.sqrt(lo * hi);
      double batch = sim.summarize(trace(seed + 1, 20_000, mid)).meanBatchSequences();
      if (batch < batchTarget) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double rate = fixedRate ? Double.parseDouble(load.substring(5)) : Math.sqrt(lo * hi);
    RequestTable t = trace(seed, n, rate);
    // warm-up on a slice so the JIT has compiled the loop before the timed run
    sim.run(trace(seed + 2, Math.min(n, 200_000), rate));

    // summarize: what each replica task of the fleet search runs (no per-window timeline)
    long start = System.nanoTime();
    ReplicaSummary s = sim.summarize(t);
    double wall = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "requests            %d%n", n);
    System.out.printf(Locale.ROOT, "replica             llama-2-7b on h100-sxm:1, roofline from reference.conf%n");
    System.out.printf(Locale.ROOT, "arrival rate        %.3f req/s (%s)%n", rate,
        fixedRate ? "given" : String.format(Locale.ROOT, "calibrated to a mean batch of %.0f sequences", batchTarget));
    System.out.printf(Locale.ROOT, "kv capacity         %d blocks of %d tokens%n", scheduler.kvCapacityBlocks(),
        scheduler.blockSizeTokens());
    System.out.printf(Locale.ROOT, "simulated span      %.0f s%n", s.spanSeconds());
    System.out.printf(Locale.ROOT, "busy fraction       %.3f%n", s.utilisation());
    System.out.printf(Locale.ROOT, "iterations          %d%n", s.iterations());
    System.out.printf(Locale.ROOT, "mean batch (seqs)   %.2f, max %d%n", s.meanBatchSequences(), s.maxBatchSequences());
    System.out.printf(Locale.ROOT, "mean / max KV       %.3f / %.3f%n", s.meanKvFraction(), s.maxKvFraction());
    System.out.printf(Locale.ROOT, "preemptions         %d%n", s.preemptions());
    System.out.printf(Locale.ROOT, "TTFT p50 / p99      %.4f / %.4f s%n", s.ttft().quantile(0.5), s.ttft().quantile(0.99));
    System.out.printf(Locale.ROOT, "TPOT p50 / p99      %.4f / %.4f s%n", s.tpot().quantile(0.5), s.tpot().quantile(0.99));
    System.out.printf(Locale.ROOT, "wall time           %.2f s%n", wall);
    System.out.printf(Locale.ROOT, "throughput          %.0f requests/s of wall time (%.1fM per minute)%n", n / wall,
        n / wall * 60 / 1e6);
  }
}
