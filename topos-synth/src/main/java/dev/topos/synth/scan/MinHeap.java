package dev.topos.synth.scan;

import java.util.Arrays;

/**
 * A binary min-heap of (double key, int value) pairs in flat arrays, no boxing. Ties pop in an
 * unspecified but deterministic order (the same pushes give the same pops).
 */
final class MinHeap {
  private double[] keys;
  private int[] values;
  private int size;

  MinHeap(int capacity) {
    keys = new double[Math.max(16, capacity)];
    values = new int[keys.length];
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void clear() {
    size = 0;
  }

  void push(double key, int value) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (keys[parent] <= key) {
        break;
      }
      keys[i] = keys[parent];
      values[i] = values[parent];
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }

  /** The smallest key; the heap must not be empty. */
  double peekKey() {
    return keys[0];
  }

  /** Removes the entry with the smallest key and returns its value. */
  int pop() {
    int top = values[0];
    size--;
    if (size > 0) {
      double key = keys[size];
      int value = values[size];
      int i = 0;
      while (true) {
        int l = 2 * i + 1;
        if (l >= size) {
          break;
        }
        int c = l + 1 < size && keys[l + 1] < keys[l] ? l + 1 : l;
        if (keys[c] >= key) {
          break;
        }
        keys[i] = keys[c];
        values[i] = values[c];
        i = c;
      }
      keys[i] = key;
      values[i] = value;
    }
    return top;
  }
}
