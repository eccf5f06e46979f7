package io.tokenfleet.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts a source trace into the canonical Parquet trace, streaming one record at a time.
 *
 * <p>Row-level problems are written to the rejects CSV and counted; file-level problems throw
 * {@link TraceFileException}. Outputs are written to temporary files next to the target and
 * moved into place only on success, so a failed run leaves no partial Parquet file.
 *
 * <p>Decisions: an empty file and a header-only file are errors (a cost estimate over zero
 * requests is never what the user meant); so is a file whose every row is rejected (the
 * rejects file is still written to explain why).
 */
public final class TraceConverter {
  public static final String SOURCE_FORMAT_KEY = "tokenfleet.source_format";
  public static final String SOURCE_FILE_KEY = "tokenfleet.source_file";

  private TraceConverter() {}

  public static ConversionResult convert(ConvertOptions o) {
    Path output = o.output().toAbsolutePath();
    Path rejectsPath = o.rejectsPath().toAbsolutePath();
    Path input = o.input().toAbsolutePath();
    if (output.equals(input) || rejectsPath.equals(input) || rejectsPath.equals(output)) {
      throw new TraceFileException("input, output and rejects must be different files");
    }
    for (Path p : List.of(output, rejectsPath)) {
      if (Files.exists(p) && !o.overwrite()) {
        throw new TraceFileException(p + ": already exists (use --overwrite to replace it)");
      }
    }
    Path dir = output.getParent();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new TraceFileException(dir + ": cannot create output directory (" + e.getMessage() + ")", e);
    }
    String fileName = o.input().toString();
    try (SourceReader source = SourceReader.open(o.input())) {
      TraceFormat format = o.format() != null ? o.format()
          : !o.mapping().isEmpty() ? TraceFormat.GENERIC : TraceFormat.detect(source.header(), fileName);
      if (format != TraceFormat.GENERIC && !format.missingFrom(source.header()).isEmpty()) {
        throw new TraceFileException(fileName + ": format " + format.cliName() + " needs columns "
            + format.missingFrom(source.header()) + " but the header is " + source.header());
      }
      RowMapper mapper = switch (format) {
        case AZURE -> new AzureRowMapper(source.header(), fileName);
        case MOONCAKE -> new MooncakeRowMapper(source.header(), fileName, o.keepHashIds());
        case BURSTGPT -> new BurstGptRowMapper(source.header(), fileName);
        case GENERIC -> new GenericRowMapper(source.header(), o.mapping(), fileName);
      };
      return new Run(o, format, source, mapper, output, rejectsPath).execute();
    }
  }

  /** One conversion's mutable state: temp files, counters, lazily opened writers. */
  private static final class Run {
    private final ConvertOptions o;
    private final TraceFormat format;
    private final SourceReader source;
    private final RowMapper mapper;
    private final Path output;
    private final Path rejectsPath;
    private final Path tmpOutput;
    private final Path tmpRejects;
    private final TreeMap<String, Long> reasons = new TreeMap<>();
    private TraceWriter writer;
    private RejectsWriter rejects;
    private long read;
    private long rejected;

    Run(ConvertOptions o, TraceFormat format, SourceReader source, RowMapper mapper, Path output, Path rejectsPath) {
      this.o = o;
      this.format = format;
      this.source = source;
      this.mapper = mapper;
      this.output = output;
      this.rejectsPath = rejectsPath;
      this.tmpOutput = output.resolveSibling("." + output.getFileName() + ".tmp");
      this.tmpRejects = rejectsPath.resolveSibling("." + rejectsPath.getFileName() + ".tmp");
    }

    ConversionResult execute() {
      boolean ok = false;
      try {
        for (SourceRow row = source.next(); row != null; row = source.next()) {
          read++;
          if (row.problem() != null) {
            reject(row, row.problem());
            continue;
          }
          try {
            TraceRow r = mapper.map(row);
            writer().write(r);
          } catch (RowReject e) {
            reject(row, e.reason());
          }
        }
        if (read == 0) {
          throw new TraceFileException(o.input() + ": has a header but no data rows; nothing to convert");
        }
        long written = writer == null ? 0 : writer.rowsWritten();
        ConversionResult result = new ConversionResult(format, read, written, rejected, reasons,
            rejected > 0 || o.rejects() != null ? rejectsPath : null);
        finishRejects();
        if (written == 0) {
          throw new TraceFileException(o.input() + ": all " + read + " data rows were rejected ("
              + result.summary() + "); see " + rejectsPath);
        }
        writer.close();
        move(tmpOutput, output);
        ok = true;
        return result;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        if (!ok) {
          closeQuietly(writer);
          closeQuietly(rejects);
          deleteQuietly(tmpOutput);
          deleteQuietly(tmpRejects);
        }
      }
    }

    private TraceWriter writer() throws IOException {
      if (writer == null) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(SOURCE_FORMAT_KEY, format.cliName());
        meta.put(SOURCE_FILE_KEY, String.valueOf(o.input().getFileName()));
        meta.putAll(mapper.metadata());
        writer = new TraceWriter(tmpOutput, o.parquet(), meta);
      }
      return writer;
    }

    private void reject(SourceRow row, String reason) throws IOException {
      if (rejects == null) {
        rejects = new RejectsWriter(tmpRejects);
      }
      rejects.write(row.lineNumber(), reason, row.raw());
      reasons.merge(reason, 1L, Long::sum);
      rejected++;
    }

    /** Explicit --rejects: always written (header only when clean). Default path: only when needed. */
    private void finishRejects() throws IOException {
      if (rejects == null && o.rejects() != null) {
        rejects = new RejectsWriter(tmpRejects);
      }
      if (rejects != null) {
        rejects.close();
        rejects = null;
        move(tmpRejects, rejectsPath);
      } else if (o.overwrite()) {
        // a stale OUTPUT.rejects.csv from an earlier run would misdescribe this output
        Files.deleteIfExists(rejectsPath);
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // already failing; the temp file is deleted next
      }
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // best effort cleanup of our own temp file
    }
  }
}
