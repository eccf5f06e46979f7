package io.tokenfleet;

import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession shared by every test in the JVM (start-up costs ~2.5 s): local[2],
 * no UI, 4 shuffle partitions. Created on first use; Spark stops it at JVM exit.
 */
public final class TestSpark {
  private static SparkSession session;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSession.builder()
          .appName("tokenfleet-tests")
          .master("local[2]")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .getOrCreate();
    }
    return session;
  }
}
