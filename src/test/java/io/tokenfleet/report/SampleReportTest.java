package io.tokenfleet.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Writes target/sample-report.{html,md} and target/sample/ for bench/check-html.sh and for eyes. */
class SampleReportTest {
  @Test
  void writesTheSampleReportTwiceWithIdenticalBytes() throws Exception {
    Path a = Path.of("target", "sample");
    Path b = Path.of("target", "sample-rerun");
    SampleReport.write(a);
    SampleReport.write(b);
    for (String name : new String[] {"summary.csv", "report.md", "report.html"}) {
      assertArrayEquals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)), name);
    }
    Files.copy(a.resolve("report.html"), Path.of("target", "sample-report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(a.resolve("report.md"), Path.of("target", "sample-report.md"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    // 4 models x 3 strategies x cache on/off, plus the header
    assertEquals(1 + 24, Files.readAllLines(a.resolve("summary.csv")).size());
  }
}
