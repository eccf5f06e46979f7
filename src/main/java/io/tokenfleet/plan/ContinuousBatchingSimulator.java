package io.tokenfleet.plan;

import io.tokenfleet.cost.IterationShape;
import io.tokenfleet.cost.StepTimer;
import java.util.Arrays;

/**
 * Discrete-event simulation of one replica under iteration-level (continuous) batching, after
 * vLLM's scheduler (Kwon et al., SOSP 2023) and Vidur's trace-driven simulator (Agrawal et al.,
 * MLSys 2024). Time advances one iteration at a time; each iteration's duration is
 * {@link StepTimer#iterationSeconds} of the batch it holds; between bursts the clock jumps to the
 * next arrival.
 *
 * <p>One iteration, with chunked prefill (vLLM V1 / Sarathi-Serve):
 * <ol>
 *   <li>Every running request whose prompt is done decodes one token per sequence, in admission
 *       order. When its next position needs a KV block and none is free, the newest running
 *       request is preempted (blocks freed, put back at the front of the queue, recomputed later)
 *       until the block fits; if the newest is the request itself, it is preempted instead.</li>
 *   <li>The token budget left (maxNumBatchedTokens minus decode sequences) goes to prompts still
 *       being prefilled, oldest first, then to waiting requests admitted first-come-first-served
 *       while both the sequence cap and the KV blocks (less the watermark) allow; the last prompt
 *       may be cut into a chunk. Nothing is admitted in an iteration that preempted.</li>
 * </ol>
 * Without chunked prefill (vLLM V0): if the queue head can be admitted, the iteration holds only
 * whole prompts (FCFS while they fit the token budget; a prompt longer than the budget runs
 * alone) and running decodes wait; otherwise it is a decode iteration as in step 1.
 *
 * <p>KV accounting (paged, {@code blockSizeTokens} per block): a request of width k holds
 * ceil(P / B) prompt blocks once plus k x ceil(g / B) blocks for its g generated positions per
 * sequence; the prompt's blocks are allocated at admission. The M-th token is never fed, so a
 * request peaks at ceil(P / B) + k x ceil((M - 1) / B) blocks (as kernel.RequestBytes). Under a
 * sliding window W ({@link SchedulerConfig#slidingWindowTokens}) a block is freed once all its
 * positions are behind every sequence's last W ({@link SchedulerConfig#heldBlocks}), as vLLM's
 * sliding-window block manager frees them; a prompt longer than W is counted as already trimmed
 * to the window from admission on (vLLM frees its blocks chunk by chunk while prefilling, so
 * during that prefill it holds up to one chunk more than counted here).
 * A preempted request is recomputed: its next admission prefills P + k x g tokens (the prompt
 * once, each sequence's generated tokens) without producing a token, then decoding resumes;
 * decode tokens are therefore never repeated (sum k x (M - 1)), prefill tokens are the prompts
 * plus the recomputed tokens.
 *
 * <p>Iteration shape: prefillAttentionKeys sums, over fed prompt tokens, the positions each
 * attends to (a token at 1-based position t attends min(t, W) keys, t without a window);
 * decodeContextTokens sums, over decoding sequences, the cached positions read (min(P + j, W) - 1
 * at decode step j); logitTokens counts decoding sequences plus prompts finished this
 * iteration. These are the cost model's conventions (RequestCostModel), so a lone request's
 * simulated latencies are its batch-1 cost-model latencies.
 *
 * <p>Limits: one replica, no swapping to CPU, no prefix caching, no speculative decoding; the
 * step timer is assumed non-decreasing in every shape field (batch-1 latency is then a lower
 * bound). Allocation-free in the hot loop apart from one IterationShape per iteration.
 */
public final class ContinuousBatchingSimulator {
  private final SchedulerConfig config;
  private final StepTimer timer;

  public ContinuousBatchingSimulator(SchedulerConfig config, StepTimer timer) {
    if (config == null || timer == null) {
      throw new IllegalArgumentException("config and timer must not be null");
    }
    this.config = config;
    this.timer = timer;
  }

  public SchedulerConfig config() {
    return config;
  }

  public StepTimer timer() {
    return timer;
  }

  /** Peak KV blocks of request i ({@link SchedulerConfig#peakBlocks}): ceil(P / B) + k x ceil((M - 1) / B) without a window. */
  public long peakBlocks(RequestTable t, int i) {
    return config.peakBlocks(t.promptTokens(i), t.outputTokens(i), t.sequences(i));
  }

  /**
   * Throws IllegalArgumentException naming the first request that could never run on this
   * replica, even alone: KV blocks above capacity, or more sequences than maxNumSeqs.
   */
  public void checkFits(RequestTable t) {
    long capacity = config.kvCapacityBlocks();
    long watermark = config.watermarkBlocks();
    for (int i = 0; i < t.size(); i++) {
      long peak = peakBlocks(t, i);
      if (peak + watermark > capacity) {
        throw new IllegalArgumentException("request " + t.id(i) + " can never fit the KV cache: it needs " + peak
            + " blocks (" + t.promptTokens(i) + " prompt tokens + " + t.sequences(i) + " x " + (t.outputTokens(i) - 1)
            + " generated tokens at " + config.blockSizeTokens() + " tokens per block"
            + (config.slidingWindowTokens() > 0 ? ", window " + config.slidingWindowTokens() + " tokens" : "") + ")"
            + (watermark > 0 ? " plus the " + watermark + "-block admission watermark" : "")
            + ", but a replica holds " + capacity + " blocks");
      }
      if (t.sequences(i) > config.maxNumSeqs()) {
        throw new IllegalArgumentException("request " + t.id(i) + " has " + t.sequences(i)
            + " sequences but maxNumSeqs is " + config.maxNumSeqs());
      }
    }
  }

  public ReplicaResult run(RequestTable requests) {
    return run(requests, null);
  }

  /** Simulates the requests on one replica; the observer (may be null) sees every iteration and completion. */
  public ReplicaResult run(RequestTable requests, IterationObserver observer) {
    checkFits(requests);
    return new Run(requests, observer, true).execute();
  }

  /**
   * The summary of {@link #run} without the per-window timeline, whose arrays grow with the
   * simulated span: a probe of the fleet search on an overloaded fleet can run far past the trace.
   */
  public ReplicaSummary summarize(RequestTable requests) {
    checkFits(requests);
    return new Run(requests, null, false).execute().summary();
  }

  /** Keys attended by 1-based positions 1..n under window w (0 = none): sum of min(t, w). */
  static double keysUpTo(long n, int w) {
    if (w <= 0 || n <= w) {
      return n * (double) (n + 1) / 2;
    }
    return w * (double) (w + 1) / 2 + (double) (n - w) * w;
  }

  /** Sum of attended keys over 1-based positions from+1..to under window w (0 = none). */
  static double positionSum(long from, long to, int w) {
    return keysUpTo(to, w) - keysUpTo(from, w);
  }

  /**
   * Attention keys of the prefill tokens at offsets [from, to) of an attempt that feeds the prompt
   * (positions 1..P) then, when recomputing, one copy of positions P+1..P+g per sequence; window w
   * (0 = none).
   */
  static double prefillKeys(int prompt, long generated, long from, long to, int w) {
    return keysBefore(prompt, generated, to, w) - keysBefore(prompt, generated, from, w);
  }

  private static double keysBefore(int prompt, long generated, long offset, int w) {
    if (offset <= prompt) {
      return keysUpTo(offset, w);
    }
    long beyond = offset - prompt;
    long fullCopies = beyond / generated;
    long rest = beyond % generated;
    return keysUpTo(prompt, w) + fullCopies * positionSum(prompt, prompt + generated, w)
        + positionSum(prompt, prompt + rest, w);
  }

  /** Cached positions one sequence reads at decode step j (the token at P + j attends min(P + j, W) keys, itself included). */
  static long decodeContext(int prompt, long step, int w) {
    long position = prompt + step;
    return (w > 0 ? Math.min(position, w) : position) - 1;
  }

  /** The mutable state of one simulation. */
  private final class Run {
    private final RequestTable t;
    private final IterationObserver observer;
    private final int n;
    private final double[] arrival;
    private final int[] prompt;
    private final int[] output;
    private final int[] seqs;
    // per request
    private final long[] fed;
    private final long[] target;
    private final int[] produced;
    private final long[] blocks;
    private final int[] preemptions;
    private final long[] prefillFed;
    private final double[] admittedAt;
    private final double[] firstTokenAt;
    private final double[] ttft;
    private final double[] tpot;
    private final double[] e2e;
    private final boolean[] done;
    // queues
    private final IntDeque waiting;
    private int[] runList = new int[64];
    private int runCount;
    private int runningSeqs;
    private long freeBlocks;
    // the iteration being built
    private int[] decReq = new int[64];
    private int decCount;
    private int[] preReq = new int[64];
    private long[] preChunk = new long[64];
    private int preCount;
    private long shapePrefillTokens;
    private double shapePrefillKeys;
    private int shapeDecodeSeqs;
    private double shapeDecodeContext;
    private int shapeLogits;
    private boolean preemptedThisIteration;
    /** Start of the iteration being built, seconds. */
    private double clock;
    // totals
    private long prefillTokensTotal;
    private long decodeTokensTotal;
    private long iterations;
    private double busySeconds;
    private double batchSequenceSeconds;
    private double kvFractionSeconds;
    private int maxBatch;
    private double maxKv;
    private final TimelineBuilder timeline;
    private final int window;

    Run(RequestTable t, IterationObserver observer, boolean withTimeline) {
      this.t = t;
      this.observer = observer;
      n = t.size();
      arrival = new double[n];
      prompt = new int[n];
      output = new int[n];
      seqs = new int[n];
      fed = new long[n];
      target = new long[n];
      produced = new int[n];
      blocks = new long[n];
      preemptions = new int[n];
      prefillFed = new long[n];
      admittedAt = new double[n];
      firstTokenAt = new double[n];
      ttft = new double[n];
      tpot = new double[n];
      e2e = new double[n];
      done = new boolean[n];
      for (int i = 0; i < n; i++) {
        arrival[i] = t.arrivalSeconds(i);
        prompt[i] = t.promptTokens(i);
        output[i] = t.outputTokens(i);
        seqs[i] = t.sequences(i);
        target[i] = prompt[i];
        admittedAt[i] = Double.NaN;
      }
      waiting = new IntDeque(1024);
      freeBlocks = config.kvCapacityBlocks();
      timeline = withTimeline ? new TimelineBuilder(config.timelineWindowMillis(), n == 0 ? 0 : arrival[0]) : null;
      window = config.slidingWindowTokens();
    }

    ReplicaResult execute() {
      int next = 0;
      int finished = 0;
      double now = n == 0 ? 0 : arrival[0];
      long capacity = config.kvCapacityBlocks();
      while (finished < n) {
        while (next < n && arrival[next] <= now) {
          waiting.addLast(next++);
        }
        if (runCount == 0 && waiting.isEmpty()) {
          now = arrival[next];
          continue;
        }
        clock = now;
        buildIteration();
        if (preCount == 0 && decCount == 0) {
          if (preemptedThisIteration) {
            continue; // admit again next round with the freed blocks
          }
          throw new IllegalStateException("scheduler stalled at " + now + " s with " + runCount + " running and "
              + waiting.size() + " waiting requests, " + freeBlocks + " free blocks");
        }
        IterationShape shape = new IterationShape(shapePrefillTokens, shapePrefillKeys, shapeDecodeSeqs,
            shapeDecodeContext, shapeLogits);
        double dt = timer.iterationSeconds(shape);
        if (!(dt >= 0) || Double.isInfinite(dt)) {
          throw new IllegalStateException("step timer returned " + dt + " seconds for " + shape);
        }
        long used = capacity - freeBlocks;
        double kvFraction = (double) used / capacity;
        int batch = shapeDecodeSeqs + preCount;
        if (observer != null) {
          observer.onIteration(now, shape, dt, used, next - finished);
        }
        iterations++;
        busySeconds += dt;
        batchSequenceSeconds += batch * dt;
        kvFractionSeconds += kvFraction * dt;
        maxBatch = Math.max(maxBatch, batch);
        maxKv = Math.max(maxKv, kvFraction);
        if (timeline != null) {
          timeline.add(now, dt, batch, kvFraction);
        }
        prefillTokensTotal += shapePrefillTokens;
        decodeTokensTotal += shapeDecodeSeqs;
        now += dt;
        finished += applyIteration(now);
      }
      return result();
    }

    private void buildIteration() {
      decCount = 0;
      preCount = 0;
      shapePrefillTokens = 0;
      shapePrefillKeys = 0;
      shapeDecodeSeqs = 0;
      shapeDecodeContext = 0;
      shapeLogits = 0;
      preemptedThisIteration = false;
      if (!config.chunkedPrefill()) {
        long budget = config.maxNumBatchedTokens();
        while (!waiting.isEmpty()) {
          int h = waiting.peekFirst();
          if (preCount > 0 && target[h] > budget) {
            break;
          }
          if (!canAdmit(h)) {
            break;
          }
          admit(h);
          schedulePrefill(h, target[h]);
          budget -= target[h];
        }
        if (preCount == 0) {
          decodePhase();
        }
        return;
      }
      decodePhase();
      long budget = (long) config.maxNumBatchedTokens() - shapeDecodeSeqs;
      for (int idx = 0; idx < runCount && budget > 0; idx++) {
        int r = runList[idx];
        if (fed[r] < target[r]) {
          long chunk = Math.min(target[r] - fed[r], budget);
          schedulePrefill(r, chunk);
          budget -= chunk;
        }
      }
      if (preemptedThisIteration) {
        return;
      }
      while (budget > 0 && !waiting.isEmpty()) {
        int h = waiting.peekFirst();
        if (!canAdmit(h)) {
          break;
        }
        admit(h);
        long chunk = Math.min(target[h], budget);
        schedulePrefill(h, chunk);
        budget -= chunk;
      }
    }

    private void decodePhase() {
      for (int idx = 0; idx < runCount; idx++) {
        int r = runList[idx];
        if (fed[r] < target[r]) {
          continue;
        }
        int k = seqs[r];
        int nProduced = produced[r];
        // this step writes generated position nProduced of each sequence; under a window it may free blocks (need < 0)
        long need = window == 0 ? k * (config.blocksFor(nProduced) - config.blocksFor(nProduced - 1L))
            : config.heldBlocks(prompt[r], nProduced, k) - config.heldBlocks(prompt[r], nProduced - 1L, k);
        boolean selfPreempted = false;
        while (need > freeBlocks) {
          int victim = runList[runCount - 1];
          preempt(victim);
          if (victim == r) {
            selfPreempted = true;
            break;
          }
        }
        if (selfPreempted) {
          break;
        }
        freeBlocks -= need;
        blocks[r] += need;
        if (decCount == decReq.length) {
          decReq = Arrays.copyOf(decReq, decCount * 2);
        }
        decReq[decCount++] = r;
        shapeDecodeSeqs += k;
        shapeDecodeContext += (double) k * decodeContext(prompt[r], nProduced, window);
      }
      shapeLogits += shapeDecodeSeqs;
    }

    private long admissionBlocks(int r) {
      long generated = produced[r] > 0 ? produced[r] - 1L : 0;
      return config.heldBlocks(prompt[r], generated, seqs[r]);
    }

    private boolean canAdmit(int r) {
      return runningSeqs + seqs[r] <= config.maxNumSeqs()
          && freeBlocks - admissionBlocks(r) >= config.watermarkBlocks();
    }

    private void admit(int r) {
      waiting.pollFirst();
      if (runCount == runList.length) {
        runList = Arrays.copyOf(runList, runCount * 2);
      }
      runList[runCount++] = r;
      runningSeqs += seqs[r];
      long b = admissionBlocks(r);
      blocks[r] = b;
      freeBlocks -= b;
      fed[r] = 0;
      if (Double.isNaN(admittedAt[r])) {
        admittedAt[r] = clock;
      }
    }

    private void schedulePrefill(int r, long chunk) {
      if (preCount == preReq.length) {
        preReq = Arrays.copyOf(preReq, preCount * 2);
        preChunk = Arrays.copyOf(preChunk, preCount * 2);
      }
      preReq[preCount] = r;
      preChunk[preCount] = chunk;
      preCount++;
      shapePrefillTokens += chunk;
      long generated = produced[r] > 0 ? produced[r] - 1L : 0;
      shapePrefillKeys += prefillKeys(prompt[r], generated, fed[r], fed[r] + chunk, window);
      if (fed[r] + chunk == target[r] && produced[r] == 0) {
        shapeLogits++;
      }
    }

    private void preempt(int victim) {
      runCount--;
      freeBlocks += blocks[victim];
      blocks[victim] = 0;
      runningSeqs -= seqs[victim];
      preemptions[victim]++;
      target[victim] = produced[victim] == 0 ? prompt[victim] : prompt[victim] + (long) seqs[victim] * (produced[victim] - 1);
      fed[victim] = 0;
      waiting.addFirst(victim);
      preemptedThisIteration = true;
    }

    /** Applies the iteration that ended at {@code end}; returns the requests it finished. */
    private int applyIteration(double end) {
      int finishedNow = 0;
      for (int j = 0; j < preCount; j++) {
        int r = preReq[j];
        fed[r] += preChunk[j];
        prefillFed[r] += preChunk[j];
        if (fed[r] == target[r] && produced[r] == 0) {
          produced[r] = 1;
          firstTokenAt[r] = end;
          ttft[r] = end - arrival[r];
          if (output[r] == 1) {
            finish(r, end);
            finishedNow++;
          }
        }
      }
      for (int j = 0; j < decCount; j++) {
        int r = decReq[j];
        produced[r]++;
        if (produced[r] == output[r]) {
          finish(r, end);
          finishedNow++;
        }
      }
      if (finishedNow > 0) {
        int kept = 0;
        for (int idx = 0; idx < runCount; idx++) {
          int r = runList[idx];
          if (!done[r]) {
            runList[kept++] = r;
          }
        }
        runCount = kept;
      }
      return finishedNow;
    }

    private void finish(int r, double end) {
      if (done[r]) {
        throw new IllegalStateException("request " + t.id(r) + " finished twice (at " + e2e[r] + " s and " + (end - arrival[r])
            + " s after arrival)");
      }
      done[r] = true;
      if (observer != null) {
        observer.onCompletion(r, end);
      }
      freeBlocks += blocks[r];
      blocks[r] = 0;
      runningSeqs -= seqs[r];
      e2e[r] = end - arrival[r];
      tpot[r] = output[r] > 1 ? (end - firstTokenAt[r]) / (output[r] - 1) : Double.NaN;
    }

    private ReplicaResult result() {
      ReplicaSummary s = ReplicaSummary.empty();
      double[] queueing = new double[n];
      long[] recomputed = new long[n];
      long preemptionTotal = 0;
      double last = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        queueing[i] = admittedAt[i] - arrival[i];
        recomputed[i] = prefillFed[i] - prompt[i];
        preemptionTotal += preemptions[i];
        last = Math.max(last, arrival[i] + e2e[i]);
        s.ttft.add(ttft[i]);
        s.tpot.add(tpot[i]);
        s.e2e.add(e2e[i]);
        s.queueing.add(queueing[i]);
      }
      s.replicas = 1;
      s.requests = n;
      s.promptTokens = t.totalPromptTokens();
      s.outputTokens = t.totalOutputTokens();
      s.prefillTokensComputed = prefillTokensTotal;
      s.recomputedPrefillTokens = prefillTokensTotal - s.promptTokens;
      s.decodeTokensComputed = decodeTokensTotal;
      s.preemptions = preemptionTotal;
      s.iterations = iterations;
      s.busySeconds = busySeconds;
      if (n > 0) {
        s.firstArrivalSeconds = arrival[0];
        s.lastCompletionSeconds = last;
        s.replicaSpanSeconds = last - arrival[0];
      }
      s.batchSequenceSeconds = batchSequenceSeconds;
      s.kvFractionSeconds = kvFractionSeconds;
      s.maxBatchSequences = maxBatch;
      s.maxKvFraction = maxKv;
      return new ReplicaResult(t, ttft, tpot, e2e, queueing, preemptions, recomputed, s,
          timeline == null ? null : timeline.build());
    }
  }
}
