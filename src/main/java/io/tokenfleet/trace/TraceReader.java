package io.tokenfleet.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.LocalInputFile;

/**
 * Reads a canonical trace Parquet file back into {@link TraceRow}s, one at a time.
 *
 * <p>Uses parquet-hadoop's Group reader rather than parquet-avro's: parquet-avro 1.17 reading
 * needs the parquet-variant module, which Spark 4.2 does not ship (writing does not).
 */
public final class TraceReader {
  private TraceReader() {}

  /** Calls {@code sink} for each row in file order; returns the number of rows. */
  public static long forEach(Path path, Consumer<TraceRow> sink) throws IOException {
    long rows = 0;
    try (ParquetReader<Group> reader = new GroupReaderBuilder(new LocalInputFile(path)).build()) {
      for (Group g = reader.read(); g != null; g = reader.read()) {
        sink.accept(toRow(g));
        rows++;
      }
    }
    return rows;
  }

  /** All rows in memory: for tests and small traces only. */
  public static List<TraceRow> readAll(Path path) throws IOException {
    List<TraceRow> rows = new ArrayList<>();
    forEach(path, rows::add);
    return rows;
  }

  static TraceRow toRow(Group g) {
    TreeMap<String, String> tags = null;
    if (present(g, TraceSchema.TAGS)) {
      tags = new TreeMap<>();
      Group map = g.getGroup(TraceSchema.TAGS, 0);
      // parquet-avro writes map<string,string> as: group tags (MAP) { repeated group key_value { key; value } }
      int entries = map.getFieldRepetitionCount(0);
      for (int i = 0; i < entries; i++) {
        Group kv = map.getGroup(0, i);
        tags.put(kv.getString(0, 0), kv.getFieldRepetitionCount(1) == 0 ? null : kv.getString(1, 0));
      }
    }
    return new TraceRow(
        present(g, TraceSchema.REQUEST_ID) ? g.getString(TraceSchema.REQUEST_ID, 0) : null,
        present(g, TraceSchema.ARRIVAL_TIME_MS) ? g.getLong(TraceSchema.ARRIVAL_TIME_MS, 0) : null,
        g.getInteger(TraceSchema.PROMPT_TOKENS, 0),
        g.getInteger(TraceSchema.OUTPUT_TOKENS, 0),
        present(g, TraceSchema.MODEL) ? g.getString(TraceSchema.MODEL, 0) : null,
        tags);
  }

  private static boolean present(Group g, String field) {
    return g.getType().containsField(field) && g.getFieldRepetitionCount(field) > 0;
  }

  private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
    GroupReaderBuilder(LocalInputFile file) {
      super(file, new PlainParquetConfiguration());
    }

    @Override
    protected ReadSupport<Group> getReadSupport() {
      return new GroupReadSupport();
    }
  }
}
