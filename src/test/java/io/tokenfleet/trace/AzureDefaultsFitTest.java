package io.tokenfleet.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.tokenfleet.config.TraceConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The generate defaults in reference.conf are the quantile fit of the Azure 2023 conversation
 * trace: mu = ln(median), sigma = (ln p84.13 - ln p15.87) / 2. Recomputed here by brute force
 * from the fixture (a gzip copy of shared/traces/azure_llm_2023_conv.csv).
 */
class AzureDefaultsFitTest {
  @Test
  void referenceConfDefaultsAreTheAzureQuantileFit() throws IOException {
    List<Integer> context = new ArrayList<>();
    List<Integer> generated = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(Fixtures.trace("azure_conv_full.csv.gz"))), StandardCharsets.UTF_8))) {
      in.readLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split(",");
        context.add(Integer.parseInt(f[1]));
        generated.add(Integer.parseInt(f[2]));
      }
    }
    TraceConfig c = TraceConfig.from(ConfigFactory.load());
    // REFERENCE.md: context median 1,020, generated median 129
    assertEquals(Math.log(1020), c.promptLogMu(), 1e-4);
    assertEquals(Math.log(129), c.outputLogMu(), 1e-4);
    assertEquals(Math.log(median(context)), c.promptLogMu(), 1e-4);
    assertEquals(Math.log(median(generated)), c.outputLogMu(), 1e-4);
    assertEquals(halfLogSpread(context), c.promptLogSigma(), 0.01);
    assertEquals(halfLogSpread(generated), c.outputLogSigma(), 0.01);
    // 19,366 requests over 3,501.72 s (first to last timestamp): 19,365 gaps
    assertEquals(19_365 / 3501.72, c.arrivalRatePerSecond(), 0.01);
  }

  private static double median(List<Integer> xs) {
    int[] s = xs.stream().mapToInt(Integer::intValue).sorted().toArray();
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
  }

  private static double halfLogSpread(List<Integer> xs) {
    int[] s = xs.stream().mapToInt(Integer::intValue).sorted().toArray();
    double p16 = Math.log(s[(int) Math.round(0.1587 * (s.length - 1))]);
    double p84 = Math.log(s[(int) Math.round(0.8413 * (s.length - 1))]);
    return (p84 - p16) / 2;
  }
}
