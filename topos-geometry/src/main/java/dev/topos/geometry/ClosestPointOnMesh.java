package dev.topos.geometry;

import java.util.stream.IntStream;

/**
 * Closest points on a triangle mesh, accelerated by a bounding-volume hierarchy: exact
 * point-to-triangle distance ({@link ClosestPointOnTriangle}) on the few triangles whose boxes
 * can still beat the best distance found so far, nearest boxes first.
 *
 * <p>Used for landmark projection (triangle + barycentrics) and point-to-surface metrics.
 * Lengths in metres. Immutable after construction and safe for concurrent queries.
 */
public final class ClosestPointOnMesh {
  private final TriangleBvh bvh;
  private final int[] triangles;
  private final int[] triangleFaces;

  /** Over the fan triangulation of a polygon mesh ({@link Mesh#triangles()}). */
  public ClosestPointOnMesh(Mesh mesh) {
    this(mesh.positions(), mesh.triangles(), mesh.triangleFaces());
  }

  /**
   * Over a triangle list.
   *
   * @param positions vertex positions, [V*3] (read now; later changes are not seen)
   * @param triangles vertex indices, [T*3]
   */
  public ClosestPointOnMesh(float[] positions, int[] triangles) {
    this(positions, triangles, null);
  }

  private ClosestPointOnMesh(float[] positions, int[] triangles, int[] triangleFaces) {
    if (triangles.length == 0) {
      throw new IllegalArgumentException("no triangles");
    }
    this.bvh = new TriangleBvh(positions, triangles);
    this.triangles = triangles;
    this.triangleFaces = triangleFaces;
  }

  /** Number of triangles searched. */
  public int triangleCount() {
    return bvh.triangleCount;
  }

  /** The triangle list (vertex indices, [T*3]) that {@link SurfacePoint#triangle()} refers to; do not modify. */
  public int[] triangles() {
    return triangles;
  }

  /** The closest point on the mesh to (x, y, z). */
  public SurfacePoint closest(double x, double y, double z) {
    Query q = new Query();
    q.run(x, y, z);
    if (q.bestSlot < 0) {
      throw new IllegalArgumentException("query point (" + x + ", " + y + ", " + z + ") is not finite");
    }
    int t = bvh.order[q.bestSlot];
    return new SurfacePoint(t, triangleFaces == null ? t : triangleFaces[t],
        q.best[0], q.best[1], q.best[2], q.best[3], q.best[4], q.best[5], Math.sqrt(q.bestD2));
  }

  /** Distance from (x, y, z) to the mesh, metres. */
  public double distance(double x, double y, double z) {
    Query q = new Query();
    q.run(x, y, z);
    return Math.sqrt(q.bestD2);
  }

  /**
   * Distance from each point of [N*3] to the mesh, metres, [N]. Large inputs are split into
   * chunks searched in parallel (common fork-join pool); the result does not depend on it.
   */
  public double[] distances(float[] points) {
    double[] out = new double[points.length / 3];
    forEachChunk(out.length, (from, to) -> {
      Query q = new Query();
      for (int i = from; i < to; i++) {
        q.run(points[3 * i], points[3 * i + 1], points[3 * i + 2]);
        out[i] = Math.sqrt(q.bestD2);
      }
    });
    return out;
  }

  /** The closest point of each point of [N*3], [N]; parallel like {@link #distances(float[])}. */
  public SurfacePoint[] closestAll(float[] points) {
    SurfacePoint[] out = new SurfacePoint[points.length / 3];
    forEachChunk(out.length, (from, to) -> {
      for (int i = from; i < to; i++) {
        out[i] = closest(points[3 * i], points[3 * i + 1], points[3 * i + 2]);
      }
    });
    return out;
  }

  private interface Chunk {
    void run(int from, int to);
  }

  private static void forEachChunk(int n, Chunk chunk) {
    int size = 4096;
    int chunks = (n + size - 1) / size;
    if (chunks <= 1) {
      chunk.run(0, n);
      return;
    }
    IntStream.range(0, chunks).parallel().forEach(c -> chunk.run(c * size, Math.min(n, (c + 1) * size)));
  }

  /** Scratch state of one query (one per call or per bulk loop, never shared across threads). */
  private final class Query {
    final int[] stack = new int[bvh.depth + 2];
    final double[] stackD = new double[bvh.depth + 2];
    final double[] tmp = new double[6];
    final double[] best = new double[6];
    double bestD2;
    int bestSlot;

    void run(double x, double y, double z) {
      bestD2 = Double.POSITIVE_INFINITY;
      bestSlot = -1;
      int top = 0;
      stack[top] = 0;
      stackD[top++] = bvh.boxDistanceSquared(0, x, y, z);
      while (top > 0) {
        top--;
        int n = stack[top];
        if (stackD[top] >= bestD2) {
          continue;
        }
        int l = bvh.left[n];
        if (l < 0) {
          int end = bvh.first[n] + bvh.count[n];
          for (int s = bvh.first[n]; s < end; s++) {
            double d2 = ClosestPointOnTriangle.closest(bvh.corners, 9 * s, x, y, z, tmp);
            if (d2 < bestD2) {
              bestD2 = d2;
              bestSlot = s;
              System.arraycopy(tmp, 0, best, 0, 6);
            }
          }
          continue;
        }
        double dl = bvh.boxDistanceSquared(l, x, y, z);
        double dr = bvh.boxDistanceSquared(l + 1, x, y, z);
        // Push the farther child first so the nearer one is searched first.
        int near = dl <= dr ? l : l + 1;
        int far = near == l ? l + 1 : l;
        double dNear = Math.min(dl, dr);
        double dFar = Math.max(dl, dr);
        if (dFar < bestD2) {
          stack[top] = far;
          stackD[top++] = dFar;
        }
        if (dNear < bestD2) {
          stack[top] = near;
          stackD[top++] = dNear;
        }
      }
    }
  }
}
