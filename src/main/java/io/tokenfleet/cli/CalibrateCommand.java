package io.tokenfleet.cli;

import com.typesafe.config.Config;
import io.tokenfleet.config.ConfigLoader;
import io.tokenfleet.config.GpuCatalogConfig;
import io.tokenfleet.config.ModelCatalog;
import io.tokenfleet.config.TimeModelConfig;
import io.tokenfleet.cost.GpuSpec;
import io.tokenfleet.cost.RooflineTimeModel;
import io.tokenfleet.cost.calibration.Calibration;
import io.tokenfleet.cost.calibration.MeasuredStep;
import io.tokenfleet.cost.calibration.SplitwiseCsv;
import io.tokenfleet.cost.calibration.SplitwiseModels;
import io.tokenfleet.kernel.ModelSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tokenfleet calibrate FILE [--out report.csv]}: fits the roofline time model to measured
 * prefill and decode step times (Splitwise perf_model.csv format) and reports the errors. The
 * model is the catalog's preset of the name the table's model maps to (llama2-70b ->
 * llama-2-70b), the GPU the catalog's entry of the table's hardware column. A missing file or a
 * malformed CSV is a one-line error, exit 2.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = {"Fit the roofline time model's efficiency factors and overheads to measured step times.",
        "FILE: CSV with model, hardware, prompt_size, batch_size, token_size, prompt_time (ms), token_time (ms),"
            + " tensor_parallel (Splitwise perf_model.csv)."})
public final class CalibrateCommand implements Callable<Integer> {

  @Spec
  CommandSpec commandSpec;

  @Parameters(index = "0", paramLabel = "FILE", description = "measured step times (CSV)")
  Path file;

  @Option(names = "--out", paramLabel = "REPORT.csv", description = "write per-row predictions and errors here")
  Path out;

  @Option(names = "--evaluate-only", description = "report the errors of the configured roofline factors without fitting")
  boolean evaluateOnly;

  @Override
  public Integer call() throws IOException {
    List<MeasuredStep> rows;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      rows = SplitwiseCsv.read(in);
    } catch (NoSuchFileException e) {
      throw new UserError("calibration file not found: " + file);
    } catch (UncheckedIOException e) {
      // commons-csv reports a malformed record (e.g. an unterminated quote) this way.
      throw new UserError("calibration file " + file + ": " + e.getCause().getMessage());
    }
    if (rows.isEmpty()) {
      throw new UserError("calibration file has no rows: " + file);
    }
    String model = rows.get(0).model();
    String hardware = rows.get(0).hardware();
    for (MeasuredStep r : rows) {
      if (!r.model().equals(model) || !r.hardware().equals(hardware)) {
        throw new UserError("line " + r.line() + ": one model and GPU per file expected, found " + r.model() + " on "
            + r.hardware() + " after " + model + " on " + hardware);
      }
    }
    Config root = ConfigLoader.load();
    GpuSpec gpu = GpuCatalogConfig.from(root).get(hardware);
    // The table names its model its own way; the preset of the same architecture is used, so a
    // calibration and an estimate cost the same model (a test checks the two specs are equal).
    ModelSpec spec = ModelCatalog.fromConfig(root).get(SplitwiseModels.byTableName(model).name());
    RooflineTimeModel configured = TimeModelConfig.from(root).models().roofline();
    Calibration.Result result = evaluateOnly
        ? Calibration.evaluate(configured, rows, spec, gpu)
        : Calibration.fit(rows, spec, gpu, configured);
    PrintWriter o = commandSpec.commandLine().getOut();
    print(o, result, rows.size(), spec, gpu);
    o.flush();
    if (out != null) {
      writeReport(out, result);
    }
    return 0;
  }

  private void print(PrintWriter o, Calibration.Result r, int total, ModelSpec spec, GpuSpec gpu) {
    RooflineTimeModel m = r.model();
    o.printf(Locale.ROOT, "calibration: %s on %s, %d rows, %d kept, %d excluded (physically impossible)%n",
        spec.name(), gpu.id(), total, total - r.excluded(), r.excluded());
    for (Calibration.RowResult rr : r.rows()) {
      if (!rr.kept()) {
        o.printf(Locale.ROOT, "  excluded line %d (tp %d, prompt %d, batch %d, tokens %d): %s%n", rr.row().line(),
            rr.row().tensorParallel(), rr.row().promptTokens(), rr.row().batch(), rr.row().outputTokens(), rr.exclusion());
      }
    }
    o.printf(Locale.ROOT, "MAPE prompt_time %.2f%%, token_time %.2f%%, mean %.2f%%%n",
        100 * r.promptMape(), 100 * r.tokenMape(), 100 * r.meanMape());
    o.println(evaluateOnly ? "configured roofline factors:" : "fitted roofline factors (tokenfleet.time-model.roofline):");
    o.printf(Locale.ROOT, "  mfu-prefill = %.4f%n  mfu-decode = %.4f%n  mbu = %.4f%n  link-efficiency = %.4f%n"
            + "  all-reduce-hop-latency-seconds = %.4g%n  step-overhead-seconds = %.4g%n",
        m.mfuPrefill(), m.mfuDecode(), m.mbu(), m.linkEfficiency(), m.allReduceHopLatencySeconds(), m.stepOverheadSeconds());
  }

  private static void writeReport(Path path, Calibration.Result r) throws IOException {
    try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      w.write("line,tensor_parallel,prompt_size,batch_size,token_size,prompt_ms,predicted_prompt_ms,prompt_error_pct,"
          + "token_ms,predicted_token_ms,token_error_pct,excluded_reason\n");
      for (Calibration.RowResult rr : r.rows()) {
        MeasuredStep s = rr.row();
        String head = String.format(Locale.ROOT, "%d,%d,%d,%d,%d,", s.line(), s.tensorParallel(), s.promptTokens(), s.batch(),
            s.outputTokens());
        if (rr.kept()) {
          w.write(head + String.format(Locale.ROOT, "%.4f,%.4f,%.3f,%.4f,%.4f,%.3f,%n", 1e3 * s.promptSeconds(),
              1e3 * rr.predictedPromptSeconds(), 100 * rr.promptRelativeError(), 1e3 * s.tokenSeconds(),
              1e3 * rr.predictedTokenSeconds(), 100 * rr.tokenRelativeError()));
        } else {
          w.write(head + String.format(Locale.ROOT, "%.4f,,,%.4f,,,\"%s\"%n", 1e3 * s.promptSeconds(),
              1e3 * s.tokenSeconds(), rr.exclusion()));
        }
      }
    }
  }
}
