package io.tokenfleet.fleet;


/**
 * Counts (prompt tokens, output tokens) pairs inside one partition, so each distinct request shape
 * is costed once and weighted by its count: traces repeat shapes, and costing is the expensive
 * part. Open addressing over primitive arrays; no boxing. Both lengths must be in [1, 2^31 - 1].
 */
public final class PairCounter {
  private long[] keys = new long[1 << 12];
  private long[] counts = new long[1 << 12];
  private int size;

  /** Counts one request of {@code promptTokens} and {@code outputTokens}. */
  public void add(int promptTokens, int outputTokens) {
    if (promptTokens < 1 || outputTokens < 1) {
      throw new IllegalArgumentException("token counts must be >= 1, got prompt " + promptTokens + ", output " + outputTokens);
    }
    long key = ((long) promptTokens << 32) | outputTokens;
    int mask = keys.length - 1;
    int slot = mix(key) & mask;
    while (true) {
      long k = keys[slot];
      if (k == key) {
        counts[slot]++;
        return;
      }
      if (k == 0) {
        keys[slot] = key;
        counts[slot] = 1;
        if (++size * 2 > keys.length) {
          grow();
        }
        return;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Distinct pairs counted. */
  public int size() {
    return size;
  }

  /** Visits each distinct pair once, in no particular order. */
  public void forEach(PairConsumer consumer) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0) {
        consumer.accept((int) (keys[i] >>> 32), (int) keys[i], counts[i]);
      }
    }
  }

  /** Receives a distinct pair and how many requests had it. */
  @FunctionalInterface
  public interface PairConsumer {
    void accept(int promptTokens, int outputTokens, long count);
  }

  /** Forgets every pair (keeps the capacity). */
  public void clear() {
    java.util.Arrays.fill(keys, 0);
    java.util.Arrays.fill(counts, 0);
    size = 0;
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldCounts = counts;
    keys = new long[oldKeys.length * 2];
    counts = new long[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        int slot = mix(oldKeys[i]) & mask;
        while (keys[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        counts[slot] = oldCounts[i];
      }
    }
  }

  // Murmur3 finaliser: spreads the (prompt, output) bits over the table.
  private static int mix(long key) {
    long h = key;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) h;
  }
}
