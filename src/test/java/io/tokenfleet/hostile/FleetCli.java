package io.tokenfleet.hostile;

import io.tokenfleet.TestSpark;
import io.tokenfleet.cli.TokenfleetCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the tokenfleet CLI in-process on the shared test SparkSession (commands find it and leave it
 * running) and captures what the command itself prints (Spark's own log goes elsewhere).
 *
 * @param exitCode the command's exit code
 * @param out its standard output
 * @param err its standard error
 */
public record FleetCli(int exitCode, String out, String err) {

  /** A small scenario that prints nothing on stderr: gpt2 greedy on one H100 under the flops time model. */
  public static final List<String> SMALL_SCENARIO = List.of("--models", "gpt2", "--strategies", "greedy",
      "--deployments", "h100-sxm:1", "--time-model", "flops", "--batch", "8");

  public static FleetCli run(String... args) {
    TestSpark.session(); // created first, so the command uses it instead of starting (and stopping) its own
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TokenfleetCli.run(new PrintWriter(out), new PrintWriter(err), args);
    return new FleetCli(code, out.toString(), err.toString());
  }

  /** {@code fleet-cost} on {@code trace} into {@code out} with {@link #SMALL_SCENARIO} and then {@code extra}. */
  public static FleetCli fleetCost(String trace, String outDir, String... extra) {
    List<String> args = new ArrayList<>(List.of("fleet-cost", trace, "--out", outDir));
    args.addAll(SMALL_SCENARIO);
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  /** The lines written to stderr, blank ones dropped. */
  public List<String> errLines() {
    return err.lines().filter(l -> !l.isBlank()).toList();
  }
}
