package io.tokenfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {
  @TempDir
  Path dir;

  private static String fixture(String name) throws URISyntaxException {
    return Path.of(ConvertCommandTest.class.getResource("/traces/" + name).toURI()).toString();
  }

  @Test
  void printsTheSummaryWithReasons() throws Exception {
    Path out = dir.resolve("b.parquet");
    CliRunner r = CliRunner.run("convert", fixture("burstgpt_sample.csv"), "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    // 6 data rows, 2 with 0 response tokens
    assertTrue(r.out().contains("rows written: 4, rows rejected: 2 (reasons: burstgpt failed request (0 response tokens)=2)"),
        r.out());
    assertTrue(Files.exists(out));
    assertTrue(Files.exists(dir.resolve("b.parquet.rejects.csv")));
  }

  @Test
  void fileProblemsAreOneLineAndNonZero() throws Exception {
    Path out = dir.resolve("x.parquet");
    CliRunner r = CliRunner.run("convert", fixture("azure_truncated.csv.gz"), "--out", out.toString());
    assertEquals(2, r.exitCode());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("tokenfleet: ") && r.err().contains("corrupt gzip stream"), r.err());
    assertFalse(Files.exists(out));

    CliRunner unknown = CliRunner.run("convert", fixture("unknown_header.csv"), "--out", out.toString());
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.err().contains("known headers"), unknown.err());
  }

  @Test
  void existingOutputIsRefusedWithoutOverwrite() throws Exception {
    Path out = dir.resolve("a.parquet");
    assertEquals(0, CliRunner.run("convert", fixture("azure_conv_head200.csv"), "--out", out.toString()).exitCode());
    CliRunner again = CliRunner.run("convert", fixture("azure_conv_head200.csv"), "--out", out.toString());
    assertEquals(2, again.exitCode());
    assertTrue(again.err().contains("already exists (use --overwrite"), again.err());
    assertEquals(0, CliRunner.run("convert", fixture("azure_conv_head200.csv"), "--out", out.toString(),
        "--overwrite").exitCode());
  }

  @Test
  void badFlagsExitTwo() throws Exception {
    CliRunner r = CliRunner.run("convert", fixture("azure_conv_head200.csv"), "--out", dir.resolve("o.parquet").toString(),
        "--format", "azure", "--map", "prompt_tokens=ContextTokens");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--map applies to --format generic only"), r.err());
    assertEquals(2, CliRunner.run("convert", fixture("azure_conv_head200.csv"), "--out", dir.resolve("o.parquet").toString(),
        "--format", "csv").exitCode());
  }
}
