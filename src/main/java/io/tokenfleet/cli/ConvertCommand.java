package io.tokenfleet.cli;

import com.typesafe.config.ConfigFactory;
import io.tokenfleet.config.TraceConfig;
import io.tokenfleet.trace.ColumnMapping;
import io.tokenfleet.trace.ConversionResult;
import io.tokenfleet.trace.ConvertOptions;
import io.tokenfleet.trace.TraceConverter;
import io.tokenfleet.trace.TraceFileException;
import io.tokenfleet.trace.TraceFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tokenfleet convert INPUT --out OUTPUT.parquet}: a source trace into the canonical Parquet trace. */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = {"Convert a request trace (CSV or JSONL, plain or gzipped) into the canonical Parquet trace.",
        "Rejected rows go to a rejects CSV with line number, reason and raw line; see docs/traces.md."})
final class ConvertCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "INPUT", description = "CSV or JSONL trace, plain or gzipped (detected by content).")
  Path input;

  @Option(names = "--out", required = true, paramLabel = "OUTPUT.parquet", description = "Parquet file to write.")
  Path out;

  @Option(names = "--format", defaultValue = "auto", paramLabel = "FORMAT",
      description = "auto, azure, mooncake, burstgpt or generic (default: ${DEFAULT-VALUE}: detect from the header).")
  String format;

  @Option(names = "--map", paramLabel = "canonical=COL,...",
      description = "Column mapping for the generic format: prompt_tokens, output_tokens, arrival_time_ms, "
          + "arrival_time_s, request_id, model, tag.NAME.")
  String map;

  @Option(names = "--rejects", paramLabel = "FILE", description = "Rejects CSV (default: OUTPUT.rejects.csv, written only when a row is rejected).")
  Path rejects;

  @Option(names = "--overwrite", description = "Replace existing output and rejects files.")
  boolean overwrite;

  @Option(names = "--keep-hash-ids", description = "Mooncake: keep the hash_ids list as a tag (large); by default only its count is kept.")
  boolean keepHashIds;

  @Override
  public Integer call() {
    TraceConfig config = TraceConfig.from(ConfigFactory.load());
    TraceFormat f = "auto".equalsIgnoreCase(format.strip()) ? null : TraceFormat.fromCliName(format);
    ConvertOptions options = new ConvertOptions(input, out, f, ColumnMapping.parse(map), rejects, overwrite,
        keepHashIds, config.parquet());
    ConversionResult result;
    try {
      result = TraceConverter.convert(options);
    } catch (TraceFileException e) {
      throw new UserError(e.getMessage());
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println("format: " + result.format().cliName() + ", output: " + out
        + (result.rejectsFile() == null ? "" : ", rejects: " + result.rejectsFile()));
    stdout.println(result.summary());
    stdout.flush();
    return 0;
  }
}
