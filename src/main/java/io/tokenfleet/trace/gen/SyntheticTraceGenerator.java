package io.tokenfleet.trace.gen;

import io.tokenfleet.trace.ParquetSettings;
import io.tokenfleet.trace.TraceWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Streams a seeded synthetic trace straight to Parquet (memory: one row group). Each column
 * draws from its own stream split off the seed, so e.g. adding models does not change the
 * token lengths or arrival times of a seed. The first request arrives at 0 ms; arrival times
 * are the running sum of gaps, floored to the millisecond.
 */
public final class SyntheticTraceGenerator {
  public static final String GENERATOR_KEY = "tokenfleet.generator";

  private SyntheticTraceGenerator() {}

  /** Writes {@code spec.requests()} rows to {@code out} (overwriting it); returns the row count. */
  public static long generate(GeneratorSpec spec, Path out, ParquetSettings parquet) throws IOException {
    SplittableRandom root = new SplittableRandom(spec.seed());
    SplittableRandom promptRng = root.split();
    SplittableRandom outputRng = root.split();
    SplittableRandom arrivalRng = root.split();
    SplittableRandom modelRng = root.split();
    double timeSeconds = 0.0;
    try (TraceWriter w = new TraceWriter(out, parquet, Map.of(GENERATOR_KEY, spec.describe()))) {
      for (long i = 0; i < spec.requests(); i++) {
        if (i > 0) {
          timeSeconds += spec.arrivals().nextGapSeconds(arrivalRng);
        }
        long arrivalMs = (long) Math.floor(timeSeconds * 1000.0);
        w.write(null, arrivalMs, spec.promptTokens().sample(promptRng), spec.outputTokens().sample(outputRng),
            spec.models().next(modelRng), null);
      }
      return w.rowsWritten();
    }
  }
}
