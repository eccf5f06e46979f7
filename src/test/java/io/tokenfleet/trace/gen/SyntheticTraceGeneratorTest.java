package io.tokenfleet.trace.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenfleet.trace.ParquetSettings;
import io.tokenfleet.trace.TraceReader;
import io.tokenfleet.trace.TraceRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticTraceGeneratorTest {
  @TempDir
  Path dir;

  private static GeneratorSpec spec(long requests, long seed, ArrivalProcess arrivals, ModelMix models) {
    return new GeneratorSpec(requests, seed, new LogNormalTokens(Math.log(1020), 0.75, Integer.MAX_VALUE),
        new LogNormalTokens(Math.log(129), 0.9, Integer.MAX_VALUE), arrivals, models);
  }

  private List<TraceRow> generate(GeneratorSpec spec, String name) throws IOException {
    Path out = dir.resolve(name);
    assertEquals(spec.requests(), SyntheticTraceGenerator.generate(spec, out, ParquetSettings.DEFAULT));
    return TraceReader.readAll(out);
  }

  @Test
  void sameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot() throws IOException {
    GeneratorSpec a = spec(20_000, 42, ArrivalProcess.poisson(5), ModelMix.parse("m1,m2"));
    SyntheticTraceGenerator.generate(a, dir.resolve("a1.parquet"), ParquetSettings.DEFAULT);
    SyntheticTraceGenerator.generate(a, dir.resolve("a2.parquet"), ParquetSettings.DEFAULT);
    assertEquals(-1L, Files.mismatch(dir.resolve("a1.parquet"), dir.resolve("a2.parquet")));
    assertEquals(TraceReader.readAll(dir.resolve("a1.parquet")), TraceReader.readAll(dir.resolve("a2.parquet")));

    GeneratorSpec b = spec(20_000, 43, ArrivalProcess.poisson(5), ModelMix.parse("m1,m2"));
    SyntheticTraceGenerator.generate(b, dir.resolve("b.parquet"), ParquetSettings.DEFAULT);
    assertNotEquals(-1L, Files.mismatch(dir.resolve("a1.parquet"), dir.resolve("b.parquet")));
  }

  @Test
  void lognormalMediansAndSpreadMatchTheParameters() throws IOException {
    List<TraceRow> rows = generate(spec(100_000, 7, ArrivalProcess.poisson(5), ModelMix.NONE), "t.parquet");
    int[] prompts = rows.stream().mapToInt(TraceRow::promptTokens).sorted().toArray();
    int[] outputs = rows.stream().mapToInt(TraceRow::outputTokens).sorted().toArray();
    // median of exp(mu + sigma Z) is exp(mu) = 1020 and 129; the sample median's standard error is
    // about 1.2533 * sigma / sqrt(n) = 1.2533 * 0.9 / 316 = 0.36% in log space, so 2% is > 5 s.e.
    assertEquals(1020, prompts[50_000], 1020 * 0.02);
    assertEquals(129, outputs[50_000], 129 * 0.02);
    // p84.13 / p15.87 of a lognormal = exp(2 sigma): half the log spread recovers sigma
    double promptSigma = (Math.log(prompts[84_134]) - Math.log(prompts[15_866])) / 2;
    assertEquals(0.75, promptSigma, 0.02);
    assertTrue(prompts[0] >= 1 && outputs[0] >= 1);
  }

  @Test
  void poissonArrivalsHaveTheRequestedRate() throws IOException {
    List<TraceRow> rows = generate(spec(100_000, 11, ArrivalProcess.poisson(5), ModelMix.NONE), "p.parquet");
    assertEquals(0L, rows.get(0).arrivalTimeMs());
    // 99,999 gaps of mean 1/5 s = 19,999.8 s; the sum's s.d. is sqrt(99,999)/5 = 63 s (0.3%)
    double lastSeconds = rows.get(rows.size() - 1).arrivalTimeMs() / 1000.0;
    assertEquals(19_999.8, lastSeconds, 19_999.8 * 0.015);
    for (int i = 1; i < rows.size(); i++) {
      assertTrue(rows.get(i).arrivalTimeMs() >= rows.get(i - 1).arrivalTimeMs(), "arrivals must not decrease");
    }
  }

  @Test
  void gammaArrivalsHaveTheRequestedBurstiness() throws IOException {
    // rate 1/s keeps gaps ~1000 ms so flooring to ms barely changes them
    List<TraceRow> rows = generate(spec(100_000, 5, new ArrivalProcess(1.0, 2.0), ModelMix.NONE), "g.parquet");
    double[] gaps = new double[rows.size() - 1];
    for (int i = 1; i < rows.size(); i++) {
      gaps[i - 1] = (rows.get(i).arrivalTimeMs() - rows.get(i - 1).arrivalTimeMs()) / 1000.0;
    }
    double mean = Arrays.stream(gaps).average().orElseThrow();
    double var = Arrays.stream(gaps).map(g -> (g - mean) * (g - mean)).sum() / (gaps.length - 1);
    assertEquals(1.0, mean, 0.03);
    assertEquals(2.0, Math.sqrt(var) / mean, 0.1);
  }

  @Test
  void modelWeightsAndClampsAreRespected() throws IOException {
    GeneratorSpec s = new GeneratorSpec(100_000, 3, new LogNormalTokens(Math.log(1020), 0.75, 2048),
        new LogNormalTokens(Math.log(129), 0.9, 256), ArrivalProcess.poisson(5), ModelMix.parse("big:1,small:3"));
    List<TraceRow> rows = generate(s, "m.parquet");
    long small = rows.stream().filter(r -> "small".equals(r.model())).count();
    long big = rows.stream().filter(r -> "big".equals(r.model())).count();
    assertEquals(100_000, small + big);
    // weight 3 of 4 = 0.75; binomial s.d. sqrt(0.75 * 0.25 / 1e5) = 0.0014
    assertEquals(0.75, small / 100_000.0, 0.01);
    assertTrue(rows.stream().allMatch(r -> r.promptTokens() <= 2048 && r.outputTokens() <= 256));
    // P(prompt > 2048) = P(Z > ln(2048/1020)/0.75 = 0.93) = 0.176: the clamp is hit, not vacuous
    long clamped = rows.stream().filter(r -> r.promptTokens() == 2048).count();
    assertEquals(0.176, clamped / 100_000.0, 0.01);
  }

  @Test
  void specsParseAndRejectNonsense() {
    assertEquals(new LogNormalTokens(6.9, 0.75, 100), DistributionSpecs.tokens("lognormal:6.9,0.75", "prompt_tokens", 100, "--prompt-dist"));
    assertEquals(new ArrivalProcess(2.5, 1.5), DistributionSpecs.arrivals("gamma:2.5,1.5"));
    assertEquals(ArrivalProcess.poisson(3), DistributionSpecs.arrivals("poisson:3"));
    assertEquals("--arrivals must be poisson:RATE or gamma:RATE,CV, got 'uniform:3'",
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> DistributionSpecs.arrivals("uniform:3")).getMessage());
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DistributionSpecs.arrivals("poisson:0"));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ModelMix.parse("a:0"));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> DistributionSpecs.tokens("lognormal:1", "prompt_tokens", 10, "--prompt-dist"));
  }

  @Test
  void empiricalResamplesAnExistingTrace() throws IOException {
    Path source = dir.resolve("src.parquet");
    try (var w = new io.tokenfleet.trace.TraceWriter(source, ParquetSettings.DEFAULT, java.util.Map.of())) {
      w.write(TraceRow.of(0L, 100, 7));
      w.write(TraceRow.of(1L, 300, 9));
    }
    TokenDistribution prompts = DistributionSpecs.tokens("empirical:" + source, "prompt_tokens", Integer.MAX_VALUE, "--prompt-dist");
    GeneratorSpec s = new GeneratorSpec(10_000, 1, prompts,
        DistributionSpecs.tokens("empirical:" + source, "output_tokens", Integer.MAX_VALUE, "--output-dist"),
        ArrivalProcess.poisson(1), ModelMix.NONE);
    List<TraceRow> rows = generate(s, "e.parquet");
    long hundreds = rows.stream().filter(r -> r.promptTokens() == 100).count();
    assertTrue(rows.stream().allMatch(r -> (r.promptTokens() == 100 || r.promptTokens() == 300)
        && (r.outputTokens() == 7 || r.outputTokens() == 9)));
    // each value has probability 1/2; s.d. of the share is 0.005
    assertEquals(0.5, hundreds / 10_000.0, 0.03);
  }
}
