package io.tokenfleet.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.zip.GZIPInputStream;

/**
 * Streams the records of a CSV or JSONL file, plain or gzipped, in constant memory (one record
 * at a time). Gzip is recognised by its magic bytes (1f 8b), whatever the file name; JSONL by a
 * first non-blank line that starts with '{'. For JSONL the header is the keys of the first
 * object. Blank lines are skipped and are not data rows.
 */
final class SourceReader implements Closeable {
  /** A quoted CSV field may span at most this many physical lines (bounds memory on a stray quote). */
  static final int MAX_LINES_PER_RECORD = 1000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path path;
  private final boolean gzipped;
  private final BufferedReader in;
  private final boolean jsonl;
  private final List<String> header;
  private final Map<String, Integer> jsonIndex = new LinkedHashMap<>();
  private final List<String> fields = new ArrayList<>();
  private long lineNumber;
  private String pendingFirstJsonLine;
  private long pendingFirstJsonLineNumber;

  private SourceReader(Path path, boolean gzipped, BufferedReader in) {
    this.path = path;
    this.gzipped = gzipped;
    this.in = in;
    String first = nextNonBlankLine();
    if (first == null) {
      throw new TraceFileException(path + ": file is empty (no header)");
    }
    if (first.startsWith("\uFEFF")) {
      first = first.substring(1);
    }
    if (first.stripLeading().startsWith("{")) {
      jsonl = true;
      JsonNode node = parseJson(first);
      if (node == null || !node.isObject()) {
        throw new TraceFileException(path + ": line " + lineNumber + " starts like JSON but is not a JSON object");
      }
      List<String> keys = new ArrayList<>();
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        jsonIndex.put(key, keys.size());
        keys.add(key);
      }
      header = List.copyOf(keys);
      pendingFirstJsonLine = first;
      pendingFirstJsonLineNumber = lineNumber;
    } else {
      jsonl = false;
      List<String> names = new ArrayList<>();
      if (!CsvLineSplitter.split(first, names)) {
        throw new TraceFileException(path + ": header line has an unterminated quote");
      }
      names.replaceAll(String::strip);
      header = List.copyOf(names);
    }
  }

  /** Opens {@code path}; file-level problems become {@link TraceFileException}. */
  static SourceReader open(Path path) {
    if (!Files.exists(path)) {
      throw new TraceFileException(path + ": no such file");
    }
    if (Files.isDirectory(path)) {
      throw new TraceFileException(path + ": is a directory, expected a CSV or JSONL file");
    }
    InputStream raw = null;
    try {
      raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      boolean gz = b0 == 0x1f && b1 == 0x8b;
      InputStream data = raw;
      if (gz) {
        try {
          data = new GZIPInputStream(raw, 1 << 16);
        } catch (IOException e) {
          throw new TraceFileException(path + ": corrupt gzip stream (" + e.getMessage() + ")", e);
        }
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(data, StandardCharsets.UTF_8), 1 << 16);
      return new SourceReader(path, gz, reader);
    } catch (NoSuchFileException e) {
      throw new TraceFileException(path + ": no such file", e);
    } catch (IOException e) {
      closeQuietly(raw);
      throw new TraceFileException(path + ": cannot read (" + e.getMessage() + ")", e);
    } catch (RuntimeException e) {
      closeQuietly(raw);
      throw e;
    }
  }

  boolean isJsonl() {
    return jsonl;
  }

  boolean isGzipped() {
    return gzipped;
  }

  /** Column names (trimmed) of the CSV header or of the first JSON object's keys. */
  List<String> header() {
    return header;
  }

  /** The next data record, or null at end of file. */
  SourceRow next() {
    return jsonl ? nextJson() : nextCsv();
  }

  private SourceRow nextCsv() {
    String line = nextNonBlankLine();
    if (line == null) {
      return null;
    }
    long start = lineNumber;
    String text = line;
    int lines = 1;
    while (!CsvLineSplitter.split(text, fields)) {
      String more = lines < MAX_LINES_PER_RECORD ? readLine() : null;
      if (more == null) {
        return new SourceRow(start, text, new String[0], 0, "unterminated quoted field");
      }
      text = text + "\n" + more;
      lines++;
    }
    String[] values = fields.toArray(new String[0]);
    String problem = values.length == header.size() ? null : "wrong column count";
    return new SourceRow(start, text, values, values.length, problem);
  }

  private SourceRow nextJson() {
    String line;
    long number;
    if (pendingFirstJsonLine != null) {
      line = pendingFirstJsonLine;
      number = pendingFirstJsonLineNumber;
      pendingFirstJsonLine = null;
    } else {
      line = nextNonBlankLine();
      number = lineNumber;
    }
    if (line == null) {
      return null;
    }
    String[] values = new String[header.size()];
    JsonNode node = parseJson(line);
    if (node == null || !node.isObject()) {
      return new SourceRow(number, line, values, 0, "invalid JSON object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Integer idx = jsonIndex.get(e.getKey());
      if (idx != null) {
        values[idx] = jsonText(e.getValue());
      }
    }
    return new SourceRow(number, line, values, values.length, null);
  }

  /** Scalars as their text; arrays as their elements joined by single spaces (e.g. hash_ids). */
  private static String jsonText(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isArray()) {
      StringJoiner j = new StringJoiner(" ");
      v.forEach(el -> j.add(el.isValueNode() ? el.asText() : el.toString()));
      return j.toString();
    }
    return v.isValueNode() ? v.asText() : v.toString();
  }

  private static JsonNode parseJson(String line) {
    try {
      return JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private String nextNonBlankLine() {
    for (String line = readLine(); line != null; line = readLine()) {
      if (!line.isBlank()) {
        return line;
      }
    }
    return null;
  }

  private String readLine() {
    try {
      String line = in.readLine();
      if (line != null) {
        lineNumber++;
      }
      return line;
    } catch (IOException e) {
      String what = gzipped ? "corrupt gzip stream" : "read error";
      throw new TraceFileException(path + ": " + what + " after line " + lineNumber + " (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public void close() {
    closeQuietly(in);
  }

  private static void closeQuietly(Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // closing a reader we only read from: nothing to recover
      }
    }
  }
}
