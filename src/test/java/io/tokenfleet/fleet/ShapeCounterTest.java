package io.tokenfleet.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The sort-and-merge counter against a TreeMap of counts, across chunk boundaries and key widths. */
class ShapeCounterTest {

  private static Map<Long, Long> visit(ShapeCounter counter, List<Long> order) {
    Map<Long, Long> seen = new TreeMap<>();
    counter.forEach((p, m, c) -> {
      long key = ((long) p << 32) | m;
      order.add(key);
      assertEquals(null, seen.put(key, c), "each pair visited once");
    });
    return seen;
  }

  @Test
  void countsEqualABruteForceMapForManyChunkSizesAndRanges() {
    SplittableRandom rnd = new SplittableRandom(42);
    int[][] ranges = {{1, 1}, {3, 2}, {4096, 2048}, {131_072, 16_384}, {Integer.MAX_VALUE, Integer.MAX_VALUE}};
    for (int chunk : new int[] {1, 7, 4096, 1 << 20}) {
      for (int[] range : ranges) {
        ShapeCounter counter = new ShapeCounter(chunk, Integer.MAX_VALUE);
        Map<Long, Long> expected = new TreeMap<>();
        int n = chunk == 1 ? 2_000 : 20_000; // chunk 1 merges on every add
        for (int i = 0; i < n; i++) {
          // Skewed draws so that pairs repeat, plus the extremes of the range.
          int p = i % 97 == 0 ? range[0] : 1 + (int) Math.min(range[0] - 1L, (long) (Math.pow(rnd.nextDouble(), 4) * range[0]));
          int m = i % 89 == 0 ? range[1] : 1 + (int) Math.min(range[1] - 1L, (long) (Math.pow(rnd.nextDouble(), 4) * range[1]));
          assertFalse(counter.add(p, m));
          expected.merge(((long) p << 32) | m, 1L, Long::sum);
        }
        List<Long> order = new ArrayList<>();
        assertEquals(expected, visit(counter, order), "chunk " + chunk + ", range " + range[0] + " x " + range[1]);
        assertEquals(expected.size(), counter.size());
        List<Long> sorted = new ArrayList<>(order);
        sorted.sort(null);
        assertEquals(sorted, order, "visited in ascending (prompt, output) order");
      }
    }
  }

  @Test
  void reportsFullOnceTheDistinctPairsReachTheLimitAndClearForgets() {
    ShapeCounter counter = new ShapeCounter(4, 6);
    int added = 0;
    boolean full = false;
    while (!full) {
      added++;
      full = counter.add(added, 1); // every pair distinct
    }
    // The check runs when a full buffer of 4 is merged: after 8 merged pairs (>= 6), on the 9th add.
    assertEquals(9, added);
    assertEquals(9, counter.size());
    counter.clear();
    assertEquals(0, counter.size());
    counter.add(5, 5);
    counter.add(5, 5);
    Map<Long, Long> seen = visit(counter, new ArrayList<>());
    assertEquals(Map.of((5L << 32) | 5, 2L), seen);
  }

  @Test
  void rejectsLengthsBelowOne() {
    ShapeCounter counter = new ShapeCounter(8, 8);
    assertThrows(IllegalArgumentException.class, () -> counter.add(0, 1));
    assertThrows(IllegalArgumentException.class, () -> counter.add(1, -1));
    assertTrue(counter.size() == 0);
  }
}
