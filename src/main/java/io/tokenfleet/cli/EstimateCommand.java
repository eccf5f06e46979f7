package io.tokenfleet.cli;

import com.typesafe.config.Config;
import io.tokenfleet.config.ConfigLoader;
import io.tokenfleet.config.GpuCatalogConfig;
import io.tokenfleet.config.HfConfigImporter;
import io.tokenfleet.config.ModelCatalog;
import io.tokenfleet.config.TimeModelConfig;
import io.tokenfleet.cost.Deployment;
import io.tokenfleet.cost.TimeModel;
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
 * et al.'s Table 1 with {@code --kaplan}. With {@code --gpu} it also prices the request on one
 * replica (GPU x tp) served in a batch of {@code --batch} identical requests, under the flops or
 * roofline time model (docs/cost-model.md). Bad arguments exit 2 with one line on stderr.
 */
@Command(
    name = "estimate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Parameters, FLOPs and bytes of one request: prompt of P tokens, M output tokens.",
        "FLOPs count matmuls, 1 multiply-add = 2 FLOPs (Kaplan et al. 2020); exact below 2^53.",
        "With --gpu: time, GPU-seconds and dollars of the request on one replica (docs/cost-model.md)."})
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

  @Option(names = "--gpu", paramLabel = "ID",
      description = "Price the request on this GPU (tokenfleet.gpus, e.g. h100-sxm); adds time, GPU-seconds and dollars.")
  String gpu;

  @Option(names = "--tp", paramLabel = "N",
      description = "Tensor-parallel degree: GPUs per replica (>= 1; default 1). Needs --gpu.")
  Integer tensorParallel;

  @Option(names = "--batch", paramLabel = "B",
      description = "Requests of this shape served together (>= 1; default 1); each is charged 1/B. Needs --gpu.")
  Integer batch;

  @Option(names = "--time-model", paramLabel = "NAME",
      description = "flops | roofline (default: tokenfleet.time-model.default). Needs --gpu.")
  String timeModel;

  @Override
  public Integer call() {
    Config config = ConfigLoader.load(confFiles);
    ModelSpec spec = resolveModel(config);
    LinkedHashMap<String, Object> report = kaplan ? kaplanReport(spec) : estimateReport(spec, config);
    PrintWriter out = this.spec.commandLine().getOut();
    out.print(json ? JsonOutput.write(report) + System.lineSeparator() : EstimateTable.render(report));
    out.flush();
    return 0;
  }

  /** The ordered key -> value report: the request's figures, then the deployment's with --gpu. */
  LinkedHashMap<String, Object> estimateReport(ModelSpec spec, Config config) {
    checkDeploymentFlags();
    EstimateReport.Request request = request(spec);
    LinkedHashMap<String, Object> report = EstimateReport.estimate(spec, request);
    if (gpu != null) {
      TimeModelConfig timeModels = TimeModelConfig.from(config);
      TimeModel model = timeModels.models().byName(timeModel);
      report.putAll(EstimateReport.deployment(request, deployment(spec, request, config, timeModels), model, batch()));
    }
    return report;
  }

  private void checkDeploymentFlags() {
    if (gpu == null && (tensorParallel != null || batch != null || timeModel != null)) {
      throw new UserError("--tp, --batch and --time-model need --gpu ID (the GPU to price the request on)");
    }
    if (tensorParallel != null && tensorParallel < 1) {
      throw new UserError("--tp must be >= 1, got " + tensorParallel);
    }
    if (batch != null && batch < 1) {
      throw new UserError("--batch must be >= 1, got " + batch);
    }
  }

  private int batch() {
    return batch == null ? 1 : batch;
  }

  /**
   * One replica as docs/cost-model.md builds it. No scheduler cap on the batch: max_batch then
   * reports how many requests of this shape fit next to the weights.
   */
  private Deployment deployment(ModelSpec spec, EstimateReport.Request r, Config config, TimeModelConfig timeModels) {
    Deployment d = new Deployment(spec, GpuCatalogConfig.from(config).get(gpu),
        tensorParallel == null ? 1 : tensorParallel, r.weightDtype(), r.kvDtype(), Integer.MAX_VALUE, r.kvSharing(),
        timeModels.memoryReserveFraction());
    if (!d.weightsFit()) {
      throw new UserError(d.infeasibility());
    }
    return d;
  }

  private LinkedHashMap<String, Object> kaplanReport(ModelSpec spec) {
    if (gpu != null || tensorParallel != null || batch != null || timeModel != null) {
      throw new UserError("--gpu, --tp, --batch and --time-model do not apply to --kaplan");
    }
    long n = nCtx == null ? spec.maxContextTokens() : nCtx;
    if (n < 1) {
      throw new UserError("--n-ctx must be >= 1, got " + n);
    }
    return EstimateReport.kaplan(spec, n);
  }

  private ModelSpec resolveModel(Config config) {
    // The configuration is validated even for --model-config, so a broken --conf fails here too.
    ModelCatalog catalog = ModelCatalog.fromConfig(config);
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
