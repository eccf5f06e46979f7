package io.tokenfleet.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/**
 * The canonical trace: column names and the Avro schema parsed at start-up from
 * {@code /avro/trace.avsc} (no code generation). The record lives in namespace
 * {@code io.tokenfleet.avro} so that no Java class shares its full name (readers would try to
 * instantiate that class; see shared/STACK.md).
 */
public final class TraceSchema {
  private TraceSchema() {}

  public static final String REQUEST_ID = "request_id";
  /** Milliseconds since the start of the trace, nullable long, >= 0. */
  public static final String ARRIVAL_TIME_MS = "arrival_time_ms";
  /** Prompt tokens, int, 1 .. {@link Integer#MAX_VALUE}. */
  public static final String PROMPT_TOKENS = "prompt_tokens";
  /** Output (generated) tokens, int, 1 .. {@link Integer#MAX_VALUE}. */
  public static final String OUTPUT_TOKENS = "output_tokens";
  /** Model the request is routed to; nullable string. */
  public static final String MODEL = "model";
  /** Free-form attributes: nullable map&lt;string,string&gt;. */
  public static final String TAGS = "tags";

  /** Resource path of the schema file. */
  public static final String RESOURCE = "/avro/trace.avsc";

  /** The parsed schema (record io.tokenfleet.avro.TraceRequest). */
  public static final Schema SCHEMA = load();

  private static Schema load() {
    try (InputStream in = TraceSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("trace schema resource " + RESOURCE + " is missing from the classpath");
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
