package io.tokenfleet.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.tokenfleet.trace.ParquetSettings;

/**
 * The {@code tokenfleet.trace} section of the configuration (see reference.conf for each key's
 * default and meaning), validated into an immutable record.
 *
 * @param parquet codec and row-group size of written traces
 * @param promptLogMu mean of ln(prompt tokens) for {@code generate}
 * @param promptLogSigma standard deviation of ln(prompt tokens), >= 0
 * @param outputLogMu mean of ln(output tokens)
 * @param outputLogSigma standard deviation of ln(output tokens), >= 0
 * @param arrivalRatePerSecond default Poisson arrival rate, > 0
 */
public record TraceConfig(ParquetSettings parquet, double promptLogMu, double promptLogSigma,
                          double outputLogMu, double outputLogSigma, double arrivalRatePerSecond) {
  public static final String PATH = "tokenfleet.trace";

  public TraceConfig {
    if (!(promptLogSigma >= 0)) {
      throw new IllegalArgumentException(PATH + ".generate.prompt-lognormal-sigma must be >= 0, got " + promptLogSigma);
    }
    if (!(outputLogSigma >= 0)) {
      throw new IllegalArgumentException(PATH + ".generate.output-lognormal-sigma must be >= 0, got " + outputLogSigma);
    }
    if (!(arrivalRatePerSecond > 0)) {
      throw new IllegalArgumentException(PATH + ".generate.arrival-rate-per-second must be > 0, got " + arrivalRatePerSecond);
    }
  }

  /** Reads {@value #PATH} from a resolved root config (reference.conf supplies every key). */
  public static TraceConfig from(Config root) {
    try {
      Config t = root.getConfig(PATH);
      Config g = t.getConfig("generate");
      ParquetSettings parquet = new ParquetSettings(ParquetSettings.codec(t.getString("parquet-compression")),
          t.getLong("parquet-row-group-bytes"));
      return new TraceConfig(parquet, g.getDouble("prompt-lognormal-mu"), g.getDouble("prompt-lognormal-sigma"),
          g.getDouble("output-lognormal-mu"), g.getDouble("output-lognormal-sigma"), g.getDouble("arrival-rate-per-second"));
    } catch (ConfigException e) {
      throw new IllegalArgumentException("configuration " + PATH + ": " + e.getMessage(), e);
    }
  }
}
