package dev.topos.geometry;

/**
 * A point cloud with each position once. Clouds often repeat points: a mesh's vertices saved as a
 * cloud repeat those split at seams or per face, merged captures repeat their overlap. Repeats carry
 * nothing, yet they fill the neighbourhoods that normals are estimated from: the demo's cloud as 3,000
 * points, each ten times, gave a head 8.98 mm off, the same 3,000 points once 2.70 mm (session 20).
 *
 * <p>Positions are compared bit for bit through a 64-bit hash of the three coordinates; two different
 * positions share a hash with odds of about n^2 / 2^65 (5e-6 for ten million points), and then one of
 * them is dropped too, which costs nothing either.
 */
public final class RepeatedPoints {
  private RepeatedPoints() {}

  /** The cloud with each position once, the first of each kept with its normal, in order; the cloud itself when none repeats. */
  public static PointCloud drop(PointCloud cloud) {
    float[] p = cloud.positions();
    int n = cloud.size();
    int capacity = Integer.highestOneBit(Math.max(4, 2 * n - 1)) << 1; // a power of two, at most half full
    long[] table = new long[capacity];
    boolean[] used = new boolean[capacity];
    boolean[] keep = new boolean[n];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      long h = hash(p[3 * i], p[3 * i + 1], p[3 * i + 2]);
      int slot = (int) (h ^ (h >>> 32)) & (capacity - 1);
      while (used[slot] && table[slot] != h) {
        slot = (slot + 1) & (capacity - 1);
      }
      if (!used[slot]) {
        used[slot] = true;
        table[slot] = h;
        keep[i] = true;
        kept++;
      }
    }
    return kept == n ? cloud : cloud.select(keep);
  }

  private static long hash(float x, float y, float z) {
    long h = mix(Float.floatToIntBits(x + 0f)); // + 0f: -0 and 0 are one position
    h = mix(h * 31 + Float.floatToIntBits(y + 0f));
    return mix(h * 31 + Float.floatToIntBits(z + 0f));
  }

  /** SplitMix64's finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
