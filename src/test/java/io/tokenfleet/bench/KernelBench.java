package io.tokenfleet.bench;

import io.tokenfleet.kernel.DecodingStrategy;
import io.tokenfleet.kernel.FfnKind;
import io.tokenfleet.kernel.FlopsCoefficients;
import io.tokenfleet.kernel.LinearBiases;
import io.tokenfleet.kernel.ModelSpec;
import io.tokenfleet.kernel.NormKind;
import io.tokenfleet.kernel.PositionEmbedding;
import io.tokenfleet.kernel.RequestFlops;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time of one {@link RequestFlops#of(FlopsCoefficients, long, long, DecodingStrategy)} call with the
 * model's coefficients precomputed, as the Spark jobs call it per trace row. The closed forms are
 * O(1): the time must not grow with the prompt P or the output M. Run with bench/kernel-bench.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KernelBench {

  @Param({"128", "8192", "131072"})
  public long promptTokens;

  @Param({"16", "1024", "10000"})
  public long outputTokens;

  @Param({"beam:4", "beam:4/no-cache"})
  public String strategy;

  private FlopsCoefficients coefficients;
  private DecodingStrategy decoding;

  @Setup
  public void setUp() {
    // llama-3.1-405b (126 layers, d 16384, 128 heads, 8 kv heads x 128, d_ff 53248 gated, vocab 128256).
    ModelSpec llama405b = new ModelSpec("llama-3.1-405b", 126, 16384, 128, 8, 128, 53248, FfnKind.GATED, 128256,
        131072, 0, PositionEmbedding.ROTARY, false, LinearBiases.NONE, NormKind.RMS_NORM, 2, true, false, null);
    coefficients = FlopsCoefficients.of(llama405b);
    decoding = DecodingStrategy.parse(strategy);
  }

  @Benchmark
  public RequestFlops requestFlops() {
    return RequestFlops.of(coefficients, promptTokens, outputTokens, decoding);
  }
}
