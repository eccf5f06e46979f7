package io.tokenfleet.spark;

import io.tokenfleet.fleet.SummaryRow;
import io.tokenfleet.report.SummaryColumn;
import io.tokenfleet.report.SummaryOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

/**
 * summary.parquet: the same columns and row order as summary.csv ({@link SummaryColumn}), one
 * Parquet file written by parquet-avro on the driver. A summary is a few dozen rows, and a Spark
 * write job for them cost ~0.2-0.5 s of a 10M-row fleet-cost run (measured); any Hadoop file
 * system the output directory is on works the same.
 */
public final class SummaryParquet {
  private SummaryParquet() {}

  /** The Avro schema derived from {@link SummaryColumn}: every column required. */
  public static Schema schema() {
    SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("summary").namespace("io.tokenfleet").fields();
    for (SummaryColumn column : SummaryColumn.values()) {
      SchemaBuilder.FieldTypeBuilder<Schema> type = fields.name(column.columnName()).type();
      fields = switch (column.type()) {
        case STRING -> type.stringType().noDefault();
        case BOOLEAN -> type.booleanType().noDefault();
        case INT -> type.intType().noDefault();
        case LONG -> type.longType().noDefault();
        case DOUBLE -> type.doubleType().noDefault();
      };
    }
    return fields.endRecord();
  }

  /** Writes {@code rows} to the file {@code path} (which must not exist). */
  public static void write(Configuration hadoop, List<SummaryRow> rows, String path) {
    Schema schema = schema();
    try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(
        HadoopOutputFile.fromPath(new Path(path), hadoop)).withSchema(schema).withDataModel(GenericData.get())
        .withConf(hadoop).build()) {
      for (SummaryRow row : SummaryOrder.sorted(rows)) {
        GenericRecord record = new GenericData.Record(schema);
        for (SummaryColumn column : SummaryColumn.values()) {
          record.put(column.columnName(), column.value(row));
        }
        writer.write(record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }
}
