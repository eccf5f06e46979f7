package io.tokenfleet.cost;

import io.tokenfleet.kernel.FlopsCoefficients;

/**
 * Roofline step time with tensor parallelism (see docs/cost-model.md):
 *
 * <pre>
 * compute  = prefill FLOPs / (tp peak mfuPrefill) + decode FLOPs / (tp peak mfuDecode)
 * memory   = (weight bytes + cached KV bytes read) / (tp bandwidth mbu)
 * allreduce= 2 n_layer x [2 (tp-1) hopLatency + 2 (tp-1)/tp x tokens d_model actBytes / (link linkEfficiency)]
 * step     = max(compute, memory) + allreduce + stepOverhead
 * </pre>
 *
 * The all-reduce is the alpha-beta cost of a ring all-reduce (Thakur, Rabenseifner and Gropp
 * 2005; Patarasuk and Yuan 2009): 2 (p-1) messages each way, 2 (p-1)/p of the data over each
 * link. Megatron-style tensor parallelism does two all-reduces of the activations per layer
 * (after attention and after the MLP; Shoeybi et al. 2019). Prefill and decode get separate
 * compute efficiencies because decode's matmuls are skinny (few rows) and reach far less of peak.
 *
 * @param mfuPrefill fraction of peak FLOP/s reached by prefill tokens, (0, 1]
 * @param mfuDecode fraction of peak FLOP/s reached by decode tokens, (0, 1]
 * @param mbu fraction of peak memory bandwidth reached (model bandwidth utilisation), (0, 1]
 * @param linkEfficiency fraction of the datasheet GPU-GPU bandwidth an all-reduce reaches, (0, 1]
 * @param allReduceHopLatencySeconds latency of one ring hop (alpha), seconds, >= 0
 * @param stepOverheadSeconds fixed cost of every iteration, seconds, >= 0
 * @param activationBytesPerElement bytes of one activation element in an all-reduce (2 for bf16)
 */
public record RooflineTimeModel(
    double mfuPrefill,
    double mfuDecode,
    double mbu,
    double linkEfficiency,
    double allReduceHopLatencySeconds,
    double stepOverheadSeconds,
    double activationBytesPerElement) implements java.io.Serializable, TimeModel {

  public static final String NAME = "roofline";

  public RooflineTimeModel {
    fraction("mfuPrefill", mfuPrefill);
    fraction("mfuDecode", mfuDecode);
    fraction("mbu", mbu);
    fraction("linkEfficiency", linkEfficiency);
    nonNegative("allReduceHopLatencySeconds", allReduceHopLatencySeconds);
    nonNegative("stepOverheadSeconds", stepOverheadSeconds);
    if (!(activationBytesPerElement > 0) || Double.isInfinite(activationBytesPerElement)) {
      throw new IllegalArgumentException("activationBytesPerElement must be > 0, got " + activationBytesPerElement);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RooflineStepTimer stepTimer(Deployment deployment) {
    FlopsCoefficients c = FlopsCoefficients.of(deployment.model());
    int tp = deployment.tensorParallel();
    GpuSpec gpu = deployment.gpu();
    double peak = tp * gpu.flopsPerSecond(deployment.weightDtype());
    double prefillFlopsPerSecond = peak * mfuPrefill;
    double decodeFlopsPerSecond = peak * mfuDecode;
    // Logits of a finished prompt run at prefill efficiency, a decoding sequence's at decode
    // efficiency; logitTokens counts both, so the decode sequence carries the difference.
    double logitPrefill = c.logitFlops() / prefillFlopsPerSecond;
    double logitDecode = c.logitFlops() / decodeFlopsPerSecond;
    StepCoefficients compute = new StepCoefficients(0,
        c.linearFlopsPerToken() / prefillFlopsPerSecond,
        c.attentionFlopsPerKey() / prefillFlopsPerSecond,
        (c.linearFlopsPerToken() + c.attentionFlopsPerKey()) / decodeFlopsPerSecond + logitDecode - logitPrefill,
        c.attentionFlopsPerKey() / decodeFlopsPerSecond,
        logitPrefill);

    double bytesPerSecond = tp * gpu.memoryBytesPerSecond() * mbu;
    StepCoefficients memory = new StepCoefficients(deployment.weightBytes() / bytesPerSecond, 0, 0, 0,
        deployment.kvBytesPerToken() / bytesPerSecond, 0);

    double allReduces = 2.0 * deployment.model().layers();
    double ringLatency = tp > 1 ? allReduces * 2.0 * (tp - 1) * allReduceHopLatencySeconds : 0;
    double perTokenAllReduce = tp > 1
        ? allReduces * 2.0 * (tp - 1) / tp * deployment.model().dModel() * activationBytesPerElement
            / (gpu.linkBytesPerSecond() * linkEfficiency)
        : 0;
    StepCoefficients additive = new StepCoefficients(stepOverheadSeconds + ringLatency, perTokenAllReduce, 0,
        perTokenAllReduce, 0, 0);
    return new RooflineStepTimer(compute, memory, additive);
  }

  /** A copy with some factors changed (the calibration's search moves one at a time). */
  public RooflineTimeModel with(int index, double value) {
    double[] v = toArray();
    v[index] = value;
    return new RooflineTimeModel(v[0], v[1], v[2], v[3], v[4], v[5], activationBytesPerElement);
  }

  /** The six fitted factors in order: mfuPrefill, mfuDecode, mbu, linkEfficiency, hop latency, step overhead. */
  public double[] toArray() {
    return new double[] {mfuPrefill, mfuDecode, mbu, linkEfficiency, allReduceHopLatencySeconds, stepOverheadSeconds};
  }

  private static void fraction(String name, double v) {
    if (!(v > 0 && v <= 1)) {
      throw new IllegalArgumentException(name + " must be in (0, 1], got " + v);
    }
  }

  private static void nonNegative(String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be >= 0, got " + v);
    }
  }
}
