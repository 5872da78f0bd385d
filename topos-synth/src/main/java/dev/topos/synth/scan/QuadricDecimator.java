package dev.topos.synth.scan;

import dev.topos.geometry.Mesh;
import java.util.Arrays;

/**
 * Quadric error metric edge-collapse decimation (Garland and Heckbert 1997, "Surface
 * simplification using quadric error metrics"): every vertex carries the sum of the area-weighted
 * squared-distance quadrics of its triangles' planes (boundary edges add a heavy quadric of the
 * plane through the edge perpendicular to its triangle, so the outline stays); edges are
 * collapsed cheapest first (a lazy binary heap) into the position minimising the summed quadric
 * (the best of the two ends and the midpoint when that system is singular), skipping collapses
 * that would make the mesh non-manifold or flip or squash a triangle, until the requested
 * triangle count is reached.
 *
 * <p>Deterministic (no randomness). Lengths in metres.
 */
public final class QuadricDecimator {
  /** Weight of the boundary-preserving quadrics, relative to the face quadrics. */
  static final double BOUNDARY_WEIGHT = 100.0;
  /** Smallest cosine between a triangle's normal before and after a collapse. */
  static final double MIN_NORMAL_COS = 0.2;

  private final CornerTable m;
  private final double[] q; // [V*10] quadrics: aa ab ac ad bb bc bd cc cd dd
  private final int[] version;
  private final MinHeap heap;
  private int[] entryU = new int[1024];
  private int[] entryV = new int[1024];
  private int[] entryVersionU = new int[1024];
  private int[] entryVersionV = new int[1024];
  private double[] entryPos = new double[3 * 1024];
  private int entries;
  private int free = -1; // recycled entry slots, chained through entryU
  private final double[] best = new double[4];
  private final double[] na = new double[3];
  private final double[] nb = new double[3];

  private QuadricDecimator(CornerTable table) {
    this.m = table;
    int vs = table.vertexSlots;
    q = new double[10 * vs];
    version = new int[vs];
    heap = new MinHeap(4 * vs);
  }

  /**
   * Decimates a triangle mesh.
   *
   * @param input a manifold triangle (or polygon) mesh, metres
   * @param targetTriangles the triangle count to reach (stops earlier only if no valid collapse is left)
   * @return the decimated triangle mesh
   */
  public static Mesh decimate(Mesh input, int targetTriangles) {
    int[] tris = MeshMath.triangles(input);
    CornerTable table = CornerTable.of(input.positions(), tris);
    QuadricDecimator d = new QuadricDecimator(table);
    d.run(Math.max(4, targetTriangles));
    return table.toMesh();
  }

  private void run(int target) {
    accumulateQuadrics();
    int corners = 3 * m.triangleSlots;
    for (int c = 0; c < corners; c++) {
      int o = m.co[c];
      if (o >= 0 && o < c) {
        continue;
      }
      push(m.cv[CornerTable.next(c)], m.cv[CornerTable.prev(c)]);
    }
    int live = m.liveTriangles();
    while (live > target && !heap.isEmpty()) {
      int e = heap.pop();
      int u = entryU[e];
      int v = entryV[e];
      boolean fresh = version[u] == entryVersionU[e] && version[v] == entryVersionV[e];
      double x = entryPos[3 * e];
      double y = entryPos[3 * e + 1];
      double z = entryPos[3 * e + 2];
      release(e);
      if (!fresh || m.vc[u] < 0 || m.vc[v] < 0) {
        continue;
      }
      int removed = collapse(u, v, x, y, z);
      if (removed > 0) {
        live -= removed;
      }
    }
  }

  /** Tries to collapse edge (u, v) into (x, y, z); returns the triangles removed (0 if refused). */
  private int collapse(int u, int v, double x, double y, double z) {
    int h = m.halfEdge(u, v);
    int c;
    if (h >= 0) {
      c = CornerTable.prev(h);
    } else {
      h = m.halfEdge(v, u);
      if (h < 0) {
        return 0;
      }
      c = CornerTable.prev(h);
    }
    int keep = u;
    int remove = v;
    if (m.boundary[v] && !m.boundary[u]) {
      keep = v;
      remove = u;
    }
    if (!m.canCollapse(c, keep, remove)) {
      return 0;
    }
    if (!keepsShape(keep, remove, x, y, z) || !keepsShape(remove, keep, x, y, z)) {
      return 0;
    }
    int removedTriangles = m.co[c] >= 0 ? 2 : 1;
    m.collapse(c, keep, remove);
    double[] p = m.pos;
    p[3 * keep] = x;
    p[3 * keep + 1] = y;
    p[3 * keep + 2] = z;
    for (int k = 0; k < 10; k++) {
      q[10 * keep + k] += q[10 * remove + k];
    }
    version[keep]++;
    version[remove]++;
    int[] s = m.star(keep);
    int n = s[0];
    int[] ring = new int[2 * n];
    for (int i = 1; i <= n; i++) {
      ring[2 * i - 2] = m.cv[CornerTable.next(s[i])];
      ring[2 * i - 1] = m.cv[CornerTable.prev(s[i])];
    }
    for (int i = 0; i < ring.length; i++) {
      int w = ring[i];
      boolean seen = false;
      for (int j = 0; j < i; j++) {
        if (ring[j] == w) {
          seen = true;
          break;
        }
      }
      if (!seen) {
        push(keep, w);
      }
    }
    return removedTriangles;
  }

  /**
   * Whether moving vertex {@code a} to (x, y, z) keeps each of its triangles that do not contain
   * {@code b} facing the same way and not degenerate.
   */
  private boolean keepsShape(int a, int b, double x, double y, double z) {
    int[] s = m.star(a);
    int n = s[0];
    double[] p = m.pos;
    for (int i = 1; i <= n; i++) {
      int w1 = m.cv[CornerTable.next(s[i])];
      int w2 = m.cv[CornerTable.prev(s[i])];
      if (w1 == b || w2 == b) {
        continue;
      }
      double before = m.normal(3 * a, 3 * w1, 3 * w2, na);
      double ox = p[3 * a];
      double oy = p[3 * a + 1];
      double oz = p[3 * a + 2];
      p[3 * a] = x;
      p[3 * a + 1] = y;
      p[3 * a + 2] = z;
      double after = m.normal(3 * a, 3 * w1, 3 * w2, nb);
      p[3 * a] = ox;
      p[3 * a + 1] = oy;
      p[3 * a + 2] = oz;
      if (after < 1e-4 * before || na[0] * nb[0] + na[1] * nb[1] + na[2] * nb[2] < MIN_NORMAL_COS) {
        return false;
      }
    }
    return true;
  }

  private void accumulateQuadrics() {
    double[] p = m.pos;
    double[] n = new double[3];
    for (int t = 0; t < m.triangleSlots; t++) {
      if (m.isDeleted(t)) {
        continue;
      }
      double twiceArea = m.triangleNormal(t, n);
      if (twiceArea == 0) {
        continue;
      }
      int a = m.cv[3 * t];
      double d = -(n[0] * p[3 * a] + n[1] * p[3 * a + 1] + n[2] * p[3 * a + 2]);
      double w = 0.5 * twiceArea;
      for (int k = 0; k < 3; k++) {
        addPlane(m.cv[3 * t + k], n[0], n[1], n[2], d, w);
      }
      // Boundary edges: a plane through the edge, perpendicular to the triangle.
      for (int k = 0; k < 3; k++) {
        if (m.co[3 * t + k] >= 0) {
          continue;
        }
        int b = m.cv[3 * t + (k + 1) % 3];
        int e = m.cv[3 * t + (k + 2) % 3];
        double ex = p[3 * e] - p[3 * b];
        double ey = p[3 * e + 1] - p[3 * b + 1];
        double ez = p[3 * e + 2] - p[3 * b + 2];
        double len2 = ex * ex + ey * ey + ez * ez;
        double px = ey * n[2] - ez * n[1];
        double py = ez * n[0] - ex * n[2];
        double pz = ex * n[1] - ey * n[0];
        double len = Math.sqrt(px * px + py * py + pz * pz);
        if (len == 0) {
          continue;
        }
        px /= len;
        py /= len;
        pz /= len;
        double pd = -(px * p[3 * b] + py * p[3 * b + 1] + pz * p[3 * b + 2]);
        addPlane(b, px, py, pz, pd, BOUNDARY_WEIGHT * len2);
        addPlane(e, px, py, pz, pd, BOUNDARY_WEIGHT * len2);
      }
    }
  }

  private void addPlane(int v, double a, double b, double c, double d, double w) {
    int o = 10 * v;
    q[o] += w * a * a;
    q[o + 1] += w * a * b;
    q[o + 2] += w * a * c;
    q[o + 3] += w * a * d;
    q[o + 4] += w * b * b;
    q[o + 5] += w * b * c;
    q[o + 6] += w * b * d;
    q[o + 7] += w * c * c;
    q[o + 8] += w * c * d;
    q[o + 9] += w * d * d;
  }

  /** Computes the best position and cost of collapsing (u, v) and queues it. */
  private void push(int u, int v) {
    optimise(u, v);
    int e = allocate();
    entryU[e] = u;
    entryV[e] = v;
    entryVersionU[e] = version[u];
    entryVersionV[e] = version[v];
    entryPos[3 * e] = best[0];
    entryPos[3 * e + 1] = best[1];
    entryPos[3 * e + 2] = best[2];
    heap.push(best[3], e);
  }

  private int allocate() {
    if (free >= 0) {
      int e = free;
      free = entryU[e];
      return e;
    }
    if (entries == entryU.length) {
      int cap = entries * 2;
      entryU = Arrays.copyOf(entryU, cap);
      entryV = Arrays.copyOf(entryV, cap);
      entryVersionU = Arrays.copyOf(entryVersionU, cap);
      entryVersionV = Arrays.copyOf(entryVersionV, cap);
      entryPos = Arrays.copyOf(entryPos, 3 * cap);
    }
    return entries++;
  }

  private void release(int e) {
    entryU[e] = free;
    free = e;
  }

  /** best = {x, y, z, cost} minimising the summed quadric of u and v. */
  private void optimise(int u, int v) {
    int a = 10 * u;
    int b = 10 * v;
    double q0 = q[a] + q[b];
    double q1 = q[a + 1] + q[b + 1];
    double q2 = q[a + 2] + q[b + 2];
    double q3 = q[a + 3] + q[b + 3];
    double q4 = q[a + 4] + q[b + 4];
    double q5 = q[a + 5] + q[b + 5];
    double q6 = q[a + 6] + q[b + 6];
    double q7 = q[a + 7] + q[b + 7];
    double q8 = q[a + 8] + q[b + 8];
    double q9 = q[a + 9] + q[b + 9];
    // Solve [q0 q1 q2; q1 q4 q5; q2 q5 q7] x = -[q3 q6 q8] by Cramer's rule when well conditioned.
    double c00 = q4 * q7 - q5 * q5;
    double c01 = q2 * q5 - q1 * q7;
    double c02 = q1 * q5 - q2 * q4;
    double det = q0 * c00 + q1 * c01 + q2 * c02;
    double scale = q0 + q4 + q7;
    double[] p = m.pos;
    double bestCost = Double.POSITIVE_INFINITY;
    if (Math.abs(det) > 1e-12 * scale * scale * scale && scale > 0) {
      double c11 = q0 * q7 - q2 * q2;
      double c12 = q1 * q2 - q0 * q5;
      double c22 = q0 * q4 - q1 * q1;
      double inv = 1.0 / det;
      double x = -(c00 * q3 + c01 * q6 + c02 * q8) * inv;
      double y = -(c01 * q3 + c11 * q6 + c12 * q8) * inv;
      double z = -(c02 * q3 + c12 * q6 + c22 * q8) * inv;
      // Keep the optimum near the edge: a far-away optimum means the quadric is nearly flat there.
      double mx = 0.5 * (p[3 * u] + p[3 * v]);
      double my = 0.5 * (p[3 * u + 1] + p[3 * v + 1]);
      double mz = 0.5 * (p[3 * u + 2] + p[3 * v + 2]);
      double len2 = m.distanceSquared(u, v);
      double dx = x - mx;
      double dy = y - my;
      double dz = z - mz;
      if (dx * dx + dy * dy + dz * dz <= 4 * len2) {
        bestCost = cost(q0, q1, q2, q3, q4, q5, q6, q7, q8, q9, x, y, z);
        best[0] = x;
        best[1] = y;
        best[2] = z;
      }
    }
    for (int k = 0; k < 3; k++) {
      double x;
      double y;
      double z;
      if (k == 0) {
        x = p[3 * u];
        y = p[3 * u + 1];
        z = p[3 * u + 2];
      } else if (k == 1) {
        x = p[3 * v];
        y = p[3 * v + 1];
        z = p[3 * v + 2];
      } else {
        x = 0.5 * (p[3 * u] + p[3 * v]);
        y = 0.5 * (p[3 * u + 1] + p[3 * v + 1]);
        z = 0.5 * (p[3 * u + 2] + p[3 * v + 2]);
      }
      double cst = cost(q0, q1, q2, q3, q4, q5, q6, q7, q8, q9, x, y, z);
      if (cst < bestCost) {
        bestCost = cst;
        best[0] = x;
        best[1] = y;
        best[2] = z;
      }
    }
    best[3] = Math.max(0, bestCost);
  }

  private static double cost(double q0, double q1, double q2, double q3, double q4, double q5, double q6,
      double q7, double q8, double q9, double x, double y, double z) {
    return q0 * x * x + 2 * q1 * x * y + 2 * q2 * x * z + 2 * q3 * x
        + q4 * y * y + 2 * q5 * y * z + 2 * q6 * y
        + q7 * z * z + 2 * q8 * z + q9;
  }
}
