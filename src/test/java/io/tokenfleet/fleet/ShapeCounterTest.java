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

  /**
   * With the dense store: small samples and regions so that pairs fall on both sides of the
   * region's edges, visits midway (which merge the dense counts) and more adds after them.
   */
  @Test
  void denseAndSortedStoresTogetherEqualABruteForceMap() {
    SplittableRandom rnd = new SplittableRandom(43);
    int[][] ranges = {{1, 1}, {40, 30}, {4096, 2048}, {131_072, 16_384}, {Integer.MAX_VALUE, Integer.MAX_VALUE}};
    for (int sample : new int[] {1, 10, 1000}) {
      for (int bits : new int[] {1, 4, 10, 22}) {
        for (int[] range : ranges) {
          ShapeCounter counter = new ShapeCounter(64, Integer.MAX_VALUE, sample, bits);
          Map<Long, Long> expected = new TreeMap<>();
          long maxSum = 0;
          for (int i = 0; i < 6_000; i++) {
            int p = i % 97 == 0 ? range[0] : 1 + (int) Math.min(range[0] - 1L, (long) (Math.pow(rnd.nextDouble(), 4) * range[0]));
            int m = i % 89 == 0 ? range[1] : 1 + (int) Math.min(range[1] - 1L, (long) (Math.pow(rnd.nextDouble(), 4) * range[1]));
            assertFalse(counter.add(p, m));
            expected.merge(((long) p << 32) | m, 1L, Long::sum);
            maxSum = Math.max(maxSum, (long) p + m);
            if (i == 2_500) {
              assertEquals(expected, visit(counter, new ArrayList<>()), "midway");
            }
          }
          String what = "sample " + sample + ", bits " + bits + ", range " + range[0] + " x " + range[1];
          List<Long> order = new ArrayList<>();
          assertEquals(expected, visit(counter, order), what);
          assertEquals(expected.size(), counter.size(), what);
          assertEquals(maxSum, counter.maxPromptPlusOutput(), what);
          List<Long> sorted = new ArrayList<>(order);
          sorted.sort(null);
          assertEquals(sorted, order, "visited in ascending (prompt, output) order, " + what);
          counter.clear();
          assertEquals(0, counter.size(), what);
          counter.add(1, 1);
          assertEquals(Map.of((1L << 32) | 1, 1L), visit(counter, new ArrayList<>()), "after clear, " + what);
        }
      }
    }
  }

  @Test
  void reportsFullWhenADenseCountReachesItsLimit() {
    // Sample 1: the first pair lays out the region; increments are applied 1,024 at a time, so the
    // limit (5 here, 2^31 - 1 - 1,024 in production) is noticed on the 1 + 1,024-th add.
    ShapeCounter counter = new ShapeCounter(64, Integer.MAX_VALUE, 1, 10, 5);
    int added = 0;
    boolean full = false;
    while (!full) {
      added++;
      full = counter.add(3, 3);
    }
    assertEquals(1 + 1024, added);
    assertEquals(Map.of((3L << 32) | 3, 1025L), visit(counter, new ArrayList<>()));
    counter.clear();
    assertEquals(0, counter.size());
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
