package io.tokenfleet.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvLineSplitterTest {
  private final List<String> out = new ArrayList<>();

  @Test
  void plainFieldsKeepSpacesAndEmptyFields() {
    assertTrue(CsvLineSplitter.split("a, b,,d", out));
    assertEquals(List.of("a", " b", "", "d"), out);
  }

  @Test
  void quotedFieldsHoldCommasAndDoubledQuotes() {
    assertTrue(CsvLineSplitter.split("x,\"a,b \"\"q\"\"\",y", out));
    assertEquals(List.of("x", "a,b \"q\"", "y"), out);
  }

  @Test
  void anOpenQuoteMeansTheRecordContinues() {
    assertFalse(CsvLineSplitter.split("\"r3", out));
    assertTrue(CsvLineSplitter.split("\"r3\nsecond line\",7", out));
    assertEquals(List.of("r3\nsecond line", "7"), out);
  }

  @Test
  void aQuoteInsideAnUnquotedFieldIsLiteral() {
    assertTrue(CsvLineSplitter.split("ab\"c,d", out));
    assertEquals(List.of("ab\"c", "d"), out);
  }
}
