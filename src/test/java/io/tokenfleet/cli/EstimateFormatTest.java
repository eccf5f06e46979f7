package io.tokenfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Number formats of the estimate table and JSON. */
class EstimateFormatTest {
  private static final double TWO_TO_53 = 9_007_199_254_740_992.0;

  @Test
  void engineeringNotationUsesExponentsThatAreMultiplesOfThree() {
    assertEquals("999", EstimateTable.engineering(999));
    assertEquals("1.024e3", EstimateTable.engineering(1024));
    assertEquals("124.4e6", EstimateTable.engineering(124_439_808));
    assertEquals("116.0e9", EstimateTable.engineering(115_964_116_992.0));
    assertEquals("1.000e6", EstimateTable.engineering(999_950), "rounding carries into the next exponent");
    assertEquals("-2.500e3", EstimateTable.engineering(-2500));
    assertEquals("927.8e15", EstimateTable.engineering(9.278461412848435e17));
  }

  @Test
  void exactDigitsAreMarkedWhenAtOrAbove2To53() {
    assertEquals("9,007,199,254,740,991", EstimateTable.exact(TWO_TO_53 - 1));
    assertEquals("~9,007,199,254,740,992", EstimateTable.exact(TWO_TO_53));
    assertEquals("124,439,808", EstimateTable.exact(124_439_808L));
    assertEquals("0.5", EstimateTable.exact(0.5));
  }

  @Test
  void jsonWritesIntegersExactlyBelow2To53AndDoublesAbove() {
    assertEquals(9_007_199_254_740_991L, JsonOutput.number(TWO_TO_53 - 1));
    assertEquals(TWO_TO_53, JsonOutput.number(TWO_TO_53));
    assertEquals(2.5, JsonOutput.number(2.5));
    assertThrows(IllegalArgumentException.class, () -> JsonOutput.number(Double.NaN));
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("b", 3.0);
    report.put("a", List.of(Map.of("x", 1e20)));
    String json = JsonOutput.write(report).replaceAll("\\s", "");
    assertEquals("{\"b\":3,\"a\":[{\"x\":1.0E20}]}", json, "keys in map order, exact integer, plain double");
  }

  @Test
  void tableIsGenericOverTheMap() {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("model", "m");
    report.put("new_key_from_a_later_flag", 1_500_000L);
    String table = EstimateTable.render(report);
    assertTrue(table.contains("new_key_from_a_later_flag"), table);
    assertTrue(table.contains("1.500e6"), table);
    assertTrue(table.contains("1,500,000"), table);
  }
}
