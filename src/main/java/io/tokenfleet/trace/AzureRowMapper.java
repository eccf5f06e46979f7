package io.tokenfleet.trace;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Map;

/**
 * Azure LLM inference trace (Patel et al., "Splitwise", ISCA 2024; Azure/AzurePublicDataset):
 * TIMESTAMP ("2023-11-16 18:15:46.6805900", UTC, 100 ns resolution), ContextTokens,
 * GeneratedTokens. arrival_time_ms is relative to the first parseable timestamp, floored to the
 * millisecond; rows earlier than it are rejected as negative (the published traces are sorted).
 * The origin is kept in the Parquet footer as {@value #ORIGIN_KEY}.
 */
final class AzureRowMapper implements RowMapper {
  static final String ORIGIN_KEY = "tokenfleet.time_origin_utc";
  static final String BAD_TIMESTAMP = TraceSchema.ARRIVAL_TIME_MS + " not a timestamp";

  private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral(' ').optionalEnd()
      .optionalStart().appendLiteral('T').optionalEnd()
      .append(DateTimeFormatter.ISO_LOCAL_TIME)
      .optionalStart().appendOffsetId().optionalEnd()
      .toFormatter();

  private final int timestampCol;
  private final int contextCol;
  private final int generatedCol;
  private Long originNanos;

  AzureRowMapper(List<String> header, String fileName) {
    timestampCol = Columns.require(header, "TIMESTAMP", "arrival_time_ms", fileName);
    contextCol = Columns.require(header, "ContextTokens", "prompt_tokens", fileName);
    generatedCol = Columns.require(header, "GeneratedTokens", "output_tokens", fileName);
  }

  @Override
  public TraceRow map(SourceRow row) throws RowReject {
    long nanos = epochNanos(row.value(timestampCol));
    if (originNanos == null) {
      originNanos = nanos;
    }
    long arrivalMs = Math.floorDiv(nanos - originNanos, 1_000_000L);
    long prompt = Fields.integer(row.value(contextCol), TraceSchema.PROMPT_TOKENS);
    long output = Fields.integer(row.value(generatedCol), TraceSchema.OUTPUT_TOKENS);
    return RowMapper.row(null, arrivalMs, prompt, output, null, null);
  }

  /** Nanoseconds since the epoch; a timestamp without offset is taken as UTC. */
  static long epochNanos(String text) throws RowReject {
    if (text == null || text.isBlank()) {
      throw new RowReject(TraceSchema.ARRIVAL_TIME_MS + " missing");
    }
    try {
      TemporalAccessor t = TIMESTAMP.parse(text.strip());
      OffsetDateTime odt = t.isSupported(ChronoField.OFFSET_SECONDS)
          ? OffsetDateTime.from(t) : LocalDateTime.from(t).atOffset(ZoneOffset.UTC);
      Instant i = odt.toInstant();
      return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new RowReject(BAD_TIMESTAMP);
    }
  }

  @Override
  public Map<String, String> metadata() {
    if (originNanos == null) {
      return Map.of();
    }
    Instant origin = Instant.ofEpochSecond(Math.floorDiv(originNanos, 1_000_000_000L),
        Math.floorMod(originNanos, 1_000_000_000L));
    return Map.of(ORIGIN_KEY, origin.toString());
  }
}
