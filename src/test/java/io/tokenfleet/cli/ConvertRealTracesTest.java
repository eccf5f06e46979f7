package io.tokenfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tokenfleet.trace.TraceReader;
import io.tokenfleet.trace.TraceRow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convert} on the two real traces of shared/traces, committed whole as gzipped fixtures
 * (CI clones only this repository): the Mooncake FAST'25 conversation trace as CSV and as JSONL,
 * the Azure 2023 conversation trace with the azure format and with the generic format plus a
 * column mapping, and the committed sample-traces/*.parquet against fresh conversions. Counts and
 * sums come from awk over shared/traces (the commands are next to each constant) and from a plain
 * line-by-line parse here that shares no code with the converter. BurstGPT has no real trace in
 * shared/traces; its format is covered by the hand-written burstgpt_sample.csv (TraceConverterTest).
 */
class ConvertRealTracesTest {
  // awk -F, 'NR>1 {n++; p+=$2; o+=$3; h+=split($4,a," "); last=$1} END {print n, p, o, h, last}' \
  //   shared/traces/mooncake_fast25_conversation.csv
  private static final int MOONCAKE_ROWS = 12_031;
  private static final long MOONCAKE_PROMPT_TOKENS = 144_793_823;
  private static final long MOONCAKE_OUTPUT_TOKENS = 4_122_048;
  private static final long MOONCAKE_HASH_BLOCKS = 288_500;
  private static final long MOONCAKE_LAST_TIMESTAMP_MS = 3_536_999;
  // awk -F, 'NR>1 {n++; p+=$2; o+=$3} END {print n, p, o}' shared/traces/azure_llm_2023_conv.csv
  private static final int AZURE_ROWS = 19_366;
  private static final long AZURE_PROMPT_TOKENS = 22_361_870;
  private static final long AZURE_OUTPUT_TOKENS = 4_088_665;

  @TempDir
  Path dir;

  private static Path fixture(String name) throws Exception {
    return Path.of(ConvertRealTracesTest.class.getResource("/traces/" + name).toURI());
  }

  private static List<String> gunzipLines(Path gz) throws IOException {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
        StandardCharsets.UTF_8))) {
      return in.lines().map(String::strip).toList(); // the Mooncake CSV has CRLF line ends
    }
  }

  /** Runs convert and checks its two summary lines; returns the rows written. */
  private static List<TraceRow> convert(Path input, Path out, String format, int rows, String... extra) throws IOException {
    List<String> args = new ArrayList<>(List.of("convert", input.toString(), "--out", out.toString()));
    args.addAll(List.of(extra));
    CliRunner r = CliRunner.run(args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("format: " + format + ", output: " + out + "\nrows written: " + rows + ", rows rejected: 0\n", r.out());
    return TraceReader.readAll(out);
  }

  private static long sum(List<TraceRow> rows, java.util.function.ToLongFunction<TraceRow> f) {
    return rows.stream().mapToLong(f).sum();
  }

  @Test
  void mooncakeCsvAndJsonlConvertEveryRow() throws Exception {
    Path csv = fixture("mooncake_conv_full.csv.gz");
    List<String> lines = gunzipLines(csv);
    assertEquals("timestamp,input_length,output_length,hash_ids", lines.get(0));
    List<String[]> fields = lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
    assertEquals(MOONCAKE_ROWS, fields.size());

    List<TraceRow> fromCsv = convert(csv, dir.resolve("csv.parquet"), "mooncake", MOONCAKE_ROWS);
    assertEquals(MOONCAKE_ROWS, fromCsv.size());
    assertEquals(MOONCAKE_PROMPT_TOKENS, sum(fromCsv, TraceRow::promptTokens));
    assertEquals(MOONCAKE_OUTPUT_TOKENS, sum(fromCsv, TraceRow::outputTokens));
    assertEquals(MOONCAKE_HASH_BLOCKS, sum(fromCsv, t -> Long.parseLong(t.tags().get("hash_block_count"))));
    assertEquals(MOONCAKE_LAST_TIMESTAMP_MS, fromCsv.get(MOONCAKE_ROWS - 1).arrivalTimeMs());
    for (int i = 0; i < MOONCAKE_ROWS; i++) {
      String[] f = fields.get(i);
      TraceRow row = fromCsv.get(i);
      String line = "CSV line " + (i + 2);
      assertEquals(Long.parseLong(f[0]), row.arrivalTimeMs(), line); // already ms since the trace start
      assertEquals(Integer.parseInt(f[1]), row.promptTokens(), line);
      assertEquals(Integer.parseInt(f[2]), row.outputTokens(), line);
      assertEquals(Map.of("hash_block_count", Integer.toString(f[3].isBlank() ? 0 : f[3].trim().split(" +").length)),
          row.tags(), line);
      assertNull(row.model(), line);
      assertNull(row.requestId(), line);
    }

    // the same trace as Mooncake publishes it (JSONL, hash_ids a JSON array), built here from the CSV rows, gzipped
    Path jsonl = dir.resolve("conversation_trace.jsonl.gz");
    try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(jsonl)), StandardCharsets.UTF_8)) {
      for (String[] f : fields) {
        w.write("{\"timestamp\": " + f[0] + ", \"input_length\": " + f[1] + ", \"output_length\": " + f[2]
            + ", \"hash_ids\": [" + String.join(", ", f[3].trim().split(" +")) + "]}\n");
      }
    }
    List<TraceRow> fromJsonl = convert(jsonl, dir.resolve("jsonl.parquet"), "mooncake", MOONCAKE_ROWS);
    assertEquals(fromCsv, fromJsonl);
  }

  @Test
  void genericFormatWithAMappingGivesTheAzureConvertersRows() throws Exception {
    Path csv = fixture("azure_conv_full.csv.gz");
    List<TraceRow> azure = convert(csv, dir.resolve("azure.parquet"), "azure", AZURE_ROWS);
    // the generic format reads numeric times only (arrival_time_ms or arrival_time_s); Azure's TIMESTAMP is a
    // date-time string, so it is carried as a tag and compared with the azure converter's arrivals below
    List<TraceRow> generic = convert(csv, dir.resolve("generic.parquet"), "generic", AZURE_ROWS, "--format", "generic",
        "--map", "prompt_tokens=ContextTokens,output_tokens=GeneratedTokens,tag.timestamp=TIMESTAMP");
    assertEquals(AZURE_PROMPT_TOKENS, sum(azure, TraceRow::promptTokens));
    assertEquals(AZURE_OUTPUT_TOKENS, sum(azure, TraceRow::outputTokens));

    DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSS");
    LocalDateTime origin = LocalDateTime.parse(generic.get(0).tags().get("timestamp"), format);
    for (int i = 0; i < AZURE_ROWS; i++) {
      TraceRow a = azure.get(i);
      TraceRow g = generic.get(i);
      String line = "CSV line " + (i + 2);
      assertEquals(a.promptTokens(), g.promptTokens(), line);
      assertEquals(a.outputTokens(), g.outputTokens(), line);
      assertNull(g.arrivalTimeMs(), line);
      // milliseconds since the first request, floored (the trace has 100 ns resolution)
      long nanos = Duration.between(origin, LocalDateTime.parse(g.tags().get("timestamp"), format)).toNanos();
      assertEquals(Math.floorDiv(nanos, 1_000_000L), a.arrivalTimeMs(), line);
      assertNull(a.tags(), line);
    }
  }

  @Test
  void sampleTracesAreFreshConversionsOfTheFixtures() throws Exception {
    Path samples = Paths.get("sample-traces"); // surefire runs in the project folder
    assertEquals(TraceReader.readAll(samples.resolve("azure_llm_2023_conv.parquet")),
        convert(fixture("azure_conv_full.csv.gz"), dir.resolve("azure.parquet"), "azure", AZURE_ROWS));
    assertEquals(TraceReader.readAll(samples.resolve("mooncake_fast25_conversation.parquet")),
        convert(fixture("mooncake_conv_full.csv.gz"), dir.resolve("mooncake.parquet"), "mooncake", MOONCAKE_ROWS));

    // the synthetic sample, regenerated with the command in sample-traces/README.md
    Path synthetic = dir.resolve("synthetic.parquet");
    CliRunner g = CliRunner.run("generate", "--requests", "5000", "--seed", "20231116", "--models",
        "llama-3-8b:3,llama-3-70b:1", "--out", synthetic.toString());
    assertEquals(0, g.exitCode(), g.err());
    List<TraceRow> expected = TraceReader.readAll(samples.resolve("synthetic_5k_2models.parquet"));
    assertEquals(5000, expected.size());
    assertEquals(expected, TraceReader.readAll(synthetic));
  }
}
