package io.tokenfleet.cli;

import io.tokenfleet.spark.OutputDirectory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Where the launcher was started from: default paths resolve against the working directory, then the checkout. */
final class Launch {
  private Launch() {}

  /** Each relative local path that does not exist here is looked up under $TOKENFLEET_HOME. */
  static List<String> resolveDefaults(List<String> paths) {
    String home = System.getenv("TOKENFLEET_HOME");
    List<String> result = new ArrayList<>();
    for (String p : paths) {
      boolean local = !p.contains("://");
      if (local && home != null && !Paths.get(p).isAbsolute() && !Files.exists(Paths.get(p))
          && Files.exists(Path.of(home, p))) {
        result.add(Path.of(home, p).toString());
      } else {
        result.add(p);
      }
    }
    return result;
  }

  /**
   * Whether to replace {@code outDir}: always under --overwrite; otherwise only when the user named no
   * output ({@code scratch}: the built-in default, the tool's scratch location, so that a bare command
   * can be rerun) and it holds a previous tokenfleet run of this job ({@code resultFile} with
   * {@code _SUCCESS}, or an interrupted run). A directory the user chose is never replaced silently.
   */
  static boolean replaceOutput(SparkSession spark, String outDir, boolean overwrite, boolean scratch, String resultFile,
      PrintWriter err) {
    if (overwrite) {
      return true;
    }
    if (scratch && OutputDirectory.holdsOwnRun(spark.sparkContext().hadoopConfiguration(), outDir, resultFile)) {
      err.println("tokenfleet: replacing the previous run in " + outDir
          + " (the default output directory; pass --out DIR to keep a result)");
      err.flush();
      return true;
    }
    return false;
  }
}
