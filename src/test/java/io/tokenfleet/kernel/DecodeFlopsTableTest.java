package io.tokenfleet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The table is a faster route to the closed form's decode FLOPs, so it must give the same double,
 * bit for bit, and so must the split prefill/decode functions against {@link RequestFlops#of}
 * (which BruteForceFlopsTest checks against a token-by-token walk).
 */
class DecodeFlopsTableTest {
  private static final List<String> STRATEGIES = List.of("greedy", "greedy/no-cache", "beam:4", "beam:3/no-cache",
      "parallel:8", "parallel:2/no-cache");

  @Test
  void equalsTheClosedFormBitForBitOnRandomModelsAndShapes() {
    Random random = new Random(7);
    for (int i = 0; i < 300; i++) {
      ModelSpec model = RandomModels.model(random, i);
      FlopsCoefficients c = FlopsCoefficients.of(model);
      DecodingStrategy s = DecodingStrategy.parse(STRATEGIES.get(i % STRATEGIES.size()));
      int maxPosition = 1 + random.nextInt(300);
      DecodeFlopsTable table = DecodeFlopsTable.of(c, s, maxPosition);
      for (int j = 0; j < 50; j++) {
        int p = 1 + random.nextInt(maxPosition);
        int m = 1 + random.nextInt(maxPosition - p + 1);
        RequestFlops closed = RequestFlops.of(c, p, m, s);
        String what = model.name() + " window " + model.slidingWindowTokens() + " " + s + " P " + p + " M " + m;
        assertEquals(closed.decodeFlops(), table.decodeFlops(p, m), 0.0, what);
        assertEquals(closed.decodeFlops(), RequestFlops.decodeFlops(c, p, m, s), 0.0, what);
        assertEquals(closed.prefillFlops(), RequestFlops.prefillFlops(c, p), 0.0, what);
      }
    }
  }

  @Test
  void equalsTheClosedFormOnALargeModelAtTheLongestTable() {
    // Llama-3.1-405B without a cache at 2^20 positions: per-shape FLOPs far above 2^53, where the
    // closed form rounds its exact long sums once; the table must round the same longs the same way.
    ModelSpec model = BruteForceFlopsTest.llama31_405b();
    FlopsCoefficients c = FlopsCoefficients.of(model);
    for (String strategy : List.of("greedy", "beam:4/no-cache")) {
      DecodingStrategy s = DecodingStrategy.parse(strategy);
      DecodeFlopsTable table = DecodeFlopsTable.of(c, s, DecodeFlopsTable.MAX_POSITIONS);
      int[][] shapes = {{1, 1}, {1, DecodeFlopsTable.MAX_POSITIONS}, {DecodeFlopsTable.MAX_POSITIONS, 1},
          {1_000_000, 48_577}, {131_072, 2}, {65_537, 900_000}};
      for (int[] shape : shapes) {
        assertEquals(RequestFlops.of(c, shape[0], shape[1], s).decodeFlops(), table.decodeFlops(shape[0], shape[1]), 0.0,
            strategy + " P " + shape[0] + " M " + shape[1]);
      }
    }
  }

  @Test
  void smallCaseByHand() {
    // No window: greedy with a cache, P = 3, M = 3 feeds positions 4 and 5 (the 3rd output token is
    // never fed), attending 4 + 5 = 9 keys per layer, and computes 2 logits.
    ModelSpec model = BruteForceFlopsTest.llama31_405b();
    FlopsCoefficients c = FlopsCoefficients.of(model);
    double expected = 2 * c.linearFlopsPerToken() + 9 * c.attentionFlopsPerKey() + 2 * c.logitFlops();
    assertEquals(expected, DecodeFlopsTable.of(c, DecodingStrategy.GREEDY, 5).decodeFlops(3, 3), 0.0);
  }

  @Test
  void rejectsALengthOutsideTheTable() {
    FlopsCoefficients c = FlopsCoefficients.of(BruteForceFlopsTest.llama31_405b());
    assertEquals("maxPosition must be in [1, 1048576], got 0", assertThrows(IllegalArgumentException.class,
        () -> DecodeFlopsTable.of(c, DecodingStrategy.GREEDY, 0)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> DecodeFlopsTable.of(c, DecodingStrategy.GREEDY, (1 << 20) + 1));
  }
}
