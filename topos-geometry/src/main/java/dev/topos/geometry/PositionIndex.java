package dev.topos.geometry;

import java.util.Arrays;

/**
 * Numbers positions so that equal ones share a number: the first position added gets 0, every new
 * position the next number, and a position equal to one added before (bit for bit, {@code -0} as
 * {@code 0}) that one's number. What welds a mesh's coincident vertices ({@link CoincidentVertices}),
 * an STL's corners and a point cloud's repeats ({@link RepeatedPoints}).
 *
 * <p>An open-addressing hash table over the numbers, at most half full; positions are compared
 * exactly, so distinct positions never merge.
 */
public final class PositionIndex {
  private float[] positions; // [size*3], then spare room
  private int[] table; // number + 1 per slot, 0 when empty; a power of two
  private int size;

  /** An empty index with room for about {@code expected} positions before it grows. */
  public PositionIndex(int expected) {
    int n = Math.max(4, expected);
    positions = new float[3 * n];
    table = new int[Integer.highestOneBit(2 * n - 1) << 1];
  }

  /** The number of the position (x, y, z): an earlier one's if it was added before, else {@link #size()} before the call. */
  public int add(float x, float y, float z) {
    x += 0f; // -0 becomes 0, so both are one position
    y += 0f;
    z += 0f;
    int mask = table.length - 1;
    int slot = hash(x, y, z) & mask;
    while (table[slot] != 0) {
      int id = table[slot] - 1;
      if (positions[3 * id] == x && positions[3 * id + 1] == y && positions[3 * id + 2] == z) {
        return id;
      }
      slot = (slot + 1) & mask;
    }
    if (3 * size + 3 > positions.length) {
      positions = Arrays.copyOf(positions, 2 * positions.length);
    }
    positions[3 * size] = x;
    positions[3 * size + 1] = y;
    positions[3 * size + 2] = z;
    table[slot] = ++size;
    if (2 * size > table.length) {
      grow();
    }
    return size - 1;
  }

  /** How many distinct positions were added. */
  public int size() {
    return size;
  }

  /** The distinct positions in the order of their numbers, [size*3] (a copy). */
  public float[] positions() {
    return Arrays.copyOf(positions, 3 * size);
  }

  private void grow() {
    table = new int[table.length * 2];
    int mask = table.length - 1;
    for (int id = 0; id < size; id++) {
      int slot = hash(positions[3 * id], positions[3 * id + 1], positions[3 * id + 2]) & mask;
      while (table[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      table[slot] = id + 1;
    }
  }

  private static int hash(float x, float y, float z) {
    long h = mix(Float.floatToIntBits(x));
    h = mix(h * 31 + Float.floatToIntBits(y));
    h = mix(h * 31 + Float.floatToIntBits(z));
    return (int) (h ^ (h >>> 32));
  }

  /** SplitMix64's finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
