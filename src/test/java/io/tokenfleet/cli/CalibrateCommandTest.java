package io.tokenfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenfleet.config.ConfigLoader;
import io.tokenfleet.config.GpuCatalogConfig;
import io.tokenfleet.config.ModelCatalog;
import io.tokenfleet.config.TimeModelConfig;
import io.tokenfleet.cost.Deployment;
import io.tokenfleet.cost.IterationShape;
import io.tokenfleet.cost.RooflineStepTimer;
import io.tokenfleet.cost.calibration.SplitwiseModels;
import io.tokenfleet.kernel.Dtype;
import io.tokenfleet.kernel.KvSharing;
import io.tokenfleet.kernel.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tokenfleet calibrate} on the shipped Splitwise table: the errors documented in
 * docs/cost-model.md (MAPE 10.58% prompt_time, 3.14% token_time, 5 of 315 rows excluded), the
 * per-row report, and one-line errors for bad files.
 */
class CalibrateCommandTest {
  static final Path SPLITWISE = Path.of("src/main/resources/calibration/splitwise_llama2-70b_a100-80gb.csv");
  static final String HEADER = "model,hardware,tensor_parallel,prompt_size,batch_size,token_size,prompt_time,token_time";

  @TempDir
  Path dir;

  @Test
  void fitReproducesTheDocumentedErrorsAndWritesThePerRowReport() throws IOException {
    Path report = dir.resolve("report.csv");
    EstimateCommandTest.Result r = EstimateCommandTest.run("calibrate", SPLITWISE.toString(), "--out", report.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("", r.err());
    assertTrue(r.out().startsWith("calibration: llama-2-70b on a100-80gb, 315 rows, 310 kept, 5 excluded"), r.out());
    // docs/cost-model.md, "Error"; reference.conf's fitted factors to 4 digits.
    assertTrue(r.out().contains("MAPE prompt_time 10.58%, token_time 3.14%, mean 6.86%"), r.out());
    assertTrue(r.out().contains("fitted roofline factors (tokenfleet.time-model.roofline):"), r.out());
    assertTrue(r.out().contains("  mfu-prefill = 0.6839\n"), r.out());
    assertTrue(r.out().contains("  mbu = 0.8368\n"), r.out());

    List<String> lines = Files.readAllLines(report);
    assertEquals(316, lines.size()); // header + one line per input row
    assertEquals("line,tensor_parallel,prompt_size,batch_size,token_size,prompt_ms,predicted_prompt_ms,"
        + "prompt_error_pct,token_ms,predicted_token_ms,token_error_pct,excluded_reason", lines.get(0));
    // Line 2 of the input: TP 2, prompt 512, batch 1, 128 tokens, 196.2532191537321 ms, 54.87951193752838 ms.
    assertTrue(lines.get(1).startsWith("2,2,512,1,128,196.2532,"), lines.get(1));
    int excluded = 0;
    double promptErrorSum = 0;
    double tokenErrorSum = 0;
    int kept = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      if (!f[11].isEmpty()) {
        excluded++;
        // The five impossible rows: TP 2 with batch 64.
        assertEquals("2", f[1], line);
        assertEquals("64", f[3], line);
        continue;
      }
      kept++;
      double measured = Double.parseDouble(f[5]);
      double predicted = Double.parseDouble(f[6]);
      // error % = 100 (predicted - measured) / measured, to the CSV's rounding.
      assertEquals(100 * (predicted - measured) / measured, Double.parseDouble(f[7]), 0.01, line);
      promptErrorSum += Math.abs(Double.parseDouble(f[7]));
      tokenErrorSum += Math.abs(Double.parseDouble(f[10]));
    }
    assertEquals(5, excluded);
    // The printed MAPE is the mean absolute error of the kept rows, recomputed from the report.
    assertEquals(10.58, promptErrorSum / kept, 0.006);
    assertEquals(3.14, tokenErrorSum / kept, 0.006);
  }

  /**
   * --evaluate-only scores the configured factors. Its prediction for line 2 (TP 2, one prompt of
   * 512 tokens) is the configured roofline's prefill step, computed here from the step timer on an
   * a100-80gb:2 (calibration keeps no memory reserve: the runs fitted in memory).
   */
  @Test
  void evaluateOnlyScoresTheConfiguredFactors() throws IOException {
    Path report = dir.resolve("evaluate.csv");
    EstimateCommandTest.Result r = EstimateCommandTest.run("calibrate", SPLITWISE.toString(), "--evaluate-only",
        "--out", report.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("MAPE prompt_time 10.58%, token_time 3.14%, mean 6.86%"), r.out());
    assertTrue(r.out().contains("configured roofline factors:"), r.out());

    var config = ConfigLoader.load();
    Deployment d = new Deployment(SplitwiseModels.llama2_70b(), GpuCatalogConfig.from(config).get("a100-80gb"), 2,
        Dtype.BF16, Dtype.BF16, Integer.MAX_VALUE, KvSharing.SHARED_PROMPT, 0.0);
    RooflineStepTimer timer = TimeModelConfig.from(config).models().roofline().stepTimer(d);
    // 512 tokens, token t attends to t keys: 512 x 513 / 2 pairs; one logit.
    double prefillMs = 1e3 * timer.iterationSeconds(new IterationShape(512, 512 * 513 / 2.0, 0, 0, 1));
    String[] line2 = Files.readAllLines(report).get(1).split(",", -1);
    assertEquals(prefillMs, Double.parseDouble(line2[6]), 0.00005 + 1e-9);
  }

  @Test
  void calibrationUsesTheCatalogsPreset() {
    ModelSpec preset = ModelCatalog.fromConfig(ConfigLoader.load()).get("llama-2-70b");
    assertEquals(SplitwiseModels.llama2_70b(), preset);
  }

  @Test
  void badFilesFailWithOneLine() throws IOException {
    Path missing = dir.resolve("none.csv");
    assertBad("tokenfleet: calibration file not found: " + missing, missing);

    Path notANumber = write("bad-number.csv", HEADER + "\nllama2-70b,a100-80gb,2,512,1,128,abc,54.9\n");
    assertBad("tokenfleet: line 2: prompt_time is not a number: 'abc'", notANumber);

    Path noColumn = write("no-column.csv", "model,hardware,tensor_parallel,prompt_size,batch_size,token_size,prompt_time\n"
        + "llama2-70b,a100-80gb,2,512,1,128,196.3\n");
    assertBad("tokenfleet: calibration file lacks column 'token_time' (has [model, hardware, tensor_parallel, "
        + "prompt_size, batch_size, token_size, prompt_time])", noColumn);

    Path headerOnly = write("empty.csv", HEADER + "\n");
    assertBad("tokenfleet: calibration file has no rows: " + headerOnly, headerOnly);

    Path unknownModel = write("gpt.csv", HEADER + "\ngpt-4,a100-80gb,2,512,1,128,196.3,54.9\n");
    assertBad("tokenfleet: calibration knows no model 'gpt-4' (known: llama2-70b)", unknownModel);

    // An unterminated quote: commons-csv's parse error, still one line.
    Path quote = write("quote.csv", HEADER + "\n\"llama2-70b,a100-80gb,2,512,1,128,196.3,54.9\n");
    EstimateCommandTest.Result r = EstimateCommandTest.run("calibrate", quote.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().startsWith("tokenfleet: calibration file " + quote + ": "), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static void assertBad(String expectedErr, Path file) {
    EstimateCommandTest.Result r = EstimateCommandTest.run("calibrate", file.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(expectedErr + System.lineSeparator(), r.err());
    assertEquals("", r.out());
  }
}
