package io.tokenfleet.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TraceRowValidatorTest {
  @Test
  void acceptsTheBoundaries() {
    assertNull(TraceRowValidator.reject(0L, 1, 1));
    assertNull(TraceRowValidator.reject(null, 2_147_483_647L, 2_147_483_647L));
    assertNull(TraceRowValidator.reject(0.0, 1, 1));
  }

  @Test
  void rejectsTokensOutsideOneToIntMax() {
    assertEquals("prompt_tokens not positive", TraceRowValidator.reject(0L, 0, 5));
    assertEquals("output_tokens not positive", TraceRowValidator.reject(0L, 5, -1));
    // 2^31 = 2,147,483,648 is one past the int32 column
    assertEquals("prompt_tokens exceeds 2147483647", TraceRowValidator.reject(0L, 2_147_483_648L, 5));
    assertEquals("output_tokens exceeds 2147483647", TraceRowValidator.reject(0L, 5, 2_147_483_648L));
  }

  @Test
  void rejectsNegativeAndNonFiniteTimes() {
    assertEquals("arrival_time_ms negative", TraceRowValidator.reject(-1L, 5, 5));
    assertEquals("arrival_time_ms negative", TraceRowValidator.reject(-0.5, 5, 5));
    assertEquals("arrival_time_ms not a finite number", TraceRowValidator.reject(Double.NaN, 5, 5));
    assertEquals("arrival_time_ms not a finite number", TraceRowValidator.reject(Double.POSITIVE_INFINITY, 5, 5));
  }

  @Test
  void tokenProblemsAreReportedBeforeTimeProblems() {
    assertEquals("prompt_tokens not positive", TraceRowValidator.reject(-1L, 0, 0));
  }

  @Test
  void traceRowRefusesInvalidValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TraceRow.of(0L, 0, 5));
    assertEquals("invalid trace row: prompt_tokens not positive", e.getMessage());
  }
}
