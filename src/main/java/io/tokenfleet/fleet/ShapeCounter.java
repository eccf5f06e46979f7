package io.tokenfleet.fleet;

import java.util.Arrays;

/**
 * Counts (prompt tokens, output tokens) pairs inside one partition, so each distinct request shape
 * is costed once and weighted by its count: traces repeat shapes, and costing is the expensive part.
 *
 * <p>Two stores, both visited in ascending (prompt, output) order:
 * <ul>
 *   <li><b>Dense</b>: once {@code denseSampleKeys} pairs have been seen, a count array is laid over
 *       the lengths that cover 99.9% of that sample along each axis (at most 2^maxDenseBits
 *       counts), and a pair inside it costs one increment (measured ~9 ns a row on 6.5M rows,
 *       where sorting costs ~35).
 *   <li><b>Sorted</b>: every other pair (the sample, outliers, all pairs of a small partition) is
 *       appended to a buffer; a full buffer is radix-sorted on the bits its lengths actually use
 *       and merged into a sorted list of distinct pairs with counts. Every access is sequential,
 *       where a hash table of a million shapes misses the CPU caches on nearly every row.
 * </ul>
 * Visiting merges the dense counts into the sorted list. Both lengths must be in [1, 2^31 - 1].
 * Not thread-safe.
 */
public final class ShapeCounter {
  private static final int FIRST_BUFFER_KEYS = 1 << 12;

  /** Share of the sample the dense region covers, along each length. */
  private static final double DENSE_COVERAGE = 0.999;
  private static final int PENDING_SLOTS = 1024;

  private final int chunkKeys;
  private final int maxDistinct;
  private final int denseSampleKeys;
  private final int maxDenseBits;
  private final int denseCountLimit;
  /** Whether the dense region was decided (after the sample). */
  private boolean sampled;
  /**
   * Counts of pairs with prompt < densePromptLimit and output < denseOutputLimit, at
   * prompt x denseOutputLimit + output; null if none (the limits are then 0).
   */
  private int[] dense;
  /**
   * Dense slots to increment, applied a block at a time: a tight loop of increments keeps many
   * cache misses in flight (the count array is larger than L2), where incrementing row by row
   * between column reads serialises them (measured: the increment was a third of fleet-cost's time).
   */
  private final int[] pendingSlots = new int[PENDING_SLOTS];
  private int pending;
  /** Whether the dense store may hold counts not yet merged into the sorted list. */
  private boolean denseDirty;
  private int densePromptLimit;
  private int denseOutputLimit;
  /** (prompt << 32) | output, appended; sorted in place by {@link #compact}. */
  private long[] buffer;
  private long[] scratch;
  private int buffered;
  private long[] keys = new long[0];
  private long[] counts = new long[0];
  private int distinct;
  /** max(prompt + output) over the sorted list, -1 until computed for its current contents. */
  private long maxSum = -1;
  /** The merge's target, swapped with keys/counts after each merge (large arrays are reused, not reallocated). */
  private long[] spareKeys = new long[0];
  private long[] spareCounts = new long[0];

  /** A counter with the sorted store only. */
  public ShapeCounter(int chunkKeys, int maxDistinct) {
    this(chunkKeys, maxDistinct, Integer.MAX_VALUE, 0);
  }

  /**
   * @param chunkKeys pairs buffered before they are sorted and merged (the buffer grows to this), >= 1
   * @param maxDistinct distinct pairs in the sorted store at which {@link #add} reports the counter
   *     full, >= 1
   * @param denseSampleKeys pairs seen before the dense region is laid out (Integer.MAX_VALUE: never), >= 1
   * @param maxDenseBits the dense store has at most 2^maxDenseBits counts (4 bytes each), in [0, 30]
   */
  public ShapeCounter(int chunkKeys, int maxDistinct, int denseSampleKeys, int maxDenseBits) {
    this(chunkKeys, maxDistinct, denseSampleKeys, maxDenseBits, Integer.MAX_VALUE - PENDING_SLOTS);
  }

  /**
   * As the public constructor, with the dense count that reports the counter full (tests lower it).
   * It is checked a block of pending increments at a time, so it stays a block below 2^31 - 1.
   */
  ShapeCounter(int chunkKeys, int maxDistinct, int denseSampleKeys, int maxDenseBits, int denseCountLimit) {
    if (chunkKeys < 1) {
      throw new IllegalArgumentException("chunkKeys must be >= 1, got " + chunkKeys);
    }
    if (maxDistinct < 1) {
      throw new IllegalArgumentException("maxDistinct must be >= 1, got " + maxDistinct);
    }
    if (denseSampleKeys < 1) {
      throw new IllegalArgumentException("denseSampleKeys must be >= 1, got " + denseSampleKeys);
    }
    if (maxDenseBits < 0 || maxDenseBits > 30) {
      throw new IllegalArgumentException("maxDenseBits must be in [0, 30], got " + maxDenseBits);
    }
    this.chunkKeys = chunkKeys;
    this.maxDistinct = maxDistinct;
    this.denseSampleKeys = denseSampleKeys;
    this.maxDenseBits = maxDenseBits;
    this.denseCountLimit = denseCountLimit;
    this.buffer = new long[Math.min(FIRST_BUFFER_KEYS, chunkKeys)];
    this.scratch = new long[buffer.length];
  }

  /**
   * Counts one request of {@code promptTokens} and {@code outputTokens}.
   *
   * @return true when the counter is full (the sorted store reached {@code maxDistinct} distinct
   *     pairs, or a dense count came within 1,024 of 2^31 - 1): visit and clear
   */
  public boolean add(int promptTokens, int outputTokens) {
    if (promptTokens < 1 || outputTokens < 1) {
      throw new IllegalArgumentException("token counts must be >= 1, got prompt " + promptTokens + ", output " + outputTokens);
    }
    if (promptTokens < densePromptLimit && outputTokens < denseOutputLimit) {
      pendingSlots[pending++] = promptTokens * denseOutputLimit + outputTokens;
      return pending == PENDING_SLOTS && applyPending();
    }
    if (buffered == buffer.length) {
      if (buffer.length < chunkKeys) {
        int grown = (int) Math.min(chunkKeys, 2L * buffer.length);
        buffer = Arrays.copyOf(buffer, grown);
        scratch = new long[grown];
      } else {
        compactBuffer();
        if (distinct >= maxDistinct) {
          buffer[buffered++] = key(promptTokens, outputTokens);
          return true;
        }
      }
    }
    buffer[buffered++] = key(promptTokens, outputTokens);
    if (!sampled && buffered >= denseSampleKeys) {
      layOutDense();
    }
    return false;
  }

  /** Distinct pairs counted. */
  public int size() {
    compact();
    return distinct;
  }

  /** The largest prompt + output among the pairs counted; 0 when none. */
  public long maxPromptPlusOutput() {
    compact();
    if (maxSum < 0) {
      long max = 0;
      for (int i = 0; i < distinct; i++) {
        max = Math.max(max, (keys[i] >>> 32) + (keys[i] & 0xFFFF_FFFFL));
      }
      maxSum = max;
    }
    return maxSum;
  }

  /** Visits each distinct pair once, in ascending (prompt, output) order. */
  public void forEach(PairConsumer consumer) {
    compact();
    for (int i = 0; i < distinct; i++) {
      consumer.accept((int) (keys[i] >>> 32), (int) keys[i], counts[i]);
    }
  }

  /** Forgets every pair (keeps the buffers and the dense region). */
  public void clear() {
    buffered = 0;
    distinct = 0;
    pending = 0;
    maxSum = -1;
    if (dense != null && denseDirty) {
      Arrays.fill(dense, 0);
      denseDirty = false;
    }
  }

  /** Receives a distinct pair and how many requests had it. */
  @FunctionalInterface
  public interface PairConsumer {
    void accept(int promptTokens, int outputTokens, long count);
  }

  private static long key(int promptTokens, int outputTokens) {
    return ((long) promptTokens << 32) | outputTokens;
  }

  /** Brings every count into the sorted list of distinct pairs. */
  private void compact() {
    compactBuffer();
    if (dense != null) {
      applyPending();
      mergeDense();
    }
  }

  /** Applies the pending increments; true when a count reached its limit (the counter is then full). */
  private boolean applyPending() {
    if (pending == 0) {
      return false;
    }
    denseDirty = true;
    int[] counts = dense;
    int reachedMax = 0;
    for (int i = 0; i < pending; i++) {
      int c = ++counts[pendingSlots[i]];
      reachedMax |= c >= denseCountLimit ? 1 : 0;
    }
    pending = 0;
    return reachedMax != 0;
  }

  /**
   * Lays the dense region over the lengths that cover {@link #DENSE_COVERAGE} of the buffered
   * sample along each axis, narrowing the wider axis until it has at most 2^maxDenseBits counts,
   * and moves the sample's pairs inside it there.
   */
  private void layOutDense() {
    sampled = true;
    int n = buffered;
    int[] prompts = new int[n];
    int[] outputs = new int[n];
    for (int i = 0; i < n; i++) {
      prompts[i] = (int) (buffer[i] >>> 32);
      outputs[i] = (int) buffer[i];
    }
    Arrays.sort(prompts);
    Arrays.sort(outputs);
    int q = (int) Math.floor(DENSE_COVERAGE * (n - 1));
    long maxSlots = 1L << maxDenseBits;
    long promptLimit = prompts[q] + 1L;
    long outputLimit = outputs[q] + 1L;
    if (promptLimit * outputLimit > maxSlots && promptLimit >= outputLimit) {
      promptLimit = Math.max(1, maxSlots / outputLimit);
    }
    if (promptLimit * outputLimit > maxSlots) {
      outputLimit = Math.max(1, maxSlots / promptLimit);
    }
    if (promptLimit * outputLimit > maxSlots) {
      promptLimit = Math.max(1, maxSlots / outputLimit);
    }
    if (promptLimit < 2 || outputLimit < 2) {
      return; // no lengths >= 1 fit: everything stays sorted
    }
    dense = new int[(int) (promptLimit * outputLimit)];
    densePromptLimit = (int) promptLimit;
    denseOutputLimit = (int) outputLimit;
    denseDirty = true;
    int kept = 0;
    for (int i = 0; i < n; i++) {
      long k = buffer[i];
      int prompt = (int) (k >>> 32);
      int output = (int) k;
      if (prompt < densePromptLimit && output < denseOutputLimit) {
        dense[prompt * denseOutputLimit + output]++;
      } else {
        buffer[kept++] = k;
      }
    }
    buffered = kept;
  }

  /** Merges the dense counts into the sorted list and zeroes them; both are in ascending key order. */
  private void mergeDense() {
    if (!denseDirty) {
      return;
    }
    denseDirty = false;
    int nonZero = 0;
    for (int c : dense) {
      if (c != 0) {
        nonZero++;
      }
    }
    if (nonZero == 0) {
      return;
    }
    ensureSpare(distinct + nonZero);
    long[] mergedKeys = spareKeys;
    long[] mergedCounts = spareCounts;
    int out = 0;
    int a = 0;
    int slot = 0;
    for (int prompt = 0; prompt < densePromptLimit; prompt++) {
      for (int output = 0; output < denseOutputLimit; output++, slot++) {
        int c = dense[slot];
        if (c == 0) {
          continue;
        }
        dense[slot] = 0;
        long k = key(prompt, output);
        while (a < distinct && keys[a] < k) {
          mergedKeys[out] = keys[a];
          mergedCounts[out++] = counts[a++];
        }
        long count = c;
        if (a < distinct && keys[a] == k) {
          count += counts[a++];
        }
        mergedKeys[out] = k;
        mergedCounts[out++] = count;
      }
    }
    while (a < distinct) {
      mergedKeys[out] = keys[a];
      mergedCounts[out++] = counts[a++];
    }
    swapInMerged(out);
  }

  private void ensureSpare(int size) {
    if (spareKeys.length < size) {
      int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(size, size * 3L / 2));
      spareKeys = new long[capacity];
      spareCounts = new long[capacity];
    }
  }

  private void swapInMerged(int size) {
    maxSum = -1;
    long[] oldKeys = keys;
    long[] oldCounts = counts;
    keys = spareKeys;
    counts = spareCounts;
    spareKeys = oldKeys;
    spareCounts = oldCounts;
    distinct = size;
  }

  /** Sorts the buffer and merges its runs into the distinct list. */
  private void compactBuffer() {
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
    ensureSpare(distinct + runs);
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
    swapInMerged(out);
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
