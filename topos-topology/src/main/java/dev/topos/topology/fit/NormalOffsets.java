package dev.topos.topology.fit;

import dev.topos.geometry.KdTree;
import java.util.Arrays;

/**
 * How far a scan lies from a head along the head's vertex normals: for each observable vertex,
 * the nearest scan point's tangent plane is intersected with the line through the vertex along its
 * normal. Vertices with no scan point within {@code maxDistance}, whose nearest point's normal line
 * is more than 60 degrees from the vertex normal's (another sheet of the surface, or hair; the sign is
 * ignored because a scan's normals may still have wrong signs here and there, and the offset's sign
 * comes out right either way), or whose offset exceeds {@code maxDistance}, are not observed.
 *
 * @param vertices the observed vertices, [M]
 * @param normals their unit normals, [M*3]
 * @param offsets the signed offset of the scan along each normal (positive outwards), [M]
 */
public record NormalOffsets(int[] vertices, float[] normals, double[] offsets) {
  private static final double MIN_NORMAL_COSINE = 0.5;

  public NormalOffsets {
    if (normals.length != 3 * vertices.length || offsets.length != vertices.length) {
      throw new IllegalArgumentException("one normal and one offset per observed vertex");
    }
  }

  public int count() {
    return vertices.length;
  }

  /**
   * @param head vertex positions, [V*3]
   * @param headNormals their unit normals, [V*3]
   * @param observable which vertices may be observed, [V]
   * @param scan scan points, [P*3], in the head's units
   * @param scanNormals their unit normals, [P*3]
   * @param maxDistance the farthest match and offset (the head's units)
   */
  public static NormalOffsets observe(float[] head, float[] headNormals, boolean[] observable, float[] scan, float[] scanNormals,
      double maxDistance) {
    return observe(head, headNormals, observable, new KdTree(scan), scan, scanNormals, maxDistance);
  }

  /**
   * {@link #observe(float[], float[], boolean[], float[], float[], double)} with a search tree
   * already built over {@code scan} (fits that observe the same scan again and again build it once).
   *
   * @param tree {@code new KdTree(scan)}
   */
  public static NormalOffsets observe(float[] head, float[] headNormals, boolean[] observable, KdTree tree, float[] scan,
      float[] scanNormals, double maxDistance) {
    if (tree.size() != scan.length / 3) {
      throw new IllegalArgumentException("the tree holds " + tree.size() + " points, the scan " + scan.length / 3);
    }
    if (scan.length == 0) {
      return new NormalOffsets(new int[0], new float[0], new double[0]);
    }
    int v = head.length / 3;
    int[] seen = new int[v];
    float[] normals = new float[3 * v];
    double[] offsets = new double[v];
    int m = 0;
    for (int i = 0; i < v; i++) {
      if (!observable[i]) {
        continue;
      }
      KdTree.Neighbor nb = tree.nearestNeighbor(head[3 * i], head[3 * i + 1], head[3 * i + 2]);
      if (nb.distance() > maxDistance) {
        continue;
      }
      int q = nb.index();
      double cos = scanNormals[3 * q] * headNormals[3 * i] + scanNormals[3 * q + 1] * headNormals[3 * i + 1]
          + scanNormals[3 * q + 2] * headNormals[3 * i + 2];
      if (Math.abs(cos) < MIN_NORMAL_COSINE) {
        continue;
      }
      double plane = scanNormals[3 * q] * (scan[3 * q] - head[3 * i]) + scanNormals[3 * q + 1] * (scan[3 * q + 1] - head[3 * i + 1])
          + scanNormals[3 * q + 2] * (scan[3 * q + 2] - head[3 * i + 2]);
      double offset = plane / cos; // the plane's distance along the vertex normal
      if (Math.abs(offset) >= maxDistance) {
        continue;
      }
      seen[m] = i;
      System.arraycopy(headNormals, 3 * i, normals, 3 * m, 3);
      offsets[m] = offset;
      m++;
    }
    return new NormalOffsets(Arrays.copyOf(seen, m), Arrays.copyOf(normals, 3 * m), Arrays.copyOf(offsets, m));
  }
}
