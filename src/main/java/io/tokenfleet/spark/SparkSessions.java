package io.tokenfleet.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The SparkSession of a tokenfleet command: the cluster's when launched by spark-submit (which sets
 * {@code spark.master}), else local mode on every core. Local runs keep the web UI off (no port to
 * bind) and show Spark's console progress bar on long stages.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * Runs {@code body} with the session: an existing default session (a test's, or an embedding
   * application's) is used and left running; a session created here is stopped afterwards.
   */
  public static <T> T with(String appName, java.util.function.Function<SparkSession, T> body) {
    boolean existing = SparkSession.getDefaultSession().isDefined();
    SparkSession spark = getOrCreate(appName);
    try {
      return body.apply(spark);
    } finally {
      if (!existing) {
        spark.stop();
      }
    }
  }

  public static SparkSession getOrCreate(String appName) {
    SparkConf conf = new SparkConf(true); // picks up spark.* system properties set by spark-submit
    boolean local = !conf.contains("spark.master");
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    if (local) {
      builder.master("local[*]")
          .config("spark.ui.enabled", conf.get("spark.ui.enabled", "false"))
          .config("spark.driver.bindAddress", conf.get("spark.driver.bindAddress", "127.0.0.1"));
    }
    return builder
        .config("spark.ui.showConsoleProgress", conf.get("spark.ui.showConsoleProgress", "true"))
        .config("spark.sql.shuffle.partitions", conf.get("spark.sql.shuffle.partitions", "16"))
        .getOrCreate();
  }
}
