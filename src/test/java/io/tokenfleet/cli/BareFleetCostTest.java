package io.tokenfleet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command, {@code jobs/tokenfleet fleet-cost} with no arguments, as the launcher
 * runs it: a separate JVM with jobs/jvm.args, started in an empty working directory with
 * TOKENFLEET_HOME at the checkout, so the default trace resolves to the checkout's sample trace and
 * the default output lands in ./out/fleet-cost. Then the second bare run, which replaces the first.
 */
class BareFleetCostTest {
  private static final Path CHECKOUT = Paths.get("").toAbsolutePath(); // surefire runs in the project folder

  @TempDir
  Path cwd;

  private record Run(int exitCode, String out, String err) {}

  private Run bare(Path workingDirectory) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx2g");
    command.add("@" + CHECKOUT.resolve("jobs/jvm.args"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(TokenfleetCli.class.getName());
    command.add("fleet-cost");
    Path stdout = Files.createTempFile(cwd, "stdout", ".txt");
    Path stderr = Files.createTempFile(cwd, "stderr", ".txt");
    ProcessBuilder pb = new ProcessBuilder(command).directory(workingDirectory.toFile())
        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    pb.environment().put("TOKENFLEET_HOME", CHECKOUT.toString()); // what jobs/tokenfleet exports
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("bare fleet-cost did not finish in 5 minutes: " + Files.readString(stderr));
    }
    return new Run(p.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
  }

  @Test
  void bareFleetCostRunsTheDefaultScenarioOnTheSampleTraceAndASecondRunReplacesIt() throws Exception {
    assertTrue(System.getProperty("java.class.path").contains("classes"), "the test classpath reaches the forked JVM");
    Path work = Files.createDirectories(cwd.resolve("work"));
    Run first = bare(work);
    assertEquals(0, first.exitCode(), first.err());
    // the Azure 2023 conversation trace: 19,366 rows; 1,611 of them have ContextTokens + GeneratedTokens - 1 > 4,096,
    // Llama-2's context (counted with awk over shared/traces/azure_llm_2023_conv.csv)
    assertTrue(first.out().startsWith("input rows: 19,366\n"), first.out());
    assertTrue(first.out().contains("llama-2-7b       19,366 routed = 17,755 accepted + 1,611 rejected (beyond_context 1611)"),
        first.out());
    assertTrue(first.out().contains("llama-2-70b      19,366 routed = 17,755 accepted + 1,611 rejected (beyond_context 1611)"),
        first.out());
    assertTrue(first.out().endsWith("report: out/fleet-cost/report.html (also report.md, summary.csv, summary.parquet, rejects/)\n"),
        first.out());
    // llama-2-70b's 69e9 bf16 weights (138 GB) do not fit one 80 GB H100: that pair is skipped with a note
    assertTrue(first.err().contains("tokenfleet: skipping llama-2-70b in bf16 needs 138 GB of weights; h100-sxm:1 holds 80 GB"),
        first.err());
    Path result = work.resolve("out/fleet-cost");
    assertTrue(Files.exists(result.resolve("_SUCCESS")) && Files.exists(result.resolve("report.html")));
    // reference.conf's scenario: 2 models x 4 strategies x 2 deployments, less llama-2-70b on h100-sxm:1
    List<String> summary = Files.readAllLines(result.resolve("summary.csv"));
    assertEquals(1 + 2 * 4 * 2 - 4, summary.size(), String.join("\n", summary));

    // a user rerunning the README's command gets a fresh result, not an error
    Run second = bare(work);
    assertEquals(0, second.exitCode(), second.err());
    assertTrue(second.err().contains("tokenfleet: replacing the previous run in out/fleet-cost (the default output directory;"
        + " pass --out DIR to keep a result)"), second.err());
    assertArrayEquals(String.join("\n", summary).getBytes(StandardCharsets.UTF_8),
        String.join("\n", Files.readAllLines(result.resolve("summary.csv"))).getBytes(StandardCharsets.UTF_8),
        "same trace, same scenario: the same summary");

    // anything that is not a tokenfleet run in the default directory is left alone
    Path other = Files.createDirectories(cwd.resolve("other/out/fleet-cost"));
    Files.writeString(other.resolve("notes.txt"), "mine");
    Run refused = bare(cwd.resolve("other"));
    assertEquals(2, refused.exitCode(), refused.out() + refused.err());
    assertTrue(refused.err().contains("tokenfleet: output directory out/fleet-cost holds an incomplete run (no _SUCCESS); "
        + "pass --overwrite to replace it"), refused.err());
    assertEquals("mine", Files.readString(other.resolve("notes.txt")));
  }
}
