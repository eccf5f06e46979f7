package io.tokenfleet.plan;

/** Growable ring buffer of ints (no boxing) with push/pop at both ends. */
final class IntDeque {
  private int[] items;
  private int head;
  private int size;

  IntDeque(int initialCapacity) {
    items = new int[Math.max(16, Integer.highestOneBit(Math.max(1, initialCapacity - 1)) << 1)];
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  int peekFirst() {
    return items[head];
  }

  int pollFirst() {
    int v = items[head];
    head = (head + 1) & (items.length - 1);
    size--;
    return v;
  }

  void addLast(int v) {
    grow();
    items[(head + size) & (items.length - 1)] = v;
    size++;
  }

  void addFirst(int v) {
    grow();
    head = (head - 1) & (items.length - 1);
    items[head] = v;
    size++;
  }

  private void grow() {
    if (size < items.length) {
      return;
    }
    int[] bigger = new int[items.length << 1];
    for (int i = 0; i < size; i++) {
      bigger[i] = items[(head + i) & (items.length - 1)];
    }
    items = bigger;
    head = 0;
  }
}
