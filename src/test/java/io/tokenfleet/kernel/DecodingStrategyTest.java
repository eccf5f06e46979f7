package io.tokenfleet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecodingStrategyTest {

  @Test
  void parsesEachFamilyWithItsWidthAndCache() {
    assertEquals(new DecodingStrategy(DecodingStrategy.Kind.GREEDY, 1, true), DecodingStrategy.parse("greedy"));
    assertEquals(DecodingStrategy.GREEDY, DecodingStrategy.parse("sample"), "sample costs as greedy");
    assertEquals(new DecodingStrategy(DecodingStrategy.Kind.BEAM, 4, true), DecodingStrategy.parse("beam:4"));
    assertEquals(new DecodingStrategy(DecodingStrategy.Kind.PARALLEL, 8, true), DecodingStrategy.parse("parallel:8"));
    assertEquals(new DecodingStrategy(DecodingStrategy.Kind.BEAM, 4, false), DecodingStrategy.parse("beam:4/no-cache"));
    assertEquals(new DecodingStrategy(DecodingStrategy.Kind.GREEDY, 1, false),
        DecodingStrategy.parse("greedy/no-cache"));
    assertEquals(new DecodingStrategy(DecodingStrategy.Kind.PARALLEL, 8, true),
        DecodingStrategy.parse("parallel:8/cache"));
    assertEquals(DecodingStrategy.parse("beam:4"), DecodingStrategy.parse("  BEAM:4 "), "case and spaces ignored");
  }

  @ParameterizedTest
  @ValueSource(strings = {"greedy", "greedy/no-cache", "beam:1", "beam:4", "beam:4/no-cache", "parallel:1",
      "parallel:8", "parallel:8/no-cache", "beam:2147483647"})
  void toStringIsCanonicalAndParsesBackToTheSameStrategy(String text) {
    DecodingStrategy s = DecodingStrategy.parse(text);
    assertEquals(text, s.toString());
    assertEquals(s, DecodingStrategy.parse(s.toString()));
  }

  @Test
  void cacheSuffixIsDroppedFromTheCanonicalFormAndFamilyOmitsIt() {
    assertEquals("beam:4", DecodingStrategy.parse("beam:4/cache").toString());
    assertEquals("greedy", DecodingStrategy.parse("sample").toString());
    assertEquals("parallel:8", DecodingStrategy.parse("parallel:8/no-cache").family());
    assertFalse(DecodingStrategy.parse("parallel:8/no-cache").kvCache());
  }

  @Test
  void badInputGetsAOneLineMessageNamingTheInput() {
    assertMessage("beam", "strategy 'beam' needs a width, e.g. beam:4");
    assertMessage("beam:0", "strategy 'beam:0' must have width >= 1, got 0");
    assertMessage("beam:-3", "strategy 'beam:-3' must have width >= 1, got -3");
    assertMessage("beam:x", "strategy 'beam:x' has a width that is not an integer");
    assertMessage("foo", "unknown strategy 'foo' (expected greedy, beam:K or parallel:N, optionally /no-cache)");
    assertMessage("greedy/bar", "unknown strategy suffix '/bar' in 'greedy/bar' (expected /no-cache or /cache)");
    assertMessage("", "strategy must not be empty (expected greedy, beam:K or parallel:N)");
    assertThrows(IllegalArgumentException.class, () -> DecodingStrategy.parse(null));
  }

  @Test
  void greedyMustHaveWidthOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new DecodingStrategy(DecodingStrategy.Kind.GREEDY, 2, true));
    assertEquals("greedy decoding has width 1, got 2", e.getMessage());
    assertEquals("width must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> new DecodingStrategy(DecodingStrategy.Kind.BEAM, 0, true)).getMessage());
  }

  private static void assertMessage(String input, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DecodingStrategy.parse(input));
    assertEquals(expected, e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line");
    assertTrue(input.isEmpty() || e.getMessage().contains(input.trim()), "names the input");
  }
}
