package io.tokenfleet.trace;

import java.util.Locale;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * How trace Parquet files are written.
 *
 * @param compression codec (SNAPPY or ZSTD recommended)
 * @param rowGroupBytes target row-group size in bytes; ~32 MB lets Spark split a large trace
 *     into many tasks (a 128 MB group makes one task do all the work, see shared/STACK.md)
 */
public record ParquetSettings(CompressionCodecName compression, long rowGroupBytes) {

  /** 32 MiB row groups, ZSTD. */
  public static final ParquetSettings DEFAULT = new ParquetSettings(CompressionCodecName.ZSTD, 32L * 1024 * 1024);

  public ParquetSettings {
    if (compression == null) {
      throw new IllegalArgumentException("compression must not be null");
    }
    if (rowGroupBytes < 1024 * 1024) {
      throw new IllegalArgumentException("rowGroupBytes must be >= 1048576, got " + rowGroupBytes);
    }
  }

  /** Parses a codec name such as "zstd", "snappy", "gzip" or "uncompressed". */
  public static CompressionCodecName codec(String name) {
    try {
      return CompressionCodecName.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("compression must be one of zstd, snappy, gzip, uncompressed, got '" + name + "'");
    }
  }
}
