package io.tokenfleet.cli;

import io.tokenfleet.config.ConfigLoader;
import io.tokenfleet.config.HfConfigImporter;
import io.tokenfleet.config.ModelCatalog;
import io.tokenfleet.kernel.DecodingStrategy;
import io.tokenfleet.kernel.Dtype;
import io.tokenfleet.kernel.KvSharing;
import io.tokenfleet.kernel.ModelSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tokenfleet estimate}: parameters, FLOPs and bytes of one request on one model, or Kaplan
 * et al.'s Table 1 with {@code --kaplan}. Bad arguments exit 2 with one line on stderr.
 */
@Command(
    name = "estimate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Parameters, FLOPs and bytes of one request: prompt of P tokens, M output tokens.",
        "FLOPs count matmuls, 1 multiply-add = 2 FLOPs (Kaplan et al. 2020); exact below 2^53."})
public final class EstimateCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  ModelChoice model;

  /** A preset name or a Hugging Face config.json. */
  static final class ModelChoice {
    @Option(names = "--model", paramLabel = "NAME", description = "Model preset (tokenfleet.models in the configuration).")
    String name;

    @Option(names = "--model-config", paramLabel = "PATH",
        description = "A Hugging Face config.json (model_type gpt2, llama, mistral, mixtral, qwen2, falcon, bloom).")
    Path configJson;
  }

  @Option(names = "--prompt", paramLabel = "P", description = "Prompt tokens P (>= 1).")
  Long promptTokens;

  @Option(names = "--output", paramLabel = "M", description = "Output tokens M (>= 1).")
  Long outputTokens;

  @Option(names = "--strategy", paramLabel = "S", defaultValue = "greedy",
      description = "greedy | beam:K | parallel:N, optionally /no-cache (default: ${DEFAULT-VALUE}).")
  String strategy;

  @Option(names = "--weight-dtype", paramLabel = "T", defaultValue = "bf16",
      description = "Weight storage: fp32, bf16, fp16, fp8, int8, int4 (default: ${DEFAULT-VALUE}).")
  String weightDtype;

  @Option(names = "--kv-dtype", paramLabel = "T", defaultValue = "bf16",
      description = "KV cache storage: fp32, bf16, fp16, fp8, int8, int4 (default: ${DEFAULT-VALUE}).")
  String kvDtype;

  @Option(names = "--kv-sharing", paramLabel = "K", defaultValue = "shared-prompt",
      description = "Beams/samples share the prompt's KV (shared-prompt) or each copy it (copied) (default: ${DEFAULT-VALUE}).")
  String kvSharing;

  @Option(names = "--allow-beyond-context",
      description = "Estimate even when P + M - 1 positions exceed the model's context.")
  boolean allowBeyondContext;

  @Option(names = "--conf", paramLabel = "FILE",
      description = "Configuration override file (HOCON), repeatable; later files win.")
  List<Path> confFiles = new ArrayList<>();

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Option(names = "--kaplan", description = "Print Kaplan et al. 2020 Table 1 rows for the model instead.")
  boolean kaplan;

  @Option(names = "--n-ctx", paramLabel = "N", description = "Context length for --kaplan (default: the model's).")
  Long nCtx;

  @Override
  public Integer call() {
    ModelSpec spec = resolveModel();
    LinkedHashMap<String, Object> report = kaplan ? kaplanReport(spec) : estimateReport(spec);
    PrintWriter out = this.spec.commandLine().getOut();
    out.print(json ? JsonOutput.write(report) + System.lineSeparator() : EstimateTable.render(report));
    out.flush();
    return 0;
  }

  /** The ordered key -> value report; deployment flags add their keys here. */
  LinkedHashMap<String, Object> estimateReport(ModelSpec spec) {
    return EstimateReport.estimate(spec, request(spec));
  }

  private LinkedHashMap<String, Object> kaplanReport(ModelSpec spec) {
    long n = nCtx == null ? spec.maxContextTokens() : nCtx;
    if (n < 1) {
      throw new UserError("--n-ctx must be >= 1, got " + n);
    }
    return EstimateReport.kaplan(spec, n);
  }

  private ModelSpec resolveModel() {
    // The configuration is validated even for --model-config, so a broken --conf fails here too.
    ModelCatalog catalog = ModelCatalog.fromConfig(ConfigLoader.load(confFiles));
    if (model.configJson != null) {
      return HfConfigImporter.importFile(model.configJson);
    }
    return catalog.get(model.name);
  }

  private EstimateReport.Request request(ModelSpec spec) {
    if (promptTokens == null) {
      throw new UserError("--prompt P is required (prompt tokens, >= 1)");
    }
    if (outputTokens == null) {
      throw new UserError("--output M is required (output tokens, >= 1)");
    }
    if (promptTokens < 1) {
      throw new UserError("--prompt must be >= 1, got " + promptTokens);
    }
    if (outputTokens < 1) {
      throw new UserError("--output must be >= 1, got " + outputTokens);
    }
    DecodingStrategy decoding = DecodingStrategy.parse(strategy);
    KvSharing sharing = EstimateReport.parseKvSharing(kvSharing);
    Dtype weights = Dtype.parse(weightDtype);
    Dtype kv = Dtype.parse(kvDtype);
    long positions = EstimateReport.contextPositions(promptTokens, outputTokens);
    if (positions > spec.maxContextTokens() && !allowBeyondContext) {
      throw new UserError("prompt " + promptTokens + " + output " + outputTokens + " tokens need " + positions
          + " positions, beyond " + spec.name() + "'s context of " + spec.maxContextTokens()
          + " tokens (pass --allow-beyond-context to estimate anyway)");
    }
    return new EstimateReport.Request(promptTokens, outputTokens, decoding, sharing, weights, kv);
  }
}
