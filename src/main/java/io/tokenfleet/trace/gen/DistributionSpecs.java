package io.tokenfleet.trace.gen;

import io.tokenfleet.trace.TraceReader;
import io.tokenfleet.trace.TraceSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Parses the command-line forms of distributions: "lognormal:MU,SIGMA", "empirical:TRACE.parquet", "poisson:RATE", "gamma:RATE,CV". */
public final class DistributionSpecs {
  private DistributionSpecs() {}

  /**
   * @param spec "lognormal:mu,sigma" or "empirical:PATH" (a canonical trace Parquet file)
   * @param column for empirical: {@link TraceSchema#PROMPT_TOKENS} or {@link TraceSchema#OUTPUT_TOKENS}
   * @param maxTokens upper clamp
   * @param flag the option name for messages, e.g. "--prompt-dist"
   */
  public static TokenDistribution tokens(String spec, String column, int maxTokens, String flag) {
    String s = spec.strip();
    if (s.startsWith("lognormal:")) {
      double[] p = numbers(s.substring("lognormal:".length()), 2, flag, "lognormal:MU,SIGMA");
      return new LogNormalTokens(p[0], p[1], maxTokens);
    }
    if (s.startsWith("empirical:")) {
      Path path = Path.of(s.substring("empirical:".length()).strip());
      if (!Files.isRegularFile(path)) {
        throw new IllegalArgumentException(flag + " empirical trace " + path + " does not exist");
      }
      return new EmpiricalTokens(column(path, column), maxTokens, "empirical:" + path.getFileName());
    }
    throw new IllegalArgumentException(flag + " must be lognormal:MU,SIGMA or empirical:TRACE.parquet, got '" + spec + "'");
  }

  /** "poisson:RATE" or "gamma:RATE,CV" (RATE in requests per second). */
  public static ArrivalProcess arrivals(String spec) {
    String s = spec.strip();
    if (s.startsWith("poisson:")) {
      return ArrivalProcess.poisson(numbers(s.substring("poisson:".length()), 1, "--arrivals", "poisson:RATE")[0]);
    }
    if (s.startsWith("gamma:")) {
      double[] p = numbers(s.substring("gamma:".length()), 2, "--arrivals", "gamma:RATE,CV");
      return new ArrivalProcess(p[0], p[1]);
    }
    throw new IllegalArgumentException("--arrivals must be poisson:RATE or gamma:RATE,CV, got '" + spec + "'");
  }

  private static double[] numbers(String csv, int count, String flag, String form) {
    String[] parts = csv.split(",");
    if (parts.length != count) {
      throw new IllegalArgumentException(flag + " must be " + form + ", got '" + csv + "'");
    }
    double[] out = new double[count];
    for (int i = 0; i < count; i++) {
      try {
        out[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(flag + " must be " + form + " with numbers, got '" + csv + "'");
      }
    }
    return out;
  }

  private static int[] column(Path path, String column) {
    int[][] buf = {new int[1024]};
    int[] n = {0};
    try {
      TraceReader.forEach(path, row -> {
        if (n[0] == buf[0].length) {
          buf[0] = Arrays.copyOf(buf[0], buf[0].length * 2);
        }
        buf[0][n[0]++] = TraceSchema.PROMPT_TOKENS.equals(column) ? row.promptTokens() : row.outputTokens();
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read empirical trace " + path + ": " + e.getMessage(), e);
    }
    return Arrays.copyOf(buf[0], n[0]);
  }
}
