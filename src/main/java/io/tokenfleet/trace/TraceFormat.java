package io.tokenfleet.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Source trace layouts that {@code convert} understands, with the header columns each needs. */
public enum TraceFormat {
  /** Azure LLM inference traces 2023/2024: TIMESTAMP, ContextTokens, GeneratedTokens. */
  AZURE(List.of("TIMESTAMP", "ContextTokens", "GeneratedTokens")),
  /** BurstGPT: Timestamp (s), Model, Request tokens, Response tokens, Total tokens, Log Type. */
  BURSTGPT(List.of("Timestamp", "Model", "Request tokens", "Response tokens")),
  /** Mooncake FAST'25 traces: timestamp (ms), input_length, output_length[, hash_ids]. */
  MOONCAKE(List.of("timestamp", "input_length", "output_length")),
  /** Canonical column names, or any columns given by --map. */
  GENERIC(List.of(TraceSchema.PROMPT_TOKENS, TraceSchema.OUTPUT_TOKENS));

  private final List<String> requiredColumns;

  TraceFormat(List<String> requiredColumns) {
    this.requiredColumns = requiredColumns;
  }

  /** Columns the header must contain (compared case-insensitively, after trimming). */
  public List<String> requiredColumns() {
    return requiredColumns;
  }

  /** Lower-case name as used on the command line. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a --format value (auto is handled by the caller). */
  public static TraceFormat fromCliName(String name) {
    for (TraceFormat f : values()) {
      if (f.cliName().equalsIgnoreCase(name.strip())) {
        return f;
      }
    }
    throw new IllegalArgumentException("--format must be one of auto, azure, mooncake, burstgpt, generic, got '" + name + "'");
  }

  /** The required columns absent from {@code header}. */
  public List<String> missingFrom(List<String> header) {
    List<String> missing = new ArrayList<>();
    for (String c : requiredColumns) {
      if (Columns.indexOf(header, c) < 0) {
        missing.add(c);
      }
    }
    return missing;
  }

  /**
   * The first format, in declaration order, whose required columns are all present. The
   * required sets differ beyond the shared timestamp column, so at most one named format matches
   * a real trace header; GENERIC comes last.
   *
   * @throws TraceFileException listing the known headers when nothing matches
   */
  public static TraceFormat detect(List<String> header, String fileName) {
    for (TraceFormat f : values()) {
      if (f.missingFrom(header).isEmpty()) {
        return f;
      }
    }
    StringBuilder known = new StringBuilder();
    for (TraceFormat f : values()) {
      known.append(known.length() == 0 ? "" : "; ").append(f.cliName()).append(" (")
          .append(String.join(", ", f.requiredColumns)).append(')');
    }
    throw new TraceFileException(fileName + ": cannot detect the trace format from header " + header
        + "; known headers: " + known + "; or use --format generic --map prompt_tokens=COL,output_tokens=COL");
  }
}
