package io.tokenfleet.trace;

import static io.tokenfleet.trace.Fixtures.trace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceConverterTest {
  @TempDir
  Path dir;

  private ConversionResult convert(Path input, TraceFormat format, ColumnMapping mapping) {
    return TraceConverter.convert(new ConvertOptions(input, dir.resolve("out.parquet"), format, mapping, null,
        false, false, null));
  }

  private List<TraceRow> output() throws IOException {
    return TraceReader.readAll(dir.resolve("out.parquet"));
  }

  @Test
  void azureFullTraceConvertsEveryRowWithTimesRelativeToTheFirst() throws IOException {
    Path input = trace("azure_conv_full.csv.gz");
    ConversionResult r = convert(input, null, null);
    assertEquals(TraceFormat.AZURE, r.format());
    // shared/REFERENCE.md: 19,366 rows, all with positive tokens
    assertEquals(19_366, r.dataRowsRead());
    assertEquals(19_366, r.rowsWritten());
    assertEquals(0, r.rowsRejected());
    assertEquals("rows written: 19366, rows rejected: 0", r.summary());
    assertNull(r.rejectsFile());

    List<TraceRow> rows = output();
    // CSV line 2: 2023-11-16 18:15:46.6805900,374,44 (the origin)
    assertEquals(TraceRow.of(0L, 374, 44), rows.get(0));
    // line 3: 18:15:50.9951690 - 18:15:46.6805900 = 4.3145790 s -> floor 4314 ms; 396, 109
    assertEquals(TraceRow.of(4314L, 396, 109), rows.get(1));
    // line 4: 18:15:51.2224670 - 18:15:46.6805900 = 4.5418770 s -> 4541 ms; 879, 55
    assertEquals(TraceRow.of(4541L, 879, 55), rows.get(2));
    // last line: 19:14:08.4025270 - 18:15:46.6805900 = 58 min 21.7219370 s = 3501.7219370 s
    assertEquals(TraceRow.of(3_501_721L, 197, 183), rows.get(rows.size() - 1));

    // token sums against a brute-force pass over the CSV text
    long promptSum = 0;
    long outputSum = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(input)), StandardCharsets.UTF_8))) {
      in.readLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split(",");
        promptSum += Long.parseLong(f[1]);
        outputSum += Long.parseLong(f[2]);
      }
    }
    assertEquals(promptSum, rows.stream().mapToLong(TraceRow::promptTokens).sum());
    assertEquals(outputSum, rows.stream().mapToLong(TraceRow::outputTokens).sum());
  }

  @Test
  void azureFooterKeepsTheAbsoluteOriginAndTheSource() throws IOException {
    convert(trace("azure_conv_head200.csv"), TraceFormat.AZURE, null);
    try (ParquetFileReader f = ParquetFileReader.open(new LocalInputFile(dir.resolve("out.parquet")))) {
      Map<String, String> meta = f.getFileMetaData().getKeyValueMetaData();
      assertEquals("2023-11-16T18:15:46.680590Z", meta.get(AzureRowMapper.ORIGIN_KEY));
      assertEquals("azure", meta.get(TraceConverter.SOURCE_FORMAT_KEY));
      assertEquals("azure_conv_head200.csv", meta.get(TraceConverter.SOURCE_FILE_KEY));
    }
  }

  @Test
  void mooncakeCsvKeepsTheHashBlockCount() throws IOException {
    ConversionResult r = convert(trace("mooncake_conv_head200.csv"), null, null);
    assertEquals(TraceFormat.MOONCAKE, r.format());
    assertEquals(200, r.rowsWritten());
    assertEquals(0, r.rowsRejected());
    // line 2: 0,6758,500,0 1 2 ... 13 -> 14 prefix blocks
    TraceRow first = output().get(0);
    assertEquals(0L, first.arrivalTimeMs());
    assertEquals(6758, first.promptTokens());
    assertEquals(500, first.outputTokens());
    assertEquals(Map.of("hash_block_count", "14"), first.tags());
  }

  @Test
  void mooncakeJsonlGivesTheSameRowsAsItsCsv() throws IOException {
    ConversionResult r = TraceConverter.convert(new ConvertOptions(trace("mooncake_conv_head50.jsonl"),
        dir.resolve("out.parquet"), null, null, null, false, true, null));
    assertEquals(TraceFormat.MOONCAKE, r.format());
    assertEquals(50, r.rowsWritten());
    TraceRow first = output().get(0);
    assertEquals(6758, first.promptTokens());
    assertEquals("0 1 2 3 4 5 6 7 8 9 10 11 12 13", first.tags().get("hash_ids"));
    assertEquals("14", first.tags().get("hash_block_count"));

    Path csvOut = dir.resolve("csv.parquet");
    TraceConverter.convert(new ConvertOptions(trace("mooncake_conv_head200.csv"), csvOut, null, null, null,
        false, true, null));
    assertEquals(TraceReader.readAll(csvOut).subList(0, 50), output());
  }

  @Test
  void burstGptRejectsFailedRequestsAndConvertsSecondsToMs() throws IOException {
    ConversionResult r = convert(trace("burstgpt_sample.csv"), null, null);
    assertEquals(TraceFormat.BURSTGPT, r.format());
    // 6 data rows; lines 3 and 6 have 0 response tokens
    assertEquals(6, r.dataRowsRead());
    assertEquals(4, r.rowsWritten());
    assertEquals(Map.of(BurstGptRowMapper.FAILED, 2L), r.rejectReasons());
    List<TraceRow> rows = output();
    // line 2: 5,ChatGPT,472,18,490,Conversation log -> 5 s = 5000 ms
    assertEquals(new TraceRow(null, 5000L, 472, 18, "ChatGPT", new java.util.TreeMap<>(Map.of("log_type",
        "Conversation log"))), rows.get(0));
    // line 5: 122.5 s -> 122500 ms
    assertEquals(122_500L, rows.get(2).arrivalTimeMs());
    assertEquals("API log", rows.get(2).tags().get("log_type"));

    List<CSVRecord> rejects = readRejects(r.rejectsFile());
    assertEquals(dir.resolve("out.parquet.rejects.csv"), r.rejectsFile());
    assertEquals(List.of("3", BurstGptRowMapper.FAILED, "45,ChatGPT,1087,0,1087,Conversation log"),
        rejects.get(0).toList());
    assertEquals("6", rejects.get(1).get(0));
  }

  @Test
  void badRowsAreRejectedWithReasonsAndCounted() throws IOException {
    ConversionResult r = convert(trace("bad_rows_generic.csv"), null, null);
    assertEquals(TraceFormat.GENERIC, r.format());
    // 13 non-blank data lines: ok-max, integral-decimal and ok-last pass
    assertEquals(13, r.dataRowsRead());
    assertEquals(3, r.rowsWritten());
    assertEquals(10, r.rowsRejected());
    assertEquals(Map.of(
        "prompt_tokens exceeds 2147483647", 2L,   // too-big (2^31), huge (1e23 saturates)
        "prompt_tokens not positive", 1L,
        "output_tokens not positive", 1L,
        "prompt_tokens not an integer", 2L,       // abc, 10.5
        "arrival_time_ms not a finite number", 1L,
        "arrival_time_ms negative", 1L,
        "output_tokens missing", 1L,
        "wrong column count", 1L), r.rejectReasons());
    List<TraceRow> rows = output();
    assertEquals(new TraceRow("ok-max", 0L, 2_147_483_647, 2_147_483_647, "m", null), rows.get(0));
    assertEquals(10, rows.get(1).promptTokens()); // "10.0" is an integer
    assertEquals(new TraceRow("ok-last", 10L, 1, 1, null, null), rows.get(2)); // blank model -> null

    List<CSVRecord> rejects = readRejects(r.rejectsFile());
    assertEquals(10, rejects.size());
    CSVRecord textPrompt = rejects.get(3);
    assertEquals(List.of("6", "prompt_tokens not an integer", "text-prompt,4,abc,5,m"), textPrompt.toList());
    assertEquals(List.of("12", "wrong column count", "short-row,8,10"), rejects.get(8).toList());
  }

  @Test
  void hostileStringsPassThroughVerbatim() throws IOException {
    ColumnMapping m = ColumnMapping.parse("request_id=request_id,arrival_time_ms=arrival_time_ms,"
        + "prompt_tokens=prompt_tokens,output_tokens=output_tokens,model=model,tag.team=team");
    ConversionResult r = convert(trace("hostile_generic.csv"), null, m);
    assertEquals(3, r.rowsWritten());
    List<TraceRow> rows = output();
    assertEquals("<script>alert(1)</script>", rows.get(0).model());
    assertEquals("a,b \"quoted\"", rows.get(0).tags().get("team"));
    assertEquals("'; DROP TABLE requests; --", rows.get(1).model());
    assertEquals("<img src=x onerror=alert(2)>", rows.get(1).tags().get("team"));
    assertEquals("r3\nmulti-line id", rows.get(2).requestId());
    assertEquals("=cmd|' /C calc'!A0", rows.get(2).tags().get("team"));
  }

  @Test
  void genericMappingWithSecondsAndRenamedColumns() throws IOException {
    Path in = dir.resolve("custom.csv");
    Files.writeString(in, "t_s,in,out,who\n0.25,10,20,a\n1.5,11,21,b\n");
    ConversionResult r = convert(in, TraceFormat.GENERIC,
        ColumnMapping.parse("arrival_time_s=t_s,prompt_tokens=in,output_tokens=out,model=who"));
    assertEquals(2, r.rowsWritten());
    assertEquals(new TraceRow(null, 250L, 10, 20, "a", null), output().get(0));
    assertEquals(1500L, output().get(1).arrivalTimeMs());
  }

  @Test
  void gzipIsDetectedByContentNotName() throws IOException {
    Path in = dir.resolve("looks-plain.csv");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(in))) {
      out.write(Files.readAllBytes(trace("azure_conv_head200.csv")));
    }
    ConversionResult r = convert(in, null, null);
    assertEquals(200, r.rowsWritten());
    assertEquals(TraceRow.of(0L, 374, 44), output().get(0));
  }

  @Test
  void corruptGzipIsAFileErrorAndLeavesNoOutput() throws IOException {
    TraceFileException e = assertThrows(TraceFileException.class,
        () -> convert(trace("azure_truncated.csv.gz"), null, null));
    assertTrue(e.getMessage().contains("corrupt gzip stream"), e.getMessage());
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count(), "no output, rejects or temp file may remain");
    }
  }

  @Test
  void emptyHeaderOnlyAndUnknownHeaderAreFileErrors() {
    assertTrue(assertThrows(TraceFileException.class, () -> convert(trace("empty.csv"), null, null))
        .getMessage().endsWith("file is empty (no header)"));
    assertTrue(assertThrows(TraceFileException.class, () -> convert(trace("header_only.csv"), null, null))
        .getMessage().endsWith("has a header but no data rows; nothing to convert"));
    String unknown = assertThrows(TraceFileException.class, () -> convert(trace("unknown_header.csv"), null, null))
        .getMessage();
    assertTrue(unknown.contains("cannot detect the trace format from header [time, input, output]"), unknown);
    assertTrue(unknown.contains("azure (TIMESTAMP, ContextTokens, GeneratedTokens)"), unknown);
    assertTrue(unknown.contains("burstgpt (Timestamp, Model, Request tokens, Response tokens)"), unknown);
    assertFalse(Files.exists(dir.resolve("out.parquet")));
  }

  @Test
  void missingInputAndWrongExplicitFormatAreFileErrors() {
    assertTrue(assertThrows(TraceFileException.class, () -> convert(dir.resolve("nope.csv"), null, null))
        .getMessage().endsWith("nope.csv: no such file"));
    String wrong = assertThrows(TraceFileException.class,
        () -> convert(trace("mooncake_conv_head200.csv"), TraceFormat.AZURE, null)).getMessage();
    assertTrue(wrong.contains("format azure needs columns [ContextTokens, GeneratedTokens]"), wrong);
  }

  @Test
  void existingOutputNeedsOverwrite() throws IOException {
    Path out = dir.resolve("out.parquet");
    Files.writeString(out, "old");
    assertThrows(TraceFileException.class, () -> convert(trace("azure_conv_head200.csv"), null, null));
    assertEquals("old", Files.readString(out));
    TraceConverter.convert(new ConvertOptions(trace("azure_conv_head200.csv"), out, null, null, null, true, false, null));
    assertEquals(200, TraceReader.readAll(out).size());
  }

  @Test
  void allRowsRejectedIsAnErrorButExplainsWhy() throws IOException {
    Path in = dir.resolve("bad.csv");
    Files.writeString(in, "prompt_tokens,output_tokens\n0,1\nx,2\n");
    String msg = assertThrows(TraceFileException.class, () -> convert(in, null, null)).getMessage();
    assertTrue(msg.contains("all 2 data rows were rejected"), msg);
    assertFalse(Files.exists(dir.resolve("out.parquet")));
    assertEquals(2, readRejects(dir.resolve("out.parquet.rejects.csv")).size());
  }

  @Test
  void explicitRejectsFileIsWrittenEvenWhenClean() throws IOException {
    Path rejects = dir.resolve("r.csv");
    TraceConverter.convert(new ConvertOptions(trace("azure_conv_head200.csv"), dir.resolve("out.parquet"), null,
        null, rejects, false, false, null));
    assertEquals("line_number,reason,raw_line\n", Files.readString(rejects));
  }

  private static List<CSVRecord> readRejects(Path p) throws IOException {
    try (var reader = Files.newBufferedReader(p)) {
      return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
    }
  }
}
