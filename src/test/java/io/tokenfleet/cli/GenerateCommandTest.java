package io.tokenfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
  @TempDir
  Path dir;

  @Test
  void sameSeedSameBytes() throws Exception {
    Path a = dir.resolve("a.parquet");
    Path b = dir.resolve("b.parquet");
    CliRunner r = CliRunner.run("generate", "--requests", "3000", "--seed", "9", "--models", "x:2,y", "--out", a.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("rows written: 3000"), r.out());
    assertEquals(0, CliRunner.run("generate", "--requests", "3000", "--seed", "9", "--models", "x:2,y", "--out",
        b.toString()).exitCode());
    assertEquals(-1L, Files.mismatch(a, b));
  }

  @Test
  void badArgumentsExitTwoWithOneLine() {
    CliRunner noSeed = CliRunner.run("generate", "--requests", "10", "--out", dir.resolve("c.parquet").toString());
    assertEquals(2, noSeed.exitCode());
    CliRunner badDist = CliRunner.run("generate", "--requests", "10", "--seed", "1", "--prompt-dist", "normal:1,2",
        "--out", dir.resolve("c.parquet").toString());
    assertEquals(2, badDist.exitCode());
    assertEquals("tokenfleet: --prompt-dist must be lognormal:MU,SIGMA or empirical:TRACE.parquet, got 'normal:1,2'",
        badDist.err().strip());
    CliRunner zero = CliRunner.run("generate", "--requests", "0", "--seed", "1", "--out", dir.resolve("c.parquet").toString());
    assertEquals("tokenfleet: requests must be >= 1, got 0", zero.err().strip());
  }
}
