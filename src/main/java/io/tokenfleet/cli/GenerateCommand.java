package io.tokenfleet.cli;

import com.typesafe.config.ConfigFactory;
import io.tokenfleet.config.TraceConfig;
import io.tokenfleet.trace.TraceSchema;
import io.tokenfleet.trace.gen.ArrivalProcess;
import io.tokenfleet.trace.gen.DistributionSpecs;
import io.tokenfleet.trace.gen.GeneratorSpec;
import io.tokenfleet.trace.gen.LogNormalTokens;
import io.tokenfleet.trace.gen.ModelMix;
import io.tokenfleet.trace.gen.SyntheticTraceGenerator;
import io.tokenfleet.trace.gen.TokenDistribution;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tokenfleet generate --requests N --out FILE.parquet --seed S}: a seeded synthetic trace. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Generate a seeded synthetic trace straight to Parquet (same seed and options = same bytes).",
        "Defaults are fitted to the Azure 2023 conversation trace; see docs/traces.md."})
final class GenerateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--requests", required = true, paramLabel = "N", description = "Number of requests (rows), >= 1.")
  long requests;

  @Option(names = "--out", required = true, paramLabel = "FILE.parquet", description = "Parquet file to write.")
  Path out;

  @Option(names = "--seed", required = true, paramLabel = "S", description = "Random seed.")
  long seed;

  @Option(names = "--prompt-dist", paramLabel = "SPEC",
      description = "lognormal:MU,SIGMA (of ln tokens) or empirical:TRACE.parquet (default: trace.generate in reference.conf).")
  String promptDist;

  @Option(names = "--output-dist", paramLabel = "SPEC", description = "Same forms as --prompt-dist, for output tokens.")
  String outputDist;

  @Option(names = "--arrivals", paramLabel = "SPEC",
      description = "poisson:RATE_PER_S or gamma:RATE_PER_S,CV (default: poisson at trace.generate.arrival-rate-per-second).")
  String arrivals;

  @Option(names = "--models", paramLabel = "m1[:w1],m2[:w2]", description = "Models with optional weights (default: none, model column null).")
  String models;

  @Option(names = "--max-prompt-tokens", paramLabel = "X", defaultValue = "2147483647",
      description = "Clamp prompt lengths to at most X (draws above X become X).")
  int maxPromptTokens;

  @Option(names = "--max-output-tokens", paramLabel = "X", defaultValue = "2147483647",
      description = "Clamp output lengths to at most X.")
  int maxOutputTokens;

  @Option(names = "--overwrite", description = "Replace an existing output file.")
  boolean overwrite;

  @Override
  public Integer call() throws IOException {
    TraceConfig config = TraceConfig.from(ConfigFactory.load());
    if (Files.exists(out) && !overwrite) {
      throw new UserError(out + ": already exists (use --overwrite to replace it)");
    }
    TokenDistribution prompt = promptDist == null
        ? new LogNormalTokens(config.promptLogMu(), config.promptLogSigma(), maxPromptTokens)
        : DistributionSpecs.tokens(promptDist, TraceSchema.PROMPT_TOKENS, maxPromptTokens, "--prompt-dist");
    TokenDistribution output = outputDist == null
        ? new LogNormalTokens(config.outputLogMu(), config.outputLogSigma(), maxOutputTokens)
        : DistributionSpecs.tokens(outputDist, TraceSchema.OUTPUT_TOKENS, maxOutputTokens, "--output-dist");
    ArrivalProcess arrival = arrivals == null ? ArrivalProcess.poisson(config.arrivalRatePerSecond())
        : DistributionSpecs.arrivals(arrivals);
    GeneratorSpec g = new GeneratorSpec(requests, seed, prompt, output, arrival, ModelMix.parse(models));

    Path target = out.toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    long startNanos = System.nanoTime();
    long rows;
    try {
      rows = SyntheticTraceGenerator.generate(g, tmp, config.parquet());
      try {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println("generated: " + g.describe());
    stdout.printf("rows written: %d to %s in %.1f s (%.0f rows/s)%n", rows, out, seconds, rows / seconds);
    stdout.flush();
    return 0;
  }
}
