package dev.topos.geometry.io;

import java.util.Arrays;

/** A growable float array for readers (no boxing). */
final class FloatList {
  private float[] data;
  private int size;

  FloatList(int capacity) {
    data = new float[Math.max(4, capacity)];
  }

  void add(float value) {
    if (size == data.length) {
      data = Arrays.copyOf(data, data.length * 2);
    }
    data[size++] = value;
  }

  int size() {
    return size;
  }

  float[] toArray() {
    return Arrays.copyOf(data, size);
  }
}
