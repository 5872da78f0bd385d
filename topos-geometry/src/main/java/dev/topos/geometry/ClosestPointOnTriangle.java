package dev.topos.geometry;

/**
 * Exact closest point on a triangle to a point, in double precision (Ericson, Real-Time
 * Collision Detection, 5.1.5: Voronoi regions of vertices, edges and face). Degenerate
 * (zero-area) triangles fall back to the closest of their three edges.
 */
public final class ClosestPointOnTriangle {
  private ClosestPointOnTriangle() {}

  /**
   * Closest point of triangle {@code tri[offset .. offset+8]} (corners a, b, c as xyz) to p.
   *
   * @param out receives {b0, b1, b2, x, y, z}: barycentrics of the closest point with respect to
   *     a, b, c (non-negative, summing to 1) and the point itself; length at least 6
   * @return the squared distance from p to the triangle
   */
  public static double closest(double[] tri, int offset, double px, double py, double pz, double[] out) {
    double ax = tri[offset];
    double ay = tri[offset + 1];
    double az = tri[offset + 2];
    double bx = tri[offset + 3];
    double by = tri[offset + 4];
    double bz = tri[offset + 5];
    double cx = tri[offset + 6];
    double cy = tri[offset + 7];
    double cz = tri[offset + 8];
    double abx = bx - ax;
    double aby = by - ay;
    double abz = bz - az;
    double acx = cx - ax;
    double acy = cy - ay;
    double acz = cz - az;
    double apx = px - ax;
    double apy = py - ay;
    double apz = pz - az;
    double d1 = abx * apx + aby * apy + abz * apz;
    double d2 = acx * apx + acy * apy + acz * apz;
    if (d1 <= 0 && d2 <= 0) {
      return result(tri, offset, 1, 0, 0, px, py, pz, out); // vertex region a
    }
    double bpx = px - bx;
    double bpy = py - by;
    double bpz = pz - bz;
    double d3 = abx * bpx + aby * bpy + abz * bpz;
    double d4 = acx * bpx + acy * bpy + acz * bpz;
    if (d3 >= 0 && d4 <= d3) {
      return result(tri, offset, 0, 1, 0, px, py, pz, out); // vertex region b
    }
    double vc = d1 * d4 - d3 * d2;
    if (vc <= 0 && d1 >= 0 && d3 <= 0 && d1 - d3 > 0) {
      double v = d1 / (d1 - d3);
      return result(tri, offset, 1 - v, v, 0, px, py, pz, out); // edge ab
    }
    double cpx = px - cx;
    double cpy = py - cy;
    double cpz = pz - cz;
    double d5 = abx * cpx + aby * cpy + abz * cpz;
    double d6 = acx * cpx + acy * cpy + acz * cpz;
    if (d6 >= 0 && d5 <= d6) {
      return result(tri, offset, 0, 0, 1, px, py, pz, out); // vertex region c
    }
    double vb = d5 * d2 - d1 * d6;
    if (vb <= 0 && d2 >= 0 && d6 <= 0 && d2 - d6 > 0) {
      double w = d2 / (d2 - d6);
      return result(tri, offset, 1 - w, 0, w, px, py, pz, out); // edge ac
    }
    double va = d3 * d6 - d5 * d4;
    double e1 = d4 - d3;
    double e2 = d5 - d6;
    if (va <= 0 && e1 >= 0 && e2 >= 0 && e1 + e2 > 0) {
      double w = e1 / (e1 + e2);
      return result(tri, offset, 0, 1 - w, w, px, py, pz, out); // edge bc
    }
    double sum = va + vb + vc;
    if (sum > 0) {
      double v = vb / sum;
      double w = vc / sum;
      return result(tri, offset, 1 - v - w, v, w, px, py, pz, out); // face interior
    }
    return degenerate(tri, offset, px, py, pz, out);
  }

  /** Zero-area triangle: the best of its three edges. */
  private static double degenerate(double[] tri, int o, double px, double py, double pz, double[] out) {
    double best = Double.POSITIVE_INFINITY;
    double[] bary = new double[3];
    for (int e = 0; e < 3; e++) {
      int i = e;
      int j = (e + 1) % 3;
      double ex = tri[o + 3 * j] - tri[o + 3 * i];
      double ey = tri[o + 3 * j + 1] - tri[o + 3 * i + 1];
      double ez = tri[o + 3 * j + 2] - tri[o + 3 * i + 2];
      double len2 = ex * ex + ey * ey + ez * ez;
      double s = len2 > 0 ? ((px - tri[o + 3 * i]) * ex + (py - tri[o + 3 * i + 1]) * ey
          + (pz - tri[o + 3 * i + 2]) * ez) / len2 : 0;
      s = Math.max(0, Math.min(1, s));
      double[] b = new double[3];
      b[i] = 1 - s;
      b[j] = s;
      double d = result(tri, o, b[0], b[1], b[2], px, py, pz, out);
      if (d < best) {
        best = d;
        System.arraycopy(b, 0, bary, 0, 3);
      }
    }
    return result(tri, o, bary[0], bary[1], bary[2], px, py, pz, out);
  }

  private static double result(double[] tri, int o, double b0, double b1, double b2,
                               double px, double py, double pz, double[] out) {
    double x = b0 * tri[o] + b1 * tri[o + 3] + b2 * tri[o + 6];
    double y = b0 * tri[o + 1] + b1 * tri[o + 4] + b2 * tri[o + 7];
    double z = b0 * tri[o + 2] + b1 * tri[o + 5] + b2 * tri[o + 8];
    out[0] = b0;
    out[1] = b1;
    out[2] = b2;
    out[3] = x;
    out[4] = y;
    out[5] = z;
    double dx = x - px;
    double dy = y - py;
    double dz = z - pz;
    return dx * dx + dy * dy + dz * dz;
  }
}
