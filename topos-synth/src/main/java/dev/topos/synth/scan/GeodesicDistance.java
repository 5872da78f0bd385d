package dev.topos.synth.scan;

import java.util.Arrays;

/**
 * Distances along the surface: Dijkstra over the mesh edges, improved by the fast-marching update
 * across triangles (a vertex may also be reached straight through a triangle from a front
 * passing through the triangle's other two vertices, unfolded into its plane, as in Kimmel and
 * Sethian 1998), which removes most of the zig-zag overestimate of edge paths. Each run touches
 * only the vertices it reaches within its limit, so small discs on large meshes are cheap.
 * Lengths in metres. Not thread-safe; reusable across runs.
 */
final class GeodesicDistance {
  private final float[] positions;
  private final int[] tris;
  private final TriangleFans fans;
  private final double[] distance;
  private final int[] finalRun; // run number in which each vertex was finalised
  private int run;
  private int[] touched = new int[1024];
  private int touchedCount;
  private final MinHeap heap = new MinHeap(1024);

  GeodesicDistance(float[] positions, int[] triangles, TriangleFans fans) {
    this.positions = positions;
    this.tris = triangles;
    this.fans = fans;
    distance = new double[positions.length / 3];
    Arrays.fill(distance, Double.POSITIVE_INFINITY);
    finalRun = new int[distance.length];
  }

  /**
   * Runs Dijkstra from the sources (distance 0) up to {@code limit}.
   *
   * @return distances per vertex, +infinity where not reached (shared array, valid until the next run)
   */
  double[] run(int[] sources, double limit) {
    for (int i = 0; i < touchedCount; i++) {
      distance[touched[i]] = Double.POSITIVE_INFINITY;
    }
    touchedCount = 0;
    heap.clear();
    run++;
    for (int s : sources) {
      if (distance[s] > 0) {
        touch(s);
        distance[s] = 0;
        heap.push(0, s);
      }
    }
    int[] start = fans.start();
    int[] fan = fans.triangles();
    while (!heap.isEmpty()) {
      double d = heap.peekKey();
      int u = heap.pop();
      if (d > distance[u] || finalRun[u] == run) {
        continue;
      }
      finalRun[u] = run;
      double ux = positions[3 * u];
      double uy = positions[3 * u + 1];
      double uz = positions[3 * u + 2];
      for (int s = start[u]; s < start[u + 1]; s++) {
        int t = 3 * fan[s];
        for (int k = 0; k < 3; k++) {
          int w = tris[t + k];
          if (w == u) {
            continue;
          }
          double dx = positions[3 * w] - ux;
          double dy = positions[3 * w + 1] - uy;
          double dz = positions[3 * w + 2] - uz;
          double nd = d + Math.sqrt(dx * dx + dy * dy + dz * dz);
          // Through the triangle, from the front over u and the third corner when that one is reached.
          int third = tris[t + (k + 1) % 3] == u ? tris[t + (k + 2) % 3] : tris[t + (k + 1) % 3];
          if (finalRun[third] == run) {
            nd = Math.min(nd, unfold(u, d, third, distance[third], w));
          }
          relax(w, nd, limit);
        }
      }
    }
    return distance;
  }

  private void relax(int w, double nd, double limit) {
    if (nd < distance[w] && nd <= limit) {
      if (distance[w] == Double.POSITIVE_INFINITY) {
        touch(w);
      }
      distance[w] = nd;
      heap.push(nd, w);
    }
  }

  /**
   * The distance of c when the front is planar through a (distance da) and b (distance db): the
   * virtual source unfolded into the triangle's plane, used only if its straight ray to c crosses
   * the edge ab; +infinity otherwise.
   */
  private double unfold(int a, double da, int b, double db, int c) {
    double abx = positions[3 * b] - positions[3 * a];
    double aby = positions[3 * b + 1] - positions[3 * a + 1];
    double abz = positions[3 * b + 2] - positions[3 * a + 2];
    double acx = positions[3 * c] - positions[3 * a];
    double acy = positions[3 * c + 1] - positions[3 * a + 1];
    double acz = positions[3 * c + 2] - positions[3 * a + 2];
    double l2 = abx * abx + aby * aby + abz * abz;
    if (l2 == 0) {
      return Double.POSITIVE_INFINITY;
    }
    double l = Math.sqrt(l2);
    double cx = (acx * abx + acy * aby + acz * abz) / l;
    double cy2 = acx * acx + acy * acy + acz * acz - cx * cx;
    if (cy2 <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    double cy = Math.sqrt(cy2);
    double sx = (da * da - db * db + l2) / (2 * l);
    double sy2 = da * da - sx * sx;
    if (sy2 < 0) {
      return Double.POSITIVE_INFINITY;
    }
    double sy = -Math.sqrt(sy2);
    double cross = sx + (cx - sx) * (-sy / (cy - sy));
    if (cross < 0 || cross > l) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.hypot(cx - sx, cy - sy);
  }

  private void touch(int v) {
    if (touchedCount == touched.length) {
      touched = Arrays.copyOf(touched, touchedCount * 2);
    }
    touched[touchedCount++] = v;
  }
}
