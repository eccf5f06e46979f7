package io.tokenfleet.fleet;

import java.io.Serializable;

/**
 * Everything fleet-cost keeps of a trace: per model and variant accumulators, and row counts by
 * model and reject reason. Mergeable and exact, so one per partition can be reduced in any order.
 *
 * <p>Row accounting: a row whose {@code model} is null is routed to every scenario model; a row
 * naming a scenario model is routed to that model; any other row is rejected as
 * {@link RejectReason#UNKNOWN_MODEL}. For each model, accepted + rejected = rows routed to it.
 */
public final class FleetAggregate implements Serializable {
  private static final long serialVersionUID = 1L;

  private long inputRows;
  private long unknownModelRows;
  private final long[] routedRows;
  private final long[][] rejectedRows; // [model][reason]
  private final VariantAccumulator[][] variants; // [model][variant]

  FleetAggregate(int[] variantsPerModel) {
    int models = variantsPerModel.length;
    routedRows = new long[models];
    rejectedRows = new long[models][RejectReason.values().length];
    variants = new VariantAccumulator[models][];
    for (int m = 0; m < models; m++) {
      variants[m] = new VariantAccumulator[variantsPerModel[m]];
      for (int v = 0; v < variantsPerModel[m]; v++) {
        variants[m][v] = new VariantAccumulator();
      }
    }
  }

  void countInputRow() {
    inputRows++;
  }

  void countUnknownModel() {
    unknownModelRows++;
  }

  void countRouted(int model) {
    routedRows[model]++;
  }

  void countRejected(int model, RejectReason reason) {
    rejectedRows[model][reason.ordinal()]++;
  }

  VariantAccumulator variant(int model, int variant) {
    return variants[model][variant];
  }

  /** Adds {@code other} into this aggregate and returns this. */
  public FleetAggregate merge(FleetAggregate other) {
    inputRows += other.inputRows;
    unknownModelRows += other.unknownModelRows;
    for (int m = 0; m < routedRows.length; m++) {
      routedRows[m] += other.routedRows[m];
      for (int r = 0; r < rejectedRows[m].length; r++) {
        rejectedRows[m][r] += other.rejectedRows[m][r];
      }
      for (int v = 0; v < variants[m].length; v++) {
        variants[m][v].merge(other.variants[m][v]);
      }
    }
    return this;
  }

  /** Rows read from the trace. */
  public long inputRows() {
    return inputRows;
  }

  /** Rows naming a model that is not in the scenario (rejected for every model). */
  public long unknownModelRows() {
    return unknownModelRows;
  }

  /** Rows routed to model {@code model} (its own rows plus rows with no model). */
  public long routedRows(int model) {
    return routedRows[model];
  }

  /** Rows rejected for {@code model} for {@code reason}. */
  public long rejectedRows(int model, RejectReason reason) {
    return rejectedRows[model][reason.ordinal()];
  }

  /** Rows rejected for {@code model}, all reasons. */
  public long rejectedRows(int model) {
    long sum = 0;
    for (long r : rejectedRows[model]) {
      sum += r;
    }
    return sum;
  }

  /** Rows rejected for any reason across models, plus unknown-model rows (a row rejected for two models counts twice). */
  public long totalRejections() {
    long sum = unknownModelRows;
    for (int m = 0; m < routedRows.length; m++) {
      sum += rejectedRows(m);
    }
    return sum;
  }

  /** The accumulator of one variant. */
  public VariantAccumulator accumulator(int model, int variant) {
    return variants[model][variant];
  }
}
