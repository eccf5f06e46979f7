package io.tokenfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenfleet.fleet.SummaryRow;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryColumnTest {

  /** kvPeakBytesP99 -> kv_peak_bytes_p99, dollarsPerMInputTokens -> dollars_per_m_input_tokens. */
  private static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }

  @Test
  void oneColumnPerSummaryRowComponentInTheSameOrder() {
    List<String> fromRecord = Arrays.stream(SummaryRow.class.getRecordComponents()).map(RecordComponent::getName)
        .map(SummaryColumnTest::snake).toList();
    assertEquals(fromRecord, List.of(SummaryColumn.header()));
  }

  @Test
  void typesMatchTheRecordComponentTypes() {
    RecordComponent[] components = SummaryRow.class.getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      Class<?> expected = switch (SummaryColumn.values()[i].type()) {
        case STRING -> String.class;
        case BOOLEAN -> boolean.class;
        case INT -> int.class;
        case LONG -> long.class;
        case DOUBLE -> double.class;
      };
      assertEquals(expected, components[i].getType(), components[i].getName());
    }
  }

  @Test
  void extractorsReadTheirOwnField() {
    // each numeric field gets a distinct value, so a swapped extractor shows up
    SummaryRow row = new SummaryRow("m", "beam:4", false, "g", 2, 6, 7, 8, 9.5, 10.5, 11.5, 12.5, 13.5, 14.5, 15.5, 16.5, 17.5,
        18.5, 19.5, 20.5, 21);
    RecordComponent[] components = SummaryRow.class.getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      try {
        assertEquals(components[i].getAccessor().invoke(row), SummaryColumn.values()[i].value(row), components[i].getName());
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void metricsTableHasOneRowPerColumn() {
    String table = SummaryColumn.metricsMarkdownTable();
    List<String> lines = table.lines().toList();
    assertEquals(2 + 21, lines.size());
    assertEquals("| column | type | unit | meaning |", lines.get(0));
    assertEquals("| `dollars_per_m_input_tokens` | double | USD per 1e6 tokens | dollars of prefill time per 1e6 prompt tokens |",
        lines.get(2 + 13));
    assertEquals("| `model` | string | - | model preset name |", lines.get(2));
    for (String line : lines) {
      assertTrue(line.startsWith("|") && line.endsWith("|"), line);
    }
  }
}
