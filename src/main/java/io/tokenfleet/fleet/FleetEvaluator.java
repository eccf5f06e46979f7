package io.tokenfleet.fleet;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet-cost computation without Spark: routes and validates rows, counts request shapes per
 * partition, costs each distinct shape once per variant, and produces a mergeable
 * {@link FleetAggregate}. The Spark job only feeds it rows and reduces the aggregates, so all of
 * the logic is testable here.
 */
public final class FleetEvaluator implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Model index of a row with no model: routed to every model. */
  public static final int ALL_MODELS = -1;
  /** Model index of a row whose model is not in the scenario. */
  public static final int UNKNOWN_MODEL = -2;
  /**
   * Distinct shapes a partition counts before costing them (then it costs, forgets and goes on, so a
   * shape can be costed more than once per partition but memory stays bounded). A long trace of one
   * model has a few million distinct (prompt, output) pairs; costing them once per partition, not
   * once per flush, is what makes a large partition cheap. With the sort buffers, at most ~130 MB
   * per task and model (the list of 16 bytes a shape and the merge's second list, 64 MB of sort
   * buffers), plus the dense counts (16 MB per task for all models) and the decode tables of the
   * variant being costed (a few MB).
   */
  private static final int FLUSH_DISTINCT_PAIRS = 1 << 22;
  /**
   * Shapes buffered before a sort and merge (at most 32 MB and as much scratch, grown as rows come):
   * each merge copies the distinct list, so large chunks keep merging a small share of the work.
   */
  private static final int SORT_CHUNK_PAIRS = 1 << 22;
  /** Rows a partition sees before laying out its dense counts (smaller partitions only sort). */
  private static final int DENSE_SAMPLE_PAIRS = 1 << 16;
  /**
   * At most 2^22 dense counts, 16 MB per task, split evenly between the scenario's models: for
   * one model, room for prompts below 4,096 and outputs below 1,024, or the like, which is where
   * most of a chat trace's requests fall. More models get smaller regions (more of their rows
   * sorted) rather than more memory.
   */
  private static final int DENSE_BITS = 22;

  private final List<ModelVariants> models;
  private final Map<String, Integer> indexByName;
  /** Per model and variant: the first variant of the model with the same cost identity. */
  private final int[][] costRepresentative;

  public FleetEvaluator(List<ModelVariants> models) {
    if (models.isEmpty()) {
      throw new IllegalArgumentException("models must not be empty");
    }
    this.models = List.copyOf(models);
    Map<String, Integer> index = new HashMap<>();
    for (int m = 0; m < this.models.size(); m++) {
      if (index.put(this.models.get(m).model(), m) != null) {
        throw new IllegalArgumentException("model '" + this.models.get(m).model() + "' appears twice in the scenario");
      }
    }
    this.indexByName = Map.copyOf(index);
    this.costRepresentative = new int[this.models.size()][];
    for (int m = 0; m < this.models.size(); m++) {
      List<Variant> variants = this.models.get(m).variants();
      int[] representative = new int[variants.size()];
      for (int v = 0; v < variants.size(); v++) {
        representative[v] = v;
        for (int u = 0; u < v; u++) {
          if (variants.get(u).coster().costIdentity().equals(variants.get(v).coster().costIdentity())) {
            representative[v] = u;
            break;
          }
        }
      }
      costRepresentative[m] = representative;
    }
  }

  public List<ModelVariants> models() {
    return models;
  }

  /** Index of a trace's model name: {@link #ALL_MODELS} for null, {@link #UNKNOWN_MODEL} if not in the scenario. */
  public int modelIndex(String model) {
    if (model == null) {
      return ALL_MODELS;
    }
    Integer index = indexByName.get(model);
    return index == null ? UNKNOWN_MODEL : index;
  }

  /**
   * Why a row is rejected for model {@code model} (an index, not ALL/UNKNOWN), or null if accepted.
   * Nulls are passed as {@code promptNull}/{@code outputNull} so callers need not box.
   */
  public RejectReason rejectReason(int model, boolean promptNull, long promptTokens, boolean outputNull, long outputTokens) {
    if (promptNull || outputNull) {
      return RejectReason.MISSING_TOKENS;
    }
    if (promptTokens < 1 || outputTokens < 1) {
      return RejectReason.NON_POSITIVE_TOKENS;
    }
    if (promptTokens > Integer.MAX_VALUE || outputTokens > Integer.MAX_VALUE) {
      return RejectReason.TOKENS_TOO_LARGE;
    }
    ModelVariants spec = models.get(model);
    // The M-th output token is never fed back, so a request occupies P + M - 1 positions (as estimate checks).
    if (!spec.allowBeyondContext() && promptTokens + outputTokens - 1 > spec.maxContextTokens()) {
      return RejectReason.BEYOND_CONTEXT;
    }
    return null;
  }

  /** The reject detail of a row naming {@code model}, which is not in the scenario. */
  public String unknownModelDetail(String model) {
    return "model '" + model + "' is not in the scenario (models: "
        + String.join(", ", models.stream().map(ModelVariants::model).toList()) + ")";
  }

  /** The reject detail of a row rejected for model index {@code model} with {@code reason}. */
  public String rejectDetail(int model, RejectReason reason, long promptTokens, long outputTokens) {
    return reason == RejectReason.BEYOND_CONTEXT
        ? reason.description() + " (" + (promptTokens + outputTokens - 1) + " > " + models.get(model).maxContextTokens() + ")"
        : reason.description();
  }

  /** A fresh per-partition state. */
  public Partition newPartition() {
    return new Partition();
  }

  /** Per-partition state: shape counters per model and the aggregate being filled. Not thread-safe. */
  public final class Partition {
    private final ShapeCounter[] shapes = new ShapeCounter[models.size()];
    private final FleetAggregate aggregate = newAggregate();

    private Partition() {
      int ceilLog2Models = 32 - Integer.numberOfLeadingZeros(shapes.length - 1);
      int denseBitsPerModel = Math.max(0, DENSE_BITS - ceilLog2Models);
      for (int m = 0; m < shapes.length; m++) {
        shapes[m] = new ShapeCounter(SORT_CHUNK_PAIRS, FLUSH_DISTINCT_PAIRS, DENSE_SAMPLE_PAIRS, denseBitsPerModel);
      }
    }

    /** Accepts one input row; {@code model} from {@link #modelIndex}. */
    public void accept(int model, boolean promptNull, long promptTokens, boolean outputNull, long outputTokens) {
      aggregate.countInputRow();
      if (model == UNKNOWN_MODEL) {
        aggregate.countUnknownModel();
        return;
      }
      if (model == ALL_MODELS) {
        for (int m = 0; m < shapes.length; m++) {
          route(m, promptNull, promptTokens, outputNull, outputTokens);
        }
      } else {
        route(model, promptNull, promptTokens, outputNull, outputTokens);
      }
    }

    private void route(int m, boolean promptNull, long promptTokens, boolean outputNull, long outputTokens) {
      aggregate.countRouted(m);
      RejectReason reason = rejectReason(m, promptNull, promptTokens, outputNull, outputTokens);
      if (reason != null) {
        aggregate.countRejected(m, reason);
        return;
      }
      if (shapes[m].add((int) promptTokens, (int) outputTokens)) {
        flush(m);
      }
    }

    /** Costs the counted shapes once per group of identically costed variants (copied in finish). */
    private void flush(int m) {
      List<Variant> variants = models.get(m).variants();
      for (int v = 0; v < variants.size(); v++) {
        if (costRepresentative[m][v] != v) {
          continue;
        }
        variants.get(v).coster().costAll(shapes[m], aggregate.variant(m, v));
      }
      shapes[m].clear();
    }

    /** Costs the counted shapes and returns the partition's aggregate. */
    public FleetAggregate finish() {
      for (int m = 0; m < shapes.length; m++) {
        flush(m);
        for (int v = 0; v < costRepresentative[m].length; v++) {
          if (costRepresentative[m][v] != v) {
            aggregate.variant(m, v).merge(aggregate.variant(m, costRepresentative[m][v]));
          }
        }
      }
      return aggregate;
    }
  }

  /** An empty aggregate shaped for this scenario (the identity of merge). */
  public FleetAggregate newAggregate() {
    int[] variantsPerModel = new int[models.size()];
    for (int m = 0; m < variantsPerModel.length; m++) {
      variantsPerModel[m] = models.get(m).variants().size();
    }
    return new FleetAggregate(variantsPerModel);
  }

  /** Summary rows in scenario order (models, then their variants). */
  public List<SummaryRow> summaryRows(FleetAggregate aggregate) {
    List<SummaryRow> rows = new ArrayList<>();
    for (int m = 0; m < models.size(); m++) {
      ModelVariants model = models.get(m);
      for (int v = 0; v < model.variants().size(); v++) {
        Variant variant = model.variants().get(v);
        rows.add(aggregate.accumulator(m, v).toRow(model.model(), variant.strategyFamily(), variant.kvCache(),
            variant.gpu(), variant.tp(), variant.dollarsPerGpuHour(), aggregate.rejectedRows(m)));
      }
    }
    return rows;
  }

  /** Per-request cost histograms in scenario order. */
  public List<CostDistribution> costDistributions(FleetAggregate aggregate) {
    List<CostDistribution> result = new ArrayList<>();
    for (int m = 0; m < models.size(); m++) {
      ModelVariants model = models.get(m);
      for (int v = 0; v < model.variants().size(); v++) {
        Variant variant = model.variants().get(v);
        String strategy = variant.kvCache() ? variant.strategyFamily() : variant.strategyFamily() + "/no-cache";
        result.add(aggregate.accumulator(m, v).costDistribution(model.model(), strategy,
            variant.gpu() + ":" + variant.tp(), variant.dollarsPerGpuHour()));
      }
    }
    return result;
  }
}
