package io.tokenfleet.report.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleTest {
  @Test
  void linearTicksAreNiceSteps() {
    // range 7.3 / 5 = 1.46 -> next of 1, 2, 5 x 10^k is 2: ticks 0, 2, 4, 6, 8
    LinearScale scale = new LinearScale(0, 7.3, 100, 500);
    assertEquals(List.of(0.0, 2.0, 4.0, 6.0, 8.0), scale.ticks());
    assertEquals(100.0, scale.pixel(0));
    assertEquals(300.0, scale.pixel(4)); // 4 / 8 of 400 px after 100
    assertEquals(500.0, scale.pixel(99)); // clamped
    // 0.3 / 5 = 0.06 -> step 0.1; the fourth tick is 0.3, not 3 x 0.1 = 0.30000000000000004
    assertEquals(List.of(0.0, 0.1, 0.2, 0.3), new LinearScale(0, 0.3, 0, 1).ticks());
    // an empty domain becomes [0, 1]: 1 / 5 = 0.2 is already a nice step
    assertEquals(List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0), new LinearScale(0, 0, 0, 1).ticks());
  }

  @Test
  void logScaleSpansWholeDecades() {
    LogScale scale = new LogScale(0.003, 42, 0, 500);
    // floor(log10 0.003) = -3, ceil(log10 42) = 2: five decades over 500 px, 100 px each
    assertEquals(List.of(1e-3, 1e-2, 1e-1, 1.0, 10.0, 100.0), scale.ticks());
    assertEquals(0.0, scale.pixel(1e-3));
    assertEquals(300.0, scale.pixel(1.0), 1e-9);
    assertEquals(250.0, scale.pixel(Math.sqrt(0.1)), 1e-9); // 10^-0.5 is half way between 0.1 and 1
    assertFalse(scale.canShow(0));
    assertThrows(IllegalArgumentException.class, () -> new LogScale(0, 1, 0, 1));
    assertEquals(9, new LogScale(1e-20, 1e20, 0, 1).ticks().size()); // 40 decades -> every ceil(40 / 8) = 5th: -20, -15, ..., 20
  }

  @Test
  void logOnlyWhenPositiveValuesSpanMoreThanTheLimit() {
    assertFalse(Scale.forValues(new double[] {1, 100}, 0, 1, 100).isLog()); // exactly 100x stays linear
    assertTrue(Scale.forValues(new double[] {1, 100.5}, 0, 1, 100).isLog());
    assertTrue(Scale.forValues(new double[] {0, 1, 1000, Double.NaN}, 0, 1, 100).isLog()); // zeros and NaN ignored
    assertFalse(Scale.forValues(new double[] {-1, 1, 1000}, 0, 1, 100).isLog()); // negatives need a linear axis
  }
}
