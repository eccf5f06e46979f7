package io.tokenfleet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output directory's life cycle on the local Hadoop file system, step by step, including the
 * states a run killed at each step leaves (the driver's death is simulated by not calling abandon).
 */
class OutputDirectoryTest {
  private static final Configuration HADOOP = new Configuration();

  @TempDir
  Path dir;
  private Path old;

  /** A complete previous result: two files and _SUCCESS. */
  @BeforeEach
  void previousResult() throws IOException {
    old = Files.createDirectories(dir.resolve("out"));
    Files.writeString(old.resolve("summary.csv"), "old summary");
    Files.createDirectories(old.resolve("rejects"));
    Files.writeString(old.resolve("rejects/part-0.csv"), "old rejects");
    Files.writeString(old.resolve("_SUCCESS"), "");
  }

  /** Names under {@code root}, Hadoop's .crc side files left out. */
  private static List<String> names(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString())
          .filter(n -> !n.endsWith(".crc")).sorted().toList();
    }
  }

  @Test
  void theClaimKeepsTheOldFilesButNeverLooksComplete() throws IOException {
    OutputDirectory out = OutputDirectory.prepare(HADOOP, old.toString(), true);
    assertEquals(List.of("_SUCCESS", "rejects", "rejects/part-0.csv", "summary.csv"), names(old), "prepare changes nothing");
    out.markStarted();
    // killed here (mid-scan): old files, no _SUCCESS, the claim
    assertEquals(List.of("_STARTED", "_SUCCESS.replaced", "rejects", "rejects/part-0.csv", "summary.csv"), names(old));
    assertFalse(OutputDirectory.isComplete(HADOOP, old.toString()));
    JobSetupException refused = assertThrows(JobSetupException.class,
        () -> OutputDirectory.prepare(HADOOP, old.toString(), false));
    assertEquals("output directory " + old + " holds an incomplete run (no _SUCCESS); pass --overwrite to replace it",
        refused.getMessage());
  }

  @Test
  void aFailureBeforeTheFirstOutputRestoresTheOldResult() throws IOException {
    OutputDirectory out = OutputDirectory.prepare(HADOOP, old.toString(), true);
    out.markStarted();
    out.abandon();
    assertEquals(List.of("_SUCCESS", "rejects", "rejects/part-0.csv", "summary.csv"), names(old));
    assertEquals("old summary", Files.readString(old.resolve("summary.csv")));
    assertTrue(OutputDirectory.isComplete(HADOOP, old.toString()));
  }

  @Test
  void theFirstOutputReplacesTheOldContentsAndKeepsTheClaim() throws IOException {
    OutputDirectory out = OutputDirectory.prepare(HADOOP, old.toString(), true);
    out.markStarted();
    out.writeText("summary.csv", "new summary");
    // killed here (while writing): only the new output and the claim, no _SUCCESS of either run
    assertEquals(List.of("_STARTED", "summary.csv"), names(old));
    assertFalse(OutputDirectory.isComplete(HADOOP, old.toString()));
    out.abandon(); // a failure after the first output leaves it, incomplete
    assertEquals(List.of("_STARTED", "summary.csv"), names(old));

    OutputDirectory again = OutputDirectory.prepare(HADOOP, old.toString(), true);
    again.markStarted();
    again.writeText("summary.csv", "newer summary");
    again.markComplete();
    assertEquals(List.of("_STARTED", "_SUCCESS", "summary.csv"), names(old));
    assertEquals("newer summary", Files.readString(old.resolve("summary.csv")));
  }

  @Test
  void overwritingAnInterruptedRunAndFailingLeavesItAsItWas() throws IOException {
    Path interrupted = Files.createDirectories(dir.resolve("interrupted"));
    Files.writeString(interrupted.resolve("_STARTED"), "");
    Files.writeString(interrupted.resolve("summary.csv"), "half");
    OutputDirectory out = OutputDirectory.prepare(HADOOP, interrupted.toString(), true);
    out.markStarted();
    out.abandon();
    assertEquals(List.of("_STARTED", "summary.csv"), names(interrupted), "its own _STARTED stays: still incomplete");
  }

  @Test
  void aNewDirectoryThatFailsBeforeOutputIsRemoved() {
    Path fresh = dir.resolve("fresh");
    OutputDirectory out = OutputDirectory.prepare(HADOOP, fresh.toString(), false);
    assertFalse(Files.exists(fresh), "prepare creates nothing");
    out.markStarted();
    assertTrue(Files.exists(fresh.resolve("_STARTED")));
    out.abandon();
    assertFalse(Files.exists(fresh));
  }

  @Test
  void ownRunsAreAResultWithItsFileOrAClaimWithoutSuccess() throws IOException {
    assertTrue(OutputDirectory.holdsOwnRun(HADOOP, old.toString(), "summary.csv"), "complete, with summary.csv");
    assertFalse(OutputDirectory.holdsOwnRun(HADOOP, old.toString(), "plan.csv"), "complete, but another job's result");

    Path foreign = Files.createDirectories(dir.resolve("foreign"));
    Files.writeString(foreign.resolve("notes.txt"), "mine");
    assertFalse(OutputDirectory.holdsOwnRun(HADOOP, foreign.toString(), "summary.csv"));
    Files.writeString(foreign.resolve("_SUCCESS"), ""); // any Hadoop job's marker: not enough
    assertFalse(OutputDirectory.holdsOwnRun(HADOOP, foreign.toString(), "summary.csv"));

    Path killed = Files.createDirectories(dir.resolve("killed"));
    Files.writeString(killed.resolve("_STARTED"), "");
    assertTrue(OutputDirectory.holdsOwnRun(HADOOP, killed.toString(), "summary.csv"), "an interrupted tokenfleet run");
    assertFalse(OutputDirectory.holdsOwnRun(HADOOP, dir.resolve("absent").toString(), "summary.csv"));
    assertFalse(OutputDirectory.holdsOwnRun(HADOOP, old.resolve("summary.csv").toString(), "summary.csv"), "a file");
  }
}
