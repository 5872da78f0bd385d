package dev.topos.geometry;

import java.util.Arrays;

/**
 * The unique undirected edges of a polygon mesh (polygon sides, not triangulation diagonals) and
 * their lengths in metres.
 *
 * @param edges vertex pairs, [E*2], each with the smaller index first, sorted by (first, second)
 * @param lengths Euclidean length of each edge, metres, [E]
 */
public record EdgeLengths(int[] edges, double[] lengths) {

  /** The edges of every polygon of the mesh, each counted once. */
  public static EdgeLengths of(Mesh mesh) {
    int[] starts = mesh.faceStarts();
    int[] fv = mesh.faceVertices();
    long[] keys = new long[fv.length];
    for (int f = 0; f < mesh.faceCount(); f++) {
      for (int c = starts[f]; c < starts[f + 1]; c++) {
        int a = fv[c];
        int b = fv[c + 1 < starts[f + 1] ? c + 1 : starts[f]];
        keys[c] = ((long) Math.min(a, b) << 32) | Math.max(a, b);
      }
    }
    Arrays.sort(keys);
    int unique = 0;
    for (int i = 0; i < keys.length; i++) {
      if (i == 0 || keys[i] != keys[i - 1]) {
        keys[unique++] = keys[i];
      }
    }
    int[] edges = new int[unique * 2];
    double[] lengths = new double[unique];
    float[] p = mesh.positions();
    for (int e = 0; e < unique; e++) {
      int a = (int) (keys[e] >>> 32);
      int b = (int) keys[e];
      edges[2 * e] = a;
      edges[2 * e + 1] = b;
      double dx = p[3 * a] - p[3 * b];
      double dy = p[3 * a + 1] - p[3 * b + 1];
      double dz = p[3 * a + 2] - p[3 * b + 2];
      lengths[e] = Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
    return new EdgeLengths(edges, lengths);
  }

  /** Number of edges. */
  public int count() {
    return lengths.length;
  }

  /** Mean edge length, metres (NaN without edges). */
  public double mean() {
    return Arrays.stream(lengths).average().orElse(Double.NaN);
  }

  /** Shortest edge length, metres (NaN without edges). */
  public double min() {
    return Arrays.stream(lengths).min().orElse(Double.NaN);
  }

  /** Longest edge length, metres (NaN without edges). */
  public double max() {
    return Arrays.stream(lengths).max().orElse(Double.NaN);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EdgeLengths e && Arrays.equals(edges, e.edges) && Arrays.equals(lengths, e.lengths);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(edges) * 31 + Arrays.hashCode(lengths);
  }

  @Override
  public String toString() {
    return "EdgeLengths[" + count() + " edges]";
  }
}
