package dev.topos.topology.fit;

import dev.topos.geometry.ClosestPointOnMesh;
import dev.topos.geometry.Normals;
import dev.topos.geometry.SurfacePoint;
import java.util.Arrays;

/**
 * How far a scan lies from a head's surface, observed at points of the surface that are barycentric
 * mixes of up to three vertices: observation {@code o} says {@code n_o . (sum_k w_ok t_(v_ok) -
 * sum_k w_ok x_(v_ok)) = offset_o} for the head {@code x} it was measured on and the true head
 * {@code t}. Two kinds: at vertices ({@link #atVertices}, a {@link NormalOffsets}: one corner of
 * weight 1) and at scan points ({@link #atScanPoints}: each point's offset from its closest point on
 * the head, along that triangle's normal), so that every scan point speaks, not only the one
 * nearest to each vertex.
 *
 * @param corners the vertices of each observation, three per observation, [M*3] (unused corners
 *     have weight 0)
 * @param weights their barycentric weights, [M*3], each three non-negative with a sum of 1
 * @param normals the unit normal each offset is measured along, [M*3]
 * @param offsets the signed offsets (positive: the scan lies outside), [M]
 */
public record SurfaceOffsets(int[] corners, double[] weights, float[] normals, double[] offsets) {
  private static final double MIN_NORMAL_COSINE = 0.5; // as NormalOffsets: another sheet, or hair

  public SurfaceOffsets {
    int m = offsets.length;
    if (corners.length != 3 * m || weights.length != 3 * m || normals.length != 3 * m) {
      throw new IllegalArgumentException("three corners, three weights and a normal per offset");
    }
    for (int o = 0; o < m; o++) {
      double sum = weights[3 * o] + weights[3 * o + 1] + weights[3 * o + 2];
      if (!(weights[3 * o] >= 0 && weights[3 * o + 1] >= 0 && weights[3 * o + 2] >= 0 && Math.abs(sum - 1) < 1e-6)) {
        throw new IllegalArgumentException("barycentric weights must be non-negative and sum to 1, got " + weights[3 * o] + ", "
            + weights[3 * o + 1] + ", " + weights[3 * o + 2]);
      }
    }
  }

  public int count() {
    return offsets.length;
  }

  /** The offsets at vertices, each its vertex with weight 1. */
  public static SurfaceOffsets atVertices(NormalOffsets seen) {
    int m = seen.count();
    int[] corners = new int[3 * m];
    double[] weights = new double[3 * m];
    for (int o = 0; o < m; o++) {
      Arrays.fill(corners, 3 * o, 3 * o + 3, seen.vertices()[o]);
      weights[3 * o] = 1;
    }
    return new SurfaceOffsets(corners, weights, seen.normals(), seen.offsets());
  }

  /**
   * Each scan point's offset from its closest point on the head, along the normal of the triangle it
   * falls on: points farther than {@code maxDistance}, on a triangle with a corner that may not be
   * observed, on a degenerate triangle, or whose normal line is more than 60 degrees from the
   * triangle's (the sign ignored: PCA normals are unoriented) are not observed.
   *
   * @param head vertex positions, [V*3]
   * @param triangles the head's triangles, [T*3]
   * @param observable which vertices may be observed, [V]
   * @param scan scan points, [P*3], in the head's units
   * @param scanNormals their unit normals, [P*3]
   * @param maxDistance the farthest match (the head's units)
   */
  public static SurfaceOffsets atScanPoints(float[] head, int[] triangles, boolean[] observable, float[] scan, float[] scanNormals,
      double maxDistance) {
    int p = scan.length / 3;
    ClosestPointOnMesh surface = new ClosestPointOnMesh(head, triangles);
    int[] corners = new int[3 * p];
    double[] weights = new double[3 * p];
    float[] normals = new float[3 * p];
    double[] offsets = new double[p];
    double[] cross = new double[3];
    int m = 0;
    for (int q = 0; q < p; q++) {
      SurfacePoint at = surface.closest(scan[3 * q], scan[3 * q + 1], scan[3 * q + 2]);
      if (at.distance() > maxDistance) {
        continue;
      }
      int a = triangles[3 * at.triangle()];
      int b = triangles[3 * at.triangle() + 1];
      int c = triangles[3 * at.triangle() + 2];
      if (!observable[a] || !observable[b] || !observable[c]) {
        continue;
      }
      Normals.triangleCross(head, triangles, at.triangle(), cross); // (b - a) x (c - a), as the vertex normals
      double nx = cross[0];
      double ny = cross[1];
      double nz = cross[2];
      double length = Math.sqrt(nx * nx + ny * ny + nz * nz);
      if (!(length > 0)) {
        continue;
      }
      nx /= length;
      ny /= length;
      nz /= length;
      double cos = nx * scanNormals[3 * q] + ny * scanNormals[3 * q + 1] + nz * scanNormals[3 * q + 2];
      if (Math.abs(cos) < MIN_NORMAL_COSINE) {
        continue;
      }
      corners[3 * m] = a;
      corners[3 * m + 1] = b;
      corners[3 * m + 2] = c;
      weights[3 * m] = at.b0();
      weights[3 * m + 1] = at.b1();
      weights[3 * m + 2] = at.b2();
      normals[3 * m] = (float) nx;
      normals[3 * m + 1] = (float) ny;
      normals[3 * m + 2] = (float) nz;
      offsets[m] = nx * (scan[3 * q] - at.x()) + ny * (scan[3 * q + 1] - at.y()) + nz * (scan[3 * q + 2] - at.z());
      m++;
    }
    return new SurfaceOffsets(Arrays.copyOf(corners, 3 * m), Arrays.copyOf(weights, 3 * m), Arrays.copyOf(normals, 3 * m),
        Arrays.copyOf(offsets, m));
  }

  /** These observations, then {@code more}'s. */
  public SurfaceOffsets concat(SurfaceOffsets more) {
    return new SurfaceOffsets(join(corners, more.corners), join(weights, more.weights), join(normals, more.normals),
        join(offsets, more.offsets));
  }

  private static int[] join(int[] a, int[] b) {
    int[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static double[] join(double[] a, double[] b) {
    double[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static float[] join(float[] a, float[] b) {
    float[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
