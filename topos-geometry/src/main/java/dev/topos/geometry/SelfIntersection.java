package dev.topos.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds self-intersections of a triangle mesh: pairs of triangles that share no vertex index yet
 * intersect ({@link TriangleIntersection}, closed triangles in double precision). Polygon meshes
 * are checked on their fan triangulation ({@link Mesh#triangles()}); triangles of the same polygon
 * always share a vertex, so they are never compared.
 *
 * <p>Conservative: triangles that merely touch (a vertex on another triangle, coplanar contact)
 * count as intersecting unless they share a vertex index. A mesh with duplicated, unwelded
 * vertices therefore reports its touching neighbours; weld before checking. Triangles that share
 * a vertex are never tested, so a fold between neighbours is not detected here.
 *
 * <p>Candidates come from a bounding-volume hierarchy over the triangle boxes, so a mesh of 10k
 * triangles is checked in milliseconds.
 */
public final class SelfIntersection {
  /** Default number of offending pairs kept in a {@link Report}. */
  public static final int DEFAULT_MAX_PAIRS = 10;

  private SelfIntersection() {}

  /** Two intersecting triangles (indices into the triangle list) and the polygons they belong to. */
  public record Pair(int triangleA, int triangleB, int faceA, int faceB) {}

  /**
   * @param count number of intersecting triangle pairs
   * @param firstPairs the first pairs found, ordered by (triangleA, triangleB), triangleA < triangleB
   */
  public record Report(long count, List<Pair> firstPairs) {
    public Report {
      firstPairs = List.copyOf(firstPairs);
    }

    public boolean intersects() {
      return count > 0;
    }
  }

  /** Checks a polygon mesh (fan-triangulated), keeping the first {@value #DEFAULT_MAX_PAIRS} pairs. */
  public static Report find(Mesh mesh) {
    return find(mesh.positions(), mesh.triangles(), mesh.triangleFaces(), DEFAULT_MAX_PAIRS);
  }

  /** Checks a triangle list, keeping at most {@code maxPairs} pairs (faces equal triangles). */
  public static Report find(float[] positions, int[] triangles, int maxPairs) {
    return find(positions, triangles, null, maxPairs);
  }

  private static Report find(float[] positions, int[] triangles, int[] triangleFaces, int maxPairs) {
    int n = triangles.length / 3;
    if (n < 2) {
      return new Report(0, List.of());
    }
    TriangleBvh bvh = new TriangleBvh(positions, triangles);
    // Corners by triangle index (the BVH keeps them by slot).
    double[] corners = new double[n * 9];
    for (int s = 0; s < n; s++) {
      System.arraycopy(bvh.corners, 9 * s, corners, 9 * bvh.order[s], 9);
    }
    long count = 0;
    List<Pair> pairs = new ArrayList<>();
    int[] stack = new int[bvh.depth + 2];
    int[] candidates = new int[16];
    double[] box = new double[6];
    for (int a = 0; a < n; a++) {
      triangleBox(corners, a, box);
      int found = 0;
      int top = 0;
      stack[top++] = 0;
      while (top > 0) {
        int node = stack[--top];
        if (!bvh.overlaps(node, box)) {
          continue;
        }
        int l = bvh.left[node];
        if (l >= 0) {
          stack[top++] = l;
          stack[top++] = l + 1;
          continue;
        }
        for (int s = bvh.first[node]; s < bvh.first[node] + bvh.count[node]; s++) {
          int b = bvh.order[s];
          if (b > a && !shareVertex(triangles, a, b)) {
            if (found == candidates.length) {
              candidates = Arrays.copyOf(candidates, found * 2);
            }
            candidates[found++] = b;
          }
        }
      }
      Arrays.sort(candidates, 0, found);
      for (int k = 0; k < found; k++) {
        int b = candidates[k];
        if (TriangleIntersection.intersects(corners, 9 * a, corners, 9 * b)) {
          count++;
          if (pairs.size() < maxPairs) {
            pairs.add(new Pair(a, b, triangleFaces == null ? a : triangleFaces[a],
                triangleFaces == null ? b : triangleFaces[b]));
          }
        }
      }
    }
    return new Report(count, pairs);
  }

  private static void triangleBox(double[] corners, int t, double[] box) {
    for (int k = 0; k < 3; k++) {
      double a = corners[9 * t + k];
      double b = corners[9 * t + 3 + k];
      double c = corners[9 * t + 6 + k];
      box[k] = Math.min(a, Math.min(b, c));
      box[k + 3] = Math.max(a, Math.max(b, c));
    }
  }

  private static boolean shareVertex(int[] triangles, int a, int b) {
    for (int i = 0; i < 3; i++) {
      int v = triangles[3 * a + i];
      if (v == triangles[3 * b] || v == triangles[3 * b + 1] || v == triangles[3 * b + 2]) {
        return true;
      }
    }
    return false;
  }
}
