package io.tokenfleet.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Streams canonical rows into one Parquet file (parquet-avro, GenericData model). Memory is
 * bounded by one row group. Rows are not validated here: callers pass rows that passed
 * {@link TraceRowValidator}. The file bytes depend only on the rows and the settings (no
 * timestamps are written), so equal inputs give byte-identical files.
 */
public final class TraceWriter implements AutoCloseable {
  private final ParquetWriter<GenericRecord> writer;
  private final GenericData.Record record = new GenericData.Record(TraceSchema.SCHEMA);
  private final int requestIdPos = pos(TraceSchema.REQUEST_ID);
  private final int arrivalPos = pos(TraceSchema.ARRIVAL_TIME_MS);
  private final int promptPos = pos(TraceSchema.PROMPT_TOKENS);
  private final int outputPos = pos(TraceSchema.OUTPUT_TOKENS);
  private final int modelPos = pos(TraceSchema.MODEL);
  private final int tagsPos = pos(TraceSchema.TAGS);
  private long rowsWritten;

  /**
   * @param path file to create (overwritten if it exists)
   * @param settings codec and row-group size
   * @param keyValueMetadata extra footer metadata (e.g. the source format), may be empty
   */
  public TraceWriter(Path path, ParquetSettings settings, Map<String, String> keyValueMetadata) throws IOException {
    this.writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(path))
        .withConf(new PlainParquetConfiguration())
        .withSchema(TraceSchema.SCHEMA)
        .withDataModel(GenericData.get())
        .withCompressionCodec(settings.compression())
        .withRowGroupSize(settings.rowGroupBytes())
        .withExtraMetaData(keyValueMetadata)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .build();
  }

  private static int pos(String field) {
    return TraceSchema.SCHEMA.getField(field).pos();
  }

  /** Writes one row; the record object is reused, so this allocates nothing per row. */
  public void write(String requestId, Long arrivalTimeMs, int promptTokens, int outputTokens,
                    String model, Map<String, String> tags) throws IOException {
    record.put(requestIdPos, requestId);
    record.put(arrivalPos, arrivalTimeMs);
    record.put(promptPos, promptTokens);
    record.put(outputPos, outputTokens);
    record.put(modelPos, model);
    record.put(tagsPos, tags);
    writer.write(record);
    rowsWritten++;
  }

  public void write(TraceRow row) throws IOException {
    write(row.requestId(), row.arrivalTimeMs(), row.promptTokens(), row.outputTokens(), row.model(), row.tags());
  }

  public long rowsWritten() {
    return rowsWritten;
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
