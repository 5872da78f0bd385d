package dev.topos.geometry;

/**
 * Whether two triangles intersect, as closed point sets, in double precision.
 *
 * <p>Two triangles intersect exactly when an edge of one meets the other (in the general case
 * the intersection is a segment whose endpoints lie on edges; when coplanar, either edges cross
 * or one triangle contains the other's edges). Each edge-triangle test uses orientation
 * determinants: the edge must reach the triangle's plane, and the line through it must pass
 * inside all three triangle edges. When an edge lies in the other triangle's plane, the test is
 * done in 2-d after dropping the dominant axis of that plane's normal.
 *
 * <p>Conservative: touching counts as intersecting (a shared point, a vertex on the other
 * triangle, overlapping coplanar areas), as far as double arithmetic on the given coordinates
 * decides that a determinant is zero. Zero-area triangles are handled as segments or points, and
 * may be reported as touching where their projections overlap.
 */
public final class TriangleIntersection {
  private TriangleIntersection() {}

  /**
   * @param p first triangle's corners a, b, c as {ax, ay, az, bx, ..., cz}, at {@code po}
   * @param q second triangle's corners, at {@code qo}
   * @return true if the closed triangles share at least one point
   */
  public static boolean intersects(double[] p, int po, double[] q, int qo) {
    // Quick rejection: all corners of one triangle strictly on one side of the other's plane.
    if (strictlyOneSide(q, qo, p, po) || strictlyOneSide(p, po, q, qo)) {
      return false;
    }
    for (int e = 0; e < 3; e++) {
      if (edgeMeetsTriangle(p, po + 3 * e, po + 3 * ((e + 1) % 3), q, qo)
          || edgeMeetsTriangle(q, qo + 3 * e, qo + 3 * ((e + 1) % 3), p, po)) {
        return true;
      }
    }
    return false;
  }

  /** Convenience form: corners as 9 doubles each. */
  public static boolean intersects(double[] p, double[] q) {
    return intersects(p, 0, q, 0);
  }

  private static boolean strictlyOneSide(double[] t, int to, double[] s, int so) {
    double d0 = orient(t, to, to + 3, to + 6, s, so);
    double d1 = orient(t, to, to + 3, to + 6, s, so + 3);
    double d2 = orient(t, to, to + 3, to + 6, s, so + 6);
    return (d0 > 0 && d1 > 0 && d2 > 0) || (d0 < 0 && d1 < 0 && d2 < 0);
  }

  /** Whether segment (s[i], s[j]) meets triangle t (closed). */
  private static boolean edgeMeetsTriangle(double[] s, int i, int j, double[] t, int to) {
    double s1 = orient(t, to, to + 3, to + 6, s, i);
    double s2 = orient(t, to, to + 3, to + 6, s, j);
    if ((s1 > 0 && s2 > 0) || (s1 < 0 && s2 < 0)) {
      return false;
    }
    if (s1 == 0 && s2 == 0) {
      return coplanarEdgeMeetsTriangle(s, i, j, t, to);
    }
    // The segment crosses the plane; the crossing is inside iff the line passes inside all edges.
    double o1 = orientSegment(s, i, j, t, to, to + 3);
    double o2 = orientSegment(s, i, j, t, to + 3, to + 6);
    double o3 = orientSegment(s, i, j, t, to + 6, to);
    return (o1 >= 0 && o2 >= 0 && o3 >= 0) || (o1 <= 0 && o2 <= 0 && o3 <= 0);
  }

  /** det[b - a, c - a, d - a] with a, b, c from t and d from s. */
  private static double orient(double[] t, int a, int b, int c, double[] s, int d) {
    double bx = t[b] - t[a];
    double by = t[b + 1] - t[a + 1];
    double bz = t[b + 2] - t[a + 2];
    double cx = t[c] - t[a];
    double cy = t[c + 1] - t[a + 1];
    double cz = t[c + 2] - t[a + 2];
    double dx = s[d] - t[a];
    double dy = s[d + 1] - t[a + 1];
    double dz = s[d + 2] - t[a + 2];
    return bx * (cy * dz - cz * dy) - by * (cx * dz - cz * dx) + bz * (cx * dy - cy * dx);
  }

  /** det[j - i, a - i, b - i] with i, j from s and a, b from t: which side of line ij edge ab passes. */
  private static double orientSegment(double[] s, int i, int j, double[] t, int a, int b) {
    double ux = s[j] - s[i];
    double uy = s[j + 1] - s[i + 1];
    double uz = s[j + 2] - s[i + 2];
    double ax = t[a] - s[i];
    double ay = t[a + 1] - s[i + 1];
    double az = t[a + 2] - s[i + 2];
    double bx = t[b] - s[i];
    double by = t[b + 1] - s[i + 1];
    double bz = t[b + 2] - s[i + 2];
    return ux * (ay * bz - az * by) - uy * (ax * bz - az * bx) + uz * (ax * by - ay * bx);
  }

  /** Segment and triangle in one plane: compare in 2-d on the plane's dominant projection. */
  private static boolean coplanarEdgeMeetsTriangle(double[] s, int i, int j, double[] t, int to) {
    int drop = dominantAxis(t, to, s, i, j);
    int u = drop == 0 ? 1 : 0;
    int v = drop == 2 ? 1 : 2;
    double px = s[i + u];
    double py = s[i + v];
    double qx = s[j + u];
    double qy = s[j + v];
    double ax = t[to + u];
    double ay = t[to + v];
    double bx = t[to + 3 + u];
    double by = t[to + 3 + v];
    double cx = t[to + 6 + u];
    double cy = t[to + 6 + v];
    // An endpoint inside the triangle, or the segment crossing one of its edges.
    return insideTriangle2d(px, py, ax, ay, bx, by, cx, cy)
        || segmentsMeet2d(px, py, qx, qy, ax, ay, bx, by)
        || segmentsMeet2d(px, py, qx, qy, bx, by, cx, cy)
        || segmentsMeet2d(px, py, qx, qy, cx, cy, ax, ay);
  }

  /** The axis of the largest normal component of the triangle (or, if it has no area, of the segment's plane with it). */
  private static int dominantAxis(double[] t, int to, double[] s, int i, int j) {
    double[] n = normal(t, to, t, to + 3, t, to + 6);
    if (n[0] == 0 && n[1] == 0 && n[2] == 0) {
      n = normal(s, i, s, j, t, to);
      if (n[0] == 0 && n[1] == 0 && n[2] == 0) {
        n = normal(s, i, s, j, t, to + 3);
      }
    }
    double ax = Math.abs(n[0]);
    double ay = Math.abs(n[1]);
    double az = Math.abs(n[2]);
    return ax >= ay && ax >= az ? 0 : ay >= az ? 1 : 2;
  }

  private static double[] normal(double[] pa, int a, double[] pb, int b, double[] pc, int c) {
    double ux = pb[b] - pa[a];
    double uy = pb[b + 1] - pa[a + 1];
    double uz = pb[b + 2] - pa[a + 2];
    double vx = pc[c] - pa[a];
    double vy = pc[c + 1] - pa[a + 1];
    double vz = pc[c + 2] - pa[a + 2];
    return new double[] {uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx};
  }

  private static double orient2d(double ax, double ay, double bx, double by, double cx, double cy) {
    return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  }

  private static boolean insideTriangle2d(double px, double py, double ax, double ay,
                                          double bx, double by, double cx, double cy) {
    double o1 = orient2d(ax, ay, bx, by, px, py);
    double o2 = orient2d(bx, by, cx, cy, px, py);
    double o3 = orient2d(cx, cy, ax, ay, px, py);
    return (o1 >= 0 && o2 >= 0 && o3 >= 0) || (o1 <= 0 && o2 <= 0 && o3 <= 0);
  }

  /** Closed segments pq and ab meet (collinear overlaps included). */
  private static boolean segmentsMeet2d(double px, double py, double qx, double qy,
                                        double ax, double ay, double bx, double by) {
    double d1 = orient2d(ax, ay, bx, by, px, py);
    double d2 = orient2d(ax, ay, bx, by, qx, qy);
    double d3 = orient2d(px, py, qx, qy, ax, ay);
    double d4 = orient2d(px, py, qx, qy, bx, by);
    if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
      return true;
    }
    return (d1 == 0 && onSegment(ax, ay, bx, by, px, py))
        || (d2 == 0 && onSegment(ax, ay, bx, by, qx, qy))
        || (d3 == 0 && onSegment(px, py, qx, qy, ax, ay))
        || (d4 == 0 && onSegment(px, py, qx, qy, bx, by));
  }

  /** Point c, collinear with segment ab, lies within its bounding box. */
  private static boolean onSegment(double ax, double ay, double bx, double by, double cx, double cy) {
    return Math.min(ax, bx) <= cx && cx <= Math.max(ax, bx) && Math.min(ay, by) <= cy && cy <= Math.max(ay, by);
  }
}
