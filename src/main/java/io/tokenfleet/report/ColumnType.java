package io.tokenfleet.report;

/**
 * Value type of a summary column, so that the CSV writer, the CSV reader, a Parquet schema and the
 * metrics documentation all agree. Maps to Parquet/Spark as STRING -> string, BOOLEAN -> boolean,
 * INT -> int32, LONG -> int64, DOUBLE -> double.
 */
public enum ColumnType {
  STRING,
  BOOLEAN,
  INT,
  LONG,
  DOUBLE;

  /** The text written to CSV for a value of this type (see {@link ExactNumbers} for numbers). */
  public String format(Object value) {
    return switch (this) {
      case STRING -> (String) value;
      case BOOLEAN -> Boolean.toString((Boolean) value);
      case INT -> Integer.toString((Integer) value);
      case LONG -> ExactNumbers.exact((Long) value);
      case DOUBLE -> ExactNumbers.exact((Double) value);
    };
  }

  /**
   * Parses CSV text written by {@link #format(Object)}.
   *
   * @throws IllegalArgumentException naming the bad text when it is not a value of this type
   */
  public Object parse(String text) {
    try {
      return switch (this) {
        case STRING -> text;
        case BOOLEAN -> parseBoolean(text);
        case INT -> Integer.parseInt(text);
        case LONG -> Long.parseLong(text);
        case DOUBLE -> ExactNumbers.parseDouble(text);
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected " + name().toLowerCase(java.util.Locale.ROOT) + ", got '" + text + "'");
    }
  }

  private static Boolean parseBoolean(String text) {
    if (text.equals("true")) {
      return Boolean.TRUE;
    }
    if (text.equals("false")) {
      return Boolean.FALSE;
    }
    throw new IllegalArgumentException("expected true or false, got '" + text + "'");
  }
}
