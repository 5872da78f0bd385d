package dev.topos.geometry;

import java.util.Arrays;

/** The triangles of a list whose three corners all pass a vertex mask (a region of a mesh, say). */
public final class TriangleSubset {
  private TriangleSubset() {}

  /**
   * @param triangles vertex indices, [T*3]
   * @param kept per vertex, whether it belongs to the subset
   * @return the triangles with all three corners kept, in their order, [T'*3]
   */
  public static int[] within(int[] triangles, boolean[] kept) {
    int[] out = new int[triangles.length];
    int n = 0;
    for (int t = 0; t < triangles.length; t += 3) {
      if (kept[triangles[t]] && kept[triangles[t + 1]] && kept[triangles[t + 2]]) {
        System.arraycopy(triangles, t, out, n, 3);
        n += 3;
      }
    }
    return Arrays.copyOf(out, n);
  }
}
