package io.tokenfleet.report;

import io.tokenfleet.fleet.SummaryRow;
import java.util.function.Function;

/**
 * The columns of fleet-cost's summary, in file order: the single source of truth for the CSV header,
 * the CSV reader, the Spark job's Parquet schema and the metrics table of docs/METRICS.md
 * ({@link #metricsMarkdownTable()}). Names are snake_case and carry their units.
 */
public enum SummaryColumn {
  MODEL("model", ColumnType.STRING, "", "model preset name", SummaryRow::model),
  STRATEGY("strategy", ColumnType.STRING, "", "decoding family without the cache suffix: greedy, beam:K, parallel:N", SummaryRow::strategy),
  KV_CACHE("kv_cache", ColumnType.BOOLEAN, "", "true when keys and values of earlier positions are cached", SummaryRow::kvCache),
  GPU("gpu", ColumnType.STRING, "", "GPU id from the catalog", SummaryRow::gpu),
  TP("tp", ColumnType.INT, "GPUs", "tensor-parallel degree: GPUs per replica", SummaryRow::tp),
  REQUESTS("requests", ColumnType.LONG, "requests", "accepted requests served by this variant", SummaryRow::requests),
  PROMPT_TOKENS("prompt_tokens", ColumnType.LONG, "tokens", "sum of accepted requests' prompt tokens", SummaryRow::promptTokens),
  OUTPUT_TOKENS("output_tokens", ColumnType.LONG, "tokens", "sum of accepted requests' output tokens", SummaryRow::outputTokens),
  FLOPS_PREFILL("flops_prefill", ColumnType.DOUBLE, "FLOP", "sum of prefill FLOPs", SummaryRow::flopsPrefill),
  FLOPS_DECODE("flops_decode", ColumnType.DOUBLE, "FLOP", "sum of decode FLOPs", SummaryRow::flopsDecode),
  FLOPS_TOTAL("flops_total", ColumnType.DOUBLE, "FLOP", "flops_prefill + flops_decode", SummaryRow::flopsTotal),
  GPU_HOURS("gpu_hours", ColumnType.DOUBLE, "GPU-hours", "GPU time for the whole trace, all GPUs of a replica counted", SummaryRow::gpuHours),
  DOLLARS("dollars", ColumnType.DOUBLE, "USD", "gpu_hours x dollars per GPU-hour", SummaryRow::dollars),
  DOLLARS_PER_M_INPUT_TOKENS("dollars_per_m_input_tokens", ColumnType.DOUBLE, "USD per 1e6 tokens",
      "dollars of prefill time per 1e6 prompt tokens", SummaryRow::dollarsPerMInputTokens),
  DOLLARS_PER_M_OUTPUT_TOKENS("dollars_per_m_output_tokens", ColumnType.DOUBLE, "USD per 1e6 tokens",
      "dollars of decode time per 1e6 output tokens", SummaryRow::dollarsPerMOutputTokens),
  TTFT_P50_S("ttft_p50_s", ColumnType.DOUBLE, "s", "median time to first token", SummaryRow::ttftP50S),
  TTFT_P99_S("ttft_p99_s", ColumnType.DOUBLE, "s", "99th percentile time to first token", SummaryRow::ttftP99S),
  E2E_P50_S("e2e_p50_s", ColumnType.DOUBLE, "s", "median end-to-end latency", SummaryRow::e2eP50S),
  E2E_P99_S("e2e_p99_s", ColumnType.DOUBLE, "s", "99th percentile end-to-end latency", SummaryRow::e2eP99S),
  KV_PEAK_BYTES_P99("kv_peak_bytes_p99", ColumnType.DOUBLE, "bytes", "99th percentile of a request's peak KV-cache bytes", SummaryRow::kvPeakBytesP99),
  REJECTED("rejected", ColumnType.LONG, "rows", "input rows rejected for this model (requests + rejected = input rows routed to it)", SummaryRow::rejected);

  private final String columnName;
  private final ColumnType type;
  private final String unit;
  private final String description;
  private final Function<SummaryRow, Object> extractor;

  SummaryColumn(String columnName, ColumnType type, String unit, String description, Function<SummaryRow, Object> extractor) {
    this.columnName = columnName;
    this.type = type;
    this.unit = unit;
    this.description = description;
    this.extractor = extractor;
  }

  /** The snake_case name used in CSV headers, Parquet schemas and docs. */
  public String columnName() {
    return columnName;
  }

  public ColumnType type() {
    return type;
  }

  /** Unit of the values, empty for names and flags. */
  public String unit() {
    return unit;
  }

  public String description() {
    return description;
  }

  /** The boxed value of this column in {@code row} (String, Boolean, Integer, Long or Double per {@link #type()}). */
  public Object value(SummaryRow row) {
    return extractor.apply(row);
  }

  /** The exact CSV text of this column in {@code row}. */
  public String csvText(SummaryRow row) {
    return type.format(value(row));
  }

  /** The header names in file order. */
  public static String[] header() {
    SummaryColumn[] columns = values();
    String[] names = new String[columns.length];
    for (int i = 0; i < columns.length; i++) {
      names[i] = columns[i].columnName;
    }
    return names;
  }

  /** The column with this snake_case name. */
  public static SummaryColumn byName(String columnName) {
    for (SummaryColumn column : values()) {
      if (column.columnName.equals(columnName)) {
        return column;
      }
    }
    throw new IllegalArgumentException("unknown summary column '" + columnName + "'");
  }

  /**
   * The metrics table for docs/METRICS.md: one Markdown row per column, in file order, with name,
   * type, unit and description.
   */
  public static String metricsMarkdownTable() {
    StringBuilder out = new StringBuilder("| column | type | unit | meaning |\n|---|---|---|---|\n");
    for (SummaryColumn column : values()) {
      out.append("| `").append(column.columnName).append("` | ")
          .append(column.type.name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
          .append(column.unit.isEmpty() ? "-" : column.unit).append(" | ")
          .append(column.description.replace("|", "\\|")).append(" |\n");
    }
    return out.toString();
  }
}
