package io.tokenfleet.kernel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Simulates the KV cache of one request entry by entry: which positions each sequence stores,
 * when the window evicts them, when beams are formed and whether they share or copy the prompt.
 * Independent of {@link RequestBytes} and {@link TokenSums}.
 *
 * <p>Rules (from the spec): a token at position t attends to the positions in [t - W + 1, t], so a
 * store may drop everything at or below t - W once t is fed. Prefill feeds 1..P into one
 * sequence; if M >= 2 the logits at P form k sequences: SHARED_PROMPT keeps the prompt entries once
 * and gives each sequence an empty store of its own, COPIED copies them into each sequence.
 * Decode step j feeds P + j into each sequence; the token reads every other entry it can see.
 * Without a cache nothing survives a pass; each pass (prefill, then every step for each of the
 * k sequences at once) builds a transient cache over its positions 1..L.
 */
final class KvCacheSimulator {
  private KvCacheSimulator() {}

  /** Peak entries held at once (over all sequences) and entries read from the cache by decode. */
  record Result(long peakEntries, long entriesReadByDecode) {}

  static Result simulate(ModelSpec m, long promptTokens, long outputTokens, DecodingStrategy strategy,
      KvSharing sharing) {
    long w = m.slidingWindowTokens() > 0 ? m.slidingWindowTokens() : Long.MAX_VALUE;
    return strategy.kvCache()
        ? cached(w, promptTokens, outputTokens, strategy.width(), sharing)
        : uncached(w, promptTokens, outputTokens, strategy.width());
  }

  private static Result cached(long w, long p, long m, int k, KvSharing sharing) {
    ArrayDeque<Long> prompt = new ArrayDeque<>();
    long peak = 0;
    for (long t = 1; t <= p; t++) {
      prompt.addLast(t);
      evict(prompt, t, w);
      peak = Math.max(peak, prompt.size());
    }
    if (m == 1) {
      return new Result(peak, 0);
    }
    List<ArrayDeque<Long>> own = new ArrayList<>();
    ArrayDeque<Long> shared;
    if (sharing == KvSharing.SHARED_PROMPT || k == 1) {
      shared = prompt;
      for (int s = 0; s < k; s++) {
        own.add(new ArrayDeque<>());
      }
    } else {
      shared = new ArrayDeque<>();
      for (int s = 0; s < k; s++) {
        own.add(new ArrayDeque<>(prompt));
      }
    }
    peak = Math.max(peak, held(shared, own));
    long read = 0;
    for (long j = 1; j <= m - 1; j++) {
      long t = p + j;
      for (ArrayDeque<Long> mine : own) {
        mine.addLast(t);
        evict(mine, t, w);
      }
      evict(shared, t, w);
      for (ArrayDeque<Long> mine : own) {
        read += visible(shared, t, w) + visible(mine, t, w) - 1; // every entry it sees except its own
      }
      peak = Math.max(peak, held(shared, own));
    }
    return new Result(peak, read);
  }

  private static Result uncached(long w, long p, long m, int k) {
    long peak = transientPeak(w, p, 1);
    for (long j = 1; j <= m - 1; j++) {
      peak = Math.max(peak, transientPeak(w, p + j, k));
    }
    return new Result(peak, 0);
  }

  /** k sequences each fed 1..length into a fresh store, in lockstep. */
  private static long transientPeak(long w, long length, int k) {
    List<ArrayDeque<Long>> stores = new ArrayList<>();
    for (int s = 0; s < k; s++) {
      stores.add(new ArrayDeque<>());
    }
    long peak = 0;
    for (long t = 1; t <= length; t++) {
      long total = 0;
      for (ArrayDeque<Long> store : stores) {
        store.addLast(t);
        evict(store, t, w);
        total += store.size();
      }
      peak = Math.max(peak, total);
    }
    return peak;
  }

  private static void evict(ArrayDeque<Long> store, long latest, long w) {
    while (!store.isEmpty() && store.peekFirst() <= latest - w) {
      store.removeFirst();
    }
  }

  private static long visible(ArrayDeque<Long> store, long t, long w) {
    return store.stream().filter(pos -> pos > t - w && pos <= t).count();
  }

  private static long held(ArrayDeque<Long> shared, List<ArrayDeque<Long>> own) {
    long total = shared.size();
    for (ArrayDeque<Long> mine : own) {
      total += mine.size();
    }
    return total;
  }
}
