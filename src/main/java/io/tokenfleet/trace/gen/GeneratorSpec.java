package io.tokenfleet.trace.gen;

/**
 * What {@link SyntheticTraceGenerator} draws.
 *
 * @param requests number of rows, >= 1
 * @param seed RNG seed: equal specs give byte-identical files
 * @param promptTokens prompt-length distribution
 * @param outputTokens output-length distribution
 * @param arrivals inter-arrival process (first request at 0 ms)
 * @param models model mix (may be {@link ModelMix#NONE})
 */
public record GeneratorSpec(long requests, long seed, TokenDistribution promptTokens, TokenDistribution outputTokens,
                            ArrivalProcess arrivals, ModelMix models) {
  public GeneratorSpec {
    if (requests < 1) {
      throw new IllegalArgumentException("requests must be >= 1, got " + requests);
    }
    if (promptTokens == null || outputTokens == null || arrivals == null || models == null) {
      throw new IllegalArgumentException("prompt, output, arrival and model settings must all be given");
    }
  }

  /** Text stored in the Parquet footer so a synthetic trace says how it was made. */
  public String describe() {
    return "requests=" + requests + " seed=" + seed + " prompt=" + promptTokens.describe()
        + " output=" + outputTokens.describe() + " arrivals=" + arrivals.describe()
        + " models=" + String.join(",", models.names());
  }
}
