package dev.topos.synth.scan;

import dev.topos.geometry.Mesh;

/**
 * Isotropic remeshing after Botsch and Kobbelt (2004, "A remeshing approach to multiresolution
 * modeling"): a few iterations of (1) splitting edges longer than 4/3 of the target length at
 * their midpoints, (2) collapsing edges shorter than 4/5 of it (when no edge longer than 4/3
 * would result, the mesh stays manifold and no triangle flips), (3) flipping edges that bring
 * vertex valences closer to 6 (4 on a boundary), (4) tangential relaxation towards the centroid
 * of the neighbours and (5) projection back onto the input surface (a tracked local search,
 * {@link SurfaceProjector}). Boundary vertices stay on the input boundary. The result is a
 * triangle mesh of a different topology with edges near the target length.
 *
 * <p>A target well below the input's edge length is reached coarse to fine, which gives the same
 * kind of mesh for a fraction of the work: all iterations but the last run at twice the target,
 * the mesh is then split 1-to-4 at its edge midpoints (halving every edge, new vertices of
 * valence 6) and the last iteration runs at the target.
 *
 * <p>Deterministic (no randomness; the same input gives the same output). Lengths in metres.
 */
public final class IsotropicRemesher {
  /** Cosine of the largest normal change an edge flip may cause (about 37 degrees). */
  static final double FLIP_MIN_COS = 0.8;
  /** Smallest cosine between a triangle's normal before and after a collapse. */
  static final double COLLAPSE_MIN_COS = 0.5;

  /**
   * A target edge at most this fraction of the input's mean edge length is reached coarse to fine:
   * the first iterations run at twice the target, then one midpoint subdivision and a final
   * iteration at the target (the same result class, a fraction of the work).
   */
  static final double COARSE_TO_FINE_RATIO = 0.8;

  private final CornerTable m;
  private final SurfaceProjector surface;
  /** For each vertex slot, a triangle of the input surface near it (where its projection starts). */
  private int[] ref;
  private final double[] na = new double[3];
  private final double[] nb = new double[3];
  private double[] sum = new double[0];
  private double[] nrm = new double[0];
  private int[] count = new int[0];

  private IsotropicRemesher(CornerTable table, SurfaceProjector surface, int[] ref) {
    this.m = table;
    this.surface = surface;
    this.ref = ref;
  }

  /**
   * Remeshes a surface.
   *
   * @param input a manifold triangle (or polygon) mesh, metres
   * @param targetEdge target edge length, metres (e.g. 0.0015 .. 0.004)
   * @param iterations remeshing iterations, >= 1 (3 to 5 is typical)
   * @return the remeshed triangle mesh
   */
  public static Mesh remesh(Mesh input, double targetEdge, int iterations) {
    if (!(targetEdge > 0) || iterations < 1) {
      throw new IllegalArgumentException("targetEdge " + targetEdge + ", iterations " + iterations);
    }
    int[] tris = MeshMath.triangles(input);
    SurfaceProjector surface = new SurfaceProjector(input.positions(), tris);
    double inputEdge = MeshMath.meanEdgeLength(input.positions(), tris);
    CornerTable table = CornerTable.of(input.positions(), tris);
    int[] ref = new int[table.vc.length];
    for (int v = 0; v < input.vertexCount(); v++) {
      ref[v] = surface.triangleOfVertex(v);
    }
    if (iterations >= 2 && targetEdge <= COARSE_TO_FINE_RATIO * inputEdge) {
      IsotropicRemesher coarse = new IsotropicRemesher(table, surface, ref);
      for (int i = 0; i < iterations - 1; i++) {
        coarse.iterate(2 * targetEdge);
      }
      // Subdivide once at the midpoints, carrying each vertex's surface triangle over.
      int[][] parent = new int[1][];
      table = Subdivision.midpoint(coarse.m, parent);
      int[] fineRef = new int[table.vc.length];
      for (int v = 0; v < table.vertexSlots; v++) {
        fineRef[v] = coarse.ref[parent[0][v]];
      }
      ref = fineRef;
      iterations = 1;
    }
    IsotropicRemesher r = new IsotropicRemesher(table, surface, ref);
    for (int i = 0; i < iterations; i++) {
      r.iterate(targetEdge);
    }
    return r.m.toMesh();
  }

  /** One remeshing iteration at the given target edge length. */
  private void iterate(double targetEdge) {
    splitLongEdges(4.0 / 3.0 * targetEdge);
    collapseShortEdges(0.8 * targetEdge, 4.0 / 3.0 * targetEdge);
    equalizeValences();
    relax();
    project();
  }

  private void splitLongEdges(double high) {
    double hi2 = high * high;
    double[] p = m.pos;
    for (int t = 0; t < m.triangleSlots; t++) {
      if (m.isDeleted(t)) {
        continue;
      }
      while (true) {
        int best = -1;
        double bestL = hi2;
        for (int k = 0; k < 3; k++) {
          double l = m.edgeLengthSquared(3 * t + k);
          if (l > bestL) {
            bestL = l;
            best = 3 * t + k;
          }
        }
        if (best < 0) {
          break;
        }
        int b = 3 * m.cv[CornerTable.next(best)];
        int d = 3 * m.cv[CornerTable.prev(best)];
        p = m.pos;
        int mid = m.splitEdge(best, 0.5 * (p[b] + p[d]), 0.5 * (p[b + 1] + p[d + 1]), 0.5 * (p[b + 2] + p[d + 2]));
        if (mid >= ref.length) {
          ref = java.util.Arrays.copyOf(ref, 2 * mid + 16);
        }
        ref[mid] = ref[b / 3];
      }
    }
  }

  private void collapseShortEdges(double low, double high) {
    double lo2 = low * low;
    double hi2 = high * high;
    for (int t = 0; t < m.triangleSlots; t++) {
      for (int k = 0; k < 3 && !m.isDeleted(t); k++) {
        int c = 3 * t + k;
        int o = m.co[c];
        if (o >= 0 && o < c) {
          continue;
        }
        if (m.edgeLengthSquared(c) >= lo2) {
          continue;
        }
        int b = m.cv[CornerTable.next(c)];
        int d = m.cv[CornerTable.prev(c)];
        boolean bb = m.boundary[b];
        boolean bd = m.boundary[d];
        if (bb && !bd) {
          tryCollapse(c, b, d, hi2);
        } else if (bd && !bb) {
          tryCollapse(c, d, b, hi2);
        } else if (!tryCollapse(c, b, d, hi2)) {
          tryCollapse(c, d, b, hi2);
        }
      }
    }
  }

  private boolean tryCollapse(int c, int keep, int remove, double hi2) {
    // Cheapest and most often failing test first: no edge longer than hi may appear.
    int[] s = m.star(remove);
    int n = s[0];
    for (int i = 1; i <= n; i++) {
      int corner = s[i];
      if (m.distanceSquared(keep, m.cv[CornerTable.next(corner)]) > hi2
          || m.distanceSquared(keep, m.cv[CornerTable.prev(corner)]) > hi2) {
        return false;
      }
    }
    if (!m.canCollapse(c, keep, remove)) {
      return false;
    }
    s = m.star(remove);
    n = s[0];
    int k3 = 3 * keep;
    for (int i = 1; i <= n; i++) {
      int corner = s[i];
      int w1 = m.cv[CornerTable.next(corner)];
      int w2 = m.cv[CornerTable.prev(corner)];
      if (w1 == keep || w2 == keep) {
        continue;
      }
      // The triangle (remove, w1, w2) becomes (keep, w1, w2): it must not flip or degenerate.
      double before = m.normal(3 * remove, 3 * w1, 3 * w2, na);
      double after = m.normal(k3, 3 * w1, 3 * w2, nb);
      if (after < 1e-3 * before || na[0] * nb[0] + na[1] * nb[1] + na[2] * nb[2] < COLLAPSE_MIN_COS) {
        return false;
      }
    }
    m.collapse(c, keep, remove);
    return true;
  }

  private void equalizeValences() {
    int corners = 3 * m.triangleSlots;
    int[] cv = m.cv;
    int[] co = m.co;
    int[] val = m.valence;
    boolean[] boundary = m.boundary;
    for (int c = 0; c < corners; c++) {
      int o = co[c];
      if (cv[c] < 0 || o < c) {
        continue;
      }
      int a = cv[c];
      int b = cv[CornerTable.next(c)];
      int d = cv[CornerTable.prev(c)];
      int e = cv[o];
      int ta = boundary[a] ? 4 : 6;
      int tb = boundary[b] ? 4 : 6;
      int td = boundary[d] ? 4 : 6;
      int te = boundary[e] ? 4 : 6;
      int before = Math.abs(val[a] - ta) + Math.abs(val[b] - tb) + Math.abs(val[d] - td) + Math.abs(val[e] - te);
      int after = Math.abs(val[a] + 1 - ta) + Math.abs(val[b] - 1 - tb) + Math.abs(val[d] - 1 - td)
          + Math.abs(val[e] + 1 - te);
      if (after >= before || val[b] <= 3 || val[d] <= 3 || a == e || m.adjacent(a, e)) {
        continue;
      }
      if (!m.flipKeepsShape(c, FLIP_MIN_COS)) {
        continue;
      }
      m.flip(c);
    }
  }

  private void relax() {
    int vs = m.vertexSlots;
    if (count.length < vs) {
      int cap = vs + vs / 4;
      sum = new double[3 * cap];
      nrm = new double[3 * cap];
      count = new int[cap];
    } else {
      java.util.Arrays.fill(sum, 0, 3 * vs, 0);
      java.util.Arrays.fill(nrm, 0, 3 * vs, 0);
      java.util.Arrays.fill(count, 0, vs, 0);
    }
    double[] sum = this.sum;
    double[] nrm = this.nrm;
    int[] count = this.count;
    int[] cv = m.cv;
    double[] p = m.pos;
    for (int t = 0; t < m.triangleSlots; t++) {
      int c0 = 3 * t;
      if (cv[c0] < 0) {
        continue;
      }
      int a3 = 3 * cv[c0];
      int b3 = 3 * cv[c0 + 1];
      int c3 = 3 * cv[c0 + 2];
      double ax = p[a3];
      double ay = p[a3 + 1];
      double az = p[a3 + 2];
      double bx = p[b3];
      double by = p[b3 + 1];
      double bz = p[b3 + 2];
      double cx = p[c3];
      double cy = p[c3 + 1];
      double cz = p[c3 + 2];
      double ux = bx - ax;
      double uy = by - ay;
      double uz = bz - az;
      double vx = cx - ax;
      double vy = cy - ay;
      double vz = cz - az;
      double nx = uy * vz - uz * vy;
      double ny = uz * vx - ux * vz;
      double nz = ux * vy - uy * vx;
      nrm[a3] += nx;
      nrm[a3 + 1] += ny;
      nrm[a3 + 2] += nz;
      nrm[b3] += nx;
      nrm[b3 + 1] += ny;
      nrm[b3 + 2] += nz;
      nrm[c3] += nx;
      nrm[c3 + 1] += ny;
      nrm[c3 + 2] += nz;
      sum[a3] += bx + cx;
      sum[a3 + 1] += by + cy;
      sum[a3 + 2] += bz + cz;
      sum[b3] += cx + ax;
      sum[b3 + 1] += cy + ay;
      sum[b3 + 2] += cz + az;
      sum[c3] += ax + bx;
      sum[c3 + 1] += ay + by;
      sum[c3 + 2] += az + bz;
      count[a3 / 3] += 2;
      count[b3 / 3] += 2;
      count[c3 / 3] += 2;
    }
    boolean[] boundary = m.boundary;
    // Jacobi update: move into sum[] first, then copy, so the order of vertices does not matter.
    for (int v = 0; v < vs; v++) {
      int v3 = 3 * v;
      if (count[v] == 0 || boundary[v]) {
        sum[v3] = p[v3];
        sum[v3 + 1] = p[v3 + 1];
        sum[v3 + 2] = p[v3 + 2];
        continue;
      }
      double nx = nrm[v3];
      double ny = nrm[v3 + 1];
      double nz = nrm[v3 + 2];
      double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
      double inv = 1.0 / count[v];
      double dx = sum[v3] * inv - p[v3];
      double dy = sum[v3 + 1] * inv - p[v3 + 1];
      double dz = sum[v3 + 2] * inv - p[v3 + 2];
      if (len > 0) {
        nx /= len;
        ny /= len;
        nz /= len;
        double dn = dx * nx + dy * ny + dz * nz;
        dx -= dn * nx;
        dy -= dn * ny;
        dz -= dn * nz;
      } else {
        dx = 0;
        dy = 0;
        dz = 0;
      }
      sum[v3] = p[v3] + dx;
      sum[v3 + 1] = p[v3 + 1] + dy;
      sum[v3 + 2] = p[v3 + 2] + dz;
    }
    System.arraycopy(sum, 0, p, 0, 3 * vs);
  }

  private void project() {
    double[] p = m.pos;
    boolean[] boundary = m.boundary;
    for (int v = 0; v < m.vertexSlots; v++) {
      if (m.vc[v] < 0 || boundary[v]) {
        continue;
      }
      int v3 = 3 * v;
      surface.project(p[v3], p[v3 + 1], p[v3 + 2], ref[v]);
      p[v3] = surface.x;
      p[v3 + 1] = surface.y;
      p[v3 + 2] = surface.z;
      ref[v] = surface.triangle;
    }
  }
}
