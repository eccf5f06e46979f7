package io.tokenfleet.cost.calibration;

import io.tokenfleet.cost.Deployment;
import io.tokenfleet.cost.GpuSpec;
import io.tokenfleet.cost.RequestCostModel;
import io.tokenfleet.cost.RequestTiming;
import io.tokenfleet.cost.RooflineStepTimer;
import io.tokenfleet.cost.RooflineTimeModel;
import io.tokenfleet.kernel.DecodingStrategy;
import io.tokenfleet.kernel.Dtype;
import io.tokenfleet.kernel.FlopsCoefficients;
import io.tokenfleet.kernel.KvSharing;
import io.tokenfleet.kernel.ModelSpec;
import io.tokenfleet.kernel.RequestBytes;
import io.tokenfleet.kernel.RequestFlops;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits the roofline time model's six factors to measured prefill and decode step times.
 *
 * <p>Exclusion rule (physics, not fit quality): a row is excluded when its prefill would need more
 * than the replica's peak FLOP/s (B x prefill FLOPs / prompt_time > tp x peak), or its mean decode
 * step would need more than the replica's peak memory bandwidth (weight bytes / token_time > tp x
 * bandwidth). Such a time cannot have been measured on that hardware.
 *
 * <p>Fit: minimise the mean of the prompt_time and token_time mean absolute percentage errors
 * (MAPE) over the kept rows, by a deterministic multiplicative coordinate search: for each factor
 * in turn try x s and / s (efficiencies clamped to (0, 1], latencies to >= 1 ns), keep any
 * improvement, and when a full round improves nothing set s = sqrt(s); start at s = 2 and stop
 * when s < 1.0001. The search is run from three fixed starting points and the best result is kept.
 */
public final class Calibration {
  private Calibration() {}

  /** Lower bound for the two latency factors, seconds: lets the search get near 0 multiplicatively. */
  private static final double MIN_SECONDS = 1e-9;

  /** One row's verdict and, when kept, its predictions. */
  public record RowResult(MeasuredStep row, String exclusion, double predictedPromptSeconds, double predictedTokenSeconds) {

    public boolean kept() {
      return exclusion.isEmpty();
    }

    /** (predicted - measured) / measured for prompt_time. */
    public double promptRelativeError() {
      return predictedPromptSeconds / row.promptSeconds() - 1;
    }

    /** (predicted - measured) / measured for token_time. */
    public double tokenRelativeError() {
      return predictedTokenSeconds / row.tokenSeconds() - 1;
    }
  }

  /**
   * The outcome of a fit.
   *
   * @param model the fitted roofline factors
   * @param rows every input row with its verdict, in input order
   * @param excluded rows excluded by the physical rule
   * @param promptMape mean |relative error| of prompt_time over kept rows
   * @param tokenMape mean |relative error| of token_time over kept rows
   */
  public record Result(RooflineTimeModel model, List<RowResult> rows, int excluded, double promptMape, double tokenMape) {

    /** (promptMape + tokenMape) / 2: the objective the fit minimises. */
    public double meanMape() {
      return (promptMape + tokenMape) / 2;
    }
  }

  /** Why a row cannot be physical on {@code tp} x {@code gpu}, or "" when it can. */
  public static String exclusion(MeasuredStep r, ModelSpec spec, GpuSpec gpu, Dtype weightDtype) {
    double peak = r.tensorParallel() * gpu.flopsPerSecond(weightDtype);
    double prefillFlops = r.batch() * RequestFlops.of(FlopsCoefficients.of(spec), r.promptTokens(), 1, DecodingStrategy.GREEDY)
        .prefillFlops();
    double impliedFlopsPerSecond = prefillFlops / r.promptSeconds();
    if (impliedFlopsPerSecond > peak) {
      return String.format(java.util.Locale.ROOT, "prefill implies %.3g FLOP/s > peak %.3g of %d GPUs",
          impliedFlopsPerSecond, peak, r.tensorParallel());
    }
    double bandwidth = r.tensorParallel() * gpu.memoryBytesPerSecond();
    double impliedBytesPerSecond = RequestBytes.weightBytes(spec, weightDtype) / r.tokenSeconds();
    if (impliedBytesPerSecond > bandwidth) {
      return String.format(java.util.Locale.ROOT, "decode implies %.3g B/s > peak bandwidth %.3g of %d GPUs",
          impliedBytesPerSecond, bandwidth, r.tensorParallel());
    }
    return "";
  }

  /** Predictions and errors of {@code model} on {@code rows} (no fitting). */
  public static Result evaluate(RooflineTimeModel model, List<MeasuredStep> rows, ModelSpec spec, GpuSpec gpu) {
    Map<Integer, Deployment> deployments = new HashMap<>();
    Map<Integer, RooflineStepTimer> timers = new HashMap<>();
    List<RowResult> out = new ArrayList<>(rows.size());
    double promptSum = 0;
    double tokenSum = 0;
    int kept = 0;
    int excluded = 0;
    for (MeasuredStep r : rows) {
      String why = exclusion(r, spec, gpu, Dtype.BF16);
      if (!why.isEmpty()) {
        out.add(new RowResult(r, why, Double.NaN, Double.NaN));
        excluded++;
        continue;
      }
      Deployment d = deployments.computeIfAbsent(r.tensorParallel(), tp -> new Deployment(spec, gpu, tp, Dtype.BF16,
          Dtype.BF16, Integer.MAX_VALUE, KvSharing.SHARED_PROMPT, 0.0));
      RooflineStepTimer timer = timers.computeIfAbsent(r.tensorParallel(), tp -> model.stepTimer(d));
      // token_size includes the first token (from prefill), so token_time averages token_size - 1 decode steps.
      long outputTokens = Math.max(2, r.outputTokens());
      RequestTiming t = RequestCostModel.estimate(r.promptTokens(), outputTokens, DecodingStrategy.GREEDY, d, timer, r.batch());
      RowResult rr = new RowResult(r, "", t.ttftSeconds(), t.tpotSeconds());
      out.add(rr);
      promptSum += Math.abs(rr.promptRelativeError());
      tokenSum += Math.abs(rr.tokenRelativeError());
      kept++;
    }
    if (kept == 0) {
      throw new IllegalArgumentException("no calibration row is physically possible on " + gpu.id() + " (" + excluded + " excluded)");
    }
    return new Result(model, List.copyOf(out), excluded, promptSum / kept, tokenSum / kept);
  }

  /** Fits the six factors (see the class comment); {@code start} only supplies the activation bytes. */
  public static Result fit(List<MeasuredStep> rows, ModelSpec spec, GpuSpec gpu, RooflineTimeModel start) {
    // Fixed, spread-out starting points (not the configured factors, so the fit is reproducible
    // whatever reference.conf says); the best local minimum of the non-smooth MAPE is kept.
    Result best = null;
    double[][] starts = {
        {0.5, 0.3, 0.8, 0.5, 5e-6, 5e-3},
        {0.8, 0.1, 1.0, 0.1, 1e-5, 1e-2},
        {0.3, 0.5, 0.5, 1.0, 1e-6, 1e-3}};
    for (double[] s : starts) {
      RooflineTimeModel m = new RooflineTimeModel(s[0], s[1], s[2], s[3], s[4], s[5], start.activationBytesPerElement());
      Result r = search(rows, spec, gpu, m);
      if (best == null || r.meanMape() < best.meanMape()) {
        best = r;
      }
    }
    return best;
  }

  private static Result search(List<MeasuredStep> rows, ModelSpec spec, GpuSpec gpu, RooflineTimeModel start) {
    Result best = evaluate(start, rows, spec, gpu);
    double step = 2.0;
    while (step >= 1.0001) {
      boolean improved = false;
      for (int i = 0; i < 6; i++) {
        for (double factor : new double[] {step, 1 / step}) {
          double[] v = best.model().toArray();
          double candidate = clamp(i, v[i] * factor);
          if (candidate == v[i]) {
            continue;
          }
          Result r = evaluate(best.model().with(i, candidate), rows, spec, gpu);
          if (r.meanMape() < best.meanMape() - 1e-12) {
            best = r;
            improved = true;
            break;
          }
        }
      }
      if (!improved) {
        step = Math.sqrt(step);
      }
    }
    return best;
  }

  private static double clamp(int index, double value) {
    return index < 4 ? Math.min(1.0, value) : Math.max(MIN_SECONDS, value);
  }
}
