package io.tokenfleet.trace;

import java.nio.file.Path;

/**
 * What {@link TraceConverter} does.
 *
 * @param input CSV or JSONL file, plain or gzipped
 * @param output Parquet file to create
 * @param format the source layout, or null to detect it from the header
 * @param mapping column mapping (generic format only; a non-empty mapping with null format means generic)
 * @param rejects rejects CSV path, or null for {@code OUTPUT.rejects.csv} written only when a row is rejected
 * @param overwrite replace existing output and rejects files
 * @param keepHashIds keep Mooncake hash_ids lists as a tag (large)
 * @param parquet codec and row-group size
 */
public record ConvertOptions(Path input, Path output, TraceFormat format, ColumnMapping mapping, Path rejects,
                             boolean overwrite, boolean keepHashIds, ParquetSettings parquet) {
  public ConvertOptions {
    if (input == null || output == null) {
      throw new IllegalArgumentException("input and output must be given");
    }
    mapping = mapping == null ? ColumnMapping.NONE : mapping;
    parquet = parquet == null ? ParquetSettings.DEFAULT : parquet;
    if (!mapping.isEmpty() && format != null && format != TraceFormat.GENERIC) {
      throw new IllegalArgumentException("--map applies to --format generic only, got --format " + format.cliName());
    }
  }

  /** Where rejected rows go: the given path or OUTPUT.rejects.csv. */
  public Path rejectsPath() {
    return rejects != null ? rejects : output.resolveSibling(output.getFileName() + ".rejects.csv");
  }
}
