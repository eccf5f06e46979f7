package io.tokenfleet.fleet;

import java.util.Arrays;

/**
 * Counts (prompt tokens, output tokens) pairs inside one partition, so each distinct request shape
 * is costed once and weighted by its count: traces repeat shapes, and costing is the expensive part.
 *
 * <p>By sorting rather than hashing: pairs are appended to a buffer; a full buffer is radix-sorted
 * on the bits its lengths actually use (two passes of at most 12 bits for lengths below 4,096 and
 * 2,048) and its runs are merged into a sorted list of distinct pairs with counts. Every access is
 * sequential, where a hash table of a million shapes misses the CPU caches on nearly every row
 * (measured: the probe was a third of fleet-cost's time). Both lengths must be in [1, 2^31 - 1].
 */
public final class ShapeCounter {
  private static final int FIRST_BUFFER_KEYS = 1 << 12;

  private final int chunkKeys;
  private final int maxDistinct;
  /** (prompt << 32) | output, appended; sorted in place by {@link #compact}. */
  private long[] buffer;
  private long[] scratch;
  private int buffered;
  private long[] keys = new long[0];
  private long[] counts = new long[0];
  private int distinct;
  /** The merge's target, swapped with keys/counts after each merge (large arrays are reused, not reallocated). */
  private long[] spareKeys = new long[0];
  private long[] spareCounts = new long[0];

  /**
   * @param chunkKeys pairs buffered before they are sorted and merged (the buffer grows to this), >= 1
   * @param maxDistinct distinct pairs at which {@link #add} reports the counter full, >= 1
   */
  public ShapeCounter(int chunkKeys, int maxDistinct) {
    if (chunkKeys < 1) {
      throw new IllegalArgumentException("chunkKeys must be >= 1, got " + chunkKeys);
    }
    if (maxDistinct < 1) {
      throw new IllegalArgumentException("maxDistinct must be >= 1, got " + maxDistinct);
    }
    this.chunkKeys = chunkKeys;
    this.maxDistinct = maxDistinct;
    this.buffer = new long[Math.min(FIRST_BUFFER_KEYS, chunkKeys)];
    this.scratch = new long[buffer.length];
  }

  /**
   * Counts one request of {@code promptTokens} and {@code outputTokens}.
   *
   * @return true when the distinct pairs counted reached {@code maxDistinct}: visit and clear
   */
  public boolean add(int promptTokens, int outputTokens) {
    if (promptTokens < 1 || outputTokens < 1) {
      throw new IllegalArgumentException("token counts must be >= 1, got prompt " + promptTokens + ", output " + outputTokens);
    }
    if (buffered == buffer.length) {
      if (buffer.length < chunkKeys) {
        int grown = (int) Math.min(chunkKeys, 2L * buffer.length);
        buffer = Arrays.copyOf(buffer, grown);
        scratch = new long[grown];
      } else {
        compact();
        if (distinct >= maxDistinct) {
          buffer[buffered++] = key(promptTokens, outputTokens);
          return true;
        }
      }
    }
    buffer[buffered++] = key(promptTokens, outputTokens);
    return false;
  }

  /** Distinct pairs counted. */
  public int size() {
    compact();
    return distinct;
  }

  /** Visits each distinct pair once, in ascending (prompt, output) order. */
  public void forEach(PairConsumer consumer) {
    compact();
    for (int i = 0; i < distinct; i++) {
      consumer.accept((int) (keys[i] >>> 32), (int) keys[i], counts[i]);
    }
  }

  /** Forgets every pair (keeps the buffer). */
  public void clear() {
    buffered = 0;
    distinct = 0;
  }

  /** Receives a distinct pair and how many requests had it. */
  @FunctionalInterface
  public interface PairConsumer {
    void accept(int promptTokens, int outputTokens, long count);
  }

  private static long key(int promptTokens, int outputTokens) {
    return ((long) promptTokens << 32) | outputTokens;
  }

  /** Sorts the buffer and merges its runs into the distinct list. */
  private void compact() {
    if (buffered == 0) {
      return;
    }
    long[] sorted = radixSort();
    int runs = 0;
    for (int i = 0; i < buffered; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        runs++;
      }
    }
    if (spareKeys.length < distinct + runs) {
      int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(distinct + runs, (distinct + runs) * 3L / 2));
      spareKeys = new long[capacity];
      spareCounts = new long[capacity];
    }
    long[] mergedKeys = spareKeys;
    long[] mergedCounts = spareCounts;
    int out = 0;
    int a = 0;
    int b = 0;
    while (a < distinct || b < buffered) {
      long next = b < buffered && (a >= distinct || sorted[b] <= keys[a]) ? sorted[b] : keys[a];
      long count = 0;
      if (a < distinct && keys[a] == next) {
        count += counts[a++];
      }
      while (b < buffered && sorted[b] == next) {
        count++;
        b++;
      }
      mergedKeys[out] = next;
      mergedCounts[out] = count;
      out++;
    }
    spareKeys = keys;
    spareCounts = counts;
    keys = mergedKeys;
    counts = mergedCounts;
    distinct = out;
    buffered = 0;
  }

  /**
   * LSD radix sort of buffer[0, buffered) on (prompt, output) packed into the bits they use; returns
   * the array (buffer or scratch) holding the sorted keys, in its first {@code buffered} slots.
   */
  private long[] radixSort() {
    long maxPrompt = 0;
    long maxOutput = 0;
    for (int i = 0; i < buffered; i++) {
      maxPrompt = Math.max(maxPrompt, buffer[i] >>> 32);
      maxOutput = Math.max(maxOutput, buffer[i] & 0xFFFF_FFFFL);
    }
    int outputBits = 64 - Long.numberOfLeadingZeros(maxOutput);
    int totalBits = outputBits + 64 - Long.numberOfLeadingZeros(maxPrompt);
    int passes = Math.max(1, (totalBits + 11) / 12);
    int digitBits = (totalBits + passes - 1) / passes;
    int[] histogram = new int[1 << digitBits];
    long digitMask = (1L << digitBits) - 1;
    long[] from = buffer;
    long[] to = scratch;
    for (int pass = 0; pass < passes; pass++) {
      int shift = pass * digitBits;
      Arrays.fill(histogram, 0);
      for (int i = 0; i < buffered; i++) {
        histogram[(int) ((packed(from[i], outputBits) >>> shift) & digitMask)]++;
      }
      int position = 0;
      for (int d = 0; d < histogram.length; d++) {
        int c = histogram[d];
        histogram[d] = position;
        position += c;
      }
      for (int i = 0; i < buffered; i++) {
        long k = from[i];
        to[histogram[(int) ((packed(k, outputBits) >>> shift) & digitMask)]++] = k;
      }
      long[] swap = from;
      from = to;
      to = swap;
    }
    buffer = from;
    scratch = to;
    return from;
  }

  /** (prompt << outputBits) | output: the same order as (prompt, output), in as few bits as they need. */
  private static long packed(long key, int outputBits) {
    return ((key >>> 32) << outputBits) | (key & 0xFFFF_FFFFL);
  }
}
