package io.tokenfleet.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What a report says about its run, printed in its header. The date is passed in (never read from the
 * clock here) so that the same inputs give the same report bytes.
 *
 * @param title report title, e.g. "Fleet cost"
 * @param tracePaths the input trace paths as given on the command line
 * @param scenario scenario name or file
 * @param timeModel the time model that turned FLOPs and bytes into seconds (e.g. roofline, measured)
 * @param runDate the date of the run (the caller's clock, or a fixed date in tests)
 */
public record ReportContext(String title, List<String> tracePaths, String scenario, String timeModel, LocalDate runDate) {
  public ReportContext {
    Objects.requireNonNull(title, "title must not be null");
    Objects.requireNonNull(scenario, "scenario must not be null");
    Objects.requireNonNull(timeModel, "timeModel must not be null");
    Objects.requireNonNull(runDate, "runDate must not be null");
    tracePaths = List.copyOf(Objects.requireNonNull(tracePaths, "tracePaths must not be null"));
  }
}
