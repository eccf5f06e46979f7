package io.tokenfleet.bench;

import io.tokenfleet.cost.IterationShape;
import io.tokenfleet.cost.StepTimer;
import io.tokenfleet.plan.ContinuousBatchingSimulator;
import io.tokenfleet.plan.ReplicaResult;
import io.tokenfleet.plan.ReplicaSummary;
import io.tokenfleet.plan.RequestTable;
import io.tokenfleet.plan.SchedulerConfig;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Simulator throughput: N synthetic requests in memory (lognormal lengths shaped like the Azure
 * LLM inference trace's conversation set, median prompt ~1020 and output ~129 tokens; Poisson
 * arrivals at the rate that keeps one replica ~70% busy), one 7B-like replica on an H100-like
 * roofline, simulated on one thread. Prints requests simulated per second of wall time.
 *
 * <p>Usage: SimBench [requests=2000000] [busyTarget=0.7 | rate=REQ_PER_S] [seed=1]
 */
public final class SimBench {
  private SimBench() {}

  // Llama-2-7B (Touvron et al. 2023): 6.74e9 parameters, 32 layers, d_model 4096, 32 KV heads x 128.
  private static final double PARAMETERS = 6.74e9;
  private static final double LINEAR_FLOPS_PER_TOKEN = 2 * PARAMETERS; // 2 FLOPs per weight per token (Kaplan et al. 2020)
  private static final double ATTENTION_FLOPS_PER_KEY = 4.0 * 32 * 4096; // QK^T and AV, 2 FLOPs per MAC, per layer
  private static final double WEIGHT_BYTES = 2 * PARAMETERS; // bf16
  private static final double KV_BYTES_PER_TOKEN = 2.0 * 32 * 4096 * 2; // K and V, 32 layers, 4096, bf16 = 524288
  // H100 SXM: 989e12 dense bf16 FLOP/s, 3.35e12 B/s HBM3; assumed 60% and 80% achievable.
  private static final double FLOPS_PER_SECOND = 0.6 * 989e12;
  private static final double BYTES_PER_SECOND = 0.8 * 3.35e12;
  private static final double OVERHEAD_SECONDS = 0.001; // scheduler + launch per iteration
  // (80e9 - 13.5e9 weights - ~6.5e9 activations) / 524288 B per token / 16 tokens per block ~ 7150 blocks
  private static final long KV_BLOCKS = (long) ((80e9 - WEIGHT_BYTES - 6.5e9) / KV_BYTES_PER_TOKEN / 16);

  /** Roofline: max(compute, memory) + overhead. */
  record Roofline7B() implements StepTimer {
    @Override
    public double iterationSeconds(IterationShape s) {
      if (s.isEmpty()) {
        return 0;
      }
      double flops = LINEAR_FLOPS_PER_TOKEN * (s.prefillTokens() + s.decodeSequences())
          + ATTENTION_FLOPS_PER_KEY * (s.prefillAttentionKeys() + s.decodeContextTokens());
      double bytes = WEIGHT_BYTES + KV_BYTES_PER_TOKEN * (s.decodeContextTokens() + s.prefillTokens() + s.decodeSequences());
      return Math.max(flops / FLOPS_PER_SECOND, bytes / BYTES_PER_SECOND) + OVERHEAD_SECONDS;
    }
  }

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
    String load = args.length > 1 ? args[1] : "0.7";
    boolean fixedRate = load.startsWith("rate=");
    double busyTarget = fixedRate ? Double.NaN : Double.parseDouble(load);
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    ContinuousBatchingSimulator sim = new ContinuousBatchingSimulator(SchedulerConfig.defaults(KV_BLOCKS), new Roofline7B());

    // Calibrate the arrival rate on 20000 requests by bisection on the busy fraction (not timed).
    double lo = 0.01;
    double hi = 100;
    for (int step = 0; step < (fixedRate ? 0 : 20); step++) {
      double mid = Math.sqrt(lo * hi);
      double busy = sim.run(trace(seed + 1, 20_000, mid)).summary().utilisation();
      if (busy < busyTarget) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double rate = fixedRate ? Double.parseDouble(load.substring(5)) : Math.sqrt(lo * hi);
    RequestTable t = trace(seed, n, rate);
    // warm-up on a slice so the JIT has compiled the loop before the timed run
    sim.run(trace(seed + 2, Math.min(n, 200_000), rate));

    long start = System.nanoTime();
    ReplicaResult r = sim.run(t);
    double wall = (System.nanoTime() - start) / 1e9;
    ReplicaSummary s = r.summary();
    System.out.printf(Locale.ROOT, "requests            %d%n", n);
    System.out.printf(Locale.ROOT, "arrival rate        %.3f req/s (%s)%n", rate,
        fixedRate ? "given" : String.format(Locale.ROOT, "calibrated to %.0f%% busy", busyTarget * 100));
    System.out.printf(Locale.ROOT, "kv capacity         %d blocks of 16 tokens%n", KV_BLOCKS);
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
