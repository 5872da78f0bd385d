package dev.topos.topology.makehuman;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Convex hull of points projected on the x-y plane (Andrew's monotone chain) and a point test. */
final class ConvexHull2d {
  private ConvexHull2d() {}

  /** Hull of [N*3] points' (x, y), counter-clockwise. */
  static double[][] of(float[] xyz) {
    double[][] p = new double[xyz.length / 3][];
    for (int i = 0; i < p.length; i++) {
      p[i] = new double[] {xyz[3 * i], xyz[3 * i + 1]};
    }
    Arrays.sort(p, Comparator.<double[]>comparingDouble(a -> a[0]).thenComparingDouble(a -> a[1]));
    List<double[]> hull = new ArrayList<>();
    for (int pass = 0; pass < 2; pass++) {
      int start = hull.size();
      for (int k = 0; k < p.length; k++) {
        double[] q = pass == 0 ? p[k] : p[p.length - 1 - k];
        while (hull.size() >= start + 2 && cross(hull.get(hull.size() - 2), hull.get(hull.size() - 1), q) <= 0) {
          hull.remove(hull.size() - 1);
        }
        hull.add(q);
      }
      hull.remove(hull.size() - 1);
    }
    return hull.toArray(new double[0][]);
  }

  static boolean contains(double[][] hull, double x, double y) {
    for (int i = 0; i < hull.length; i++) {
      double[] a = hull[i];
      double[] b = hull[(i + 1) % hull.length];
      if ((b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]) < 0) {
        return false;
      }
    }
    return true;
  }

  private static double cross(double[] o, double[] a, double[] b) {
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  }
}
