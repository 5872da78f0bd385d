package dev.topos.topology.fit;

import dev.topos.geometry.KdTree;
import java.util.Arrays;

/**
 * Which scan points lie on the rim of the scanned surface (a neck cut, the edge of a partial scan,
 * the edge of a hole), by the angle-gap test: the {@value #NEIGHBOURS} nearest neighbours of a point,
 * projected onto its tangent plane, leave an empty angular sector wider than
 * {@value #MAX_GAP_DEGREES} degrees only at a rim (inside the surface the neighbours surround the
 * point; with 16 uniformly scattered neighbours a gap that wide occurs by chance about once in 200
 * points, which only costs that correspondence).
 *
 * <p>A head vertex whose nearest scan point is on the rim usually has no counterpart on the scan
 * (the closest point of a surface patch to a point beyond it is on its rim), so such correspondences
 * are dropped. The test runs lazily, only for scan points that are somebody's nearest point, and its
 * answer is remembered; one instance serves one scan and is not thread-safe.
 */
final class ScanBoundary {
  /** Neighbours examined per point. */
  static final int NEIGHBOURS = 16;
  /** Smallest empty sector, degrees, that marks a rim point. */
  static final double MAX_GAP_DEGREES = 150;

  private final float[] points; // [N*3], scan frame
  private final KdTree tree;
  private final byte[] state; // 0 unknown, 1 interior, 2 rim
  private final double maxGap = Math.toRadians(MAX_GAP_DEGREES);

  /**
   * @param points scan points [N*3] (not copied)
   * @param tree a tree over the same points
   */
  ScanBoundary(float[] points, KdTree tree) {
    this.points = points;
    this.tree = tree;
    this.state = new byte[points.length / 3];
  }

  /**
   * Whether scan point {@code i} is on the rim; the tangent plane is the one normal to
   * (nx, ny, nz) (any length; the scan normal, or an estimate of it).
   */
  boolean isRim(int i, double nx, double ny, double nz) {
    if (state[i] == 0) {
      state[i] = (byte) (test(i, nx, ny, nz) ? 2 : 1);
    }
    return state[i] == 2;
  }

  /** Indices of all rim points, judged in the planes of the given scan normals [N*3]. */
  int[] allRim(float[] normals) {
    int n = state.length;
    int[] out = new int[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (isRim(i, normals[3 * i], normals[3 * i + 1], normals[3 * i + 2])) {
        out[k++] = i;
      }
    }
    return Arrays.copyOf(out, k);
  }

  private boolean test(int i, double nx, double ny, double nz) {
    double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
    if (!(len > 0)) {
      return false;
    }
    nx /= len;
    ny /= len;
    nz /= len;
    // Tangent basis u, v: u = normalise(a x n) for the axis a least aligned with n.
    double ax = Math.abs(nx) < 0.6 ? 1 : 0;
    double ay = ax == 1 ? 0 : 1;
    double ux = ay * nz;
    double uy = -ax * nz;
    double uz = ax * ny - ay * nx;
    double ul = Math.sqrt(ux * ux + uy * uy + uz * uz);
    ux /= ul;
    uy /= ul;
    uz /= ul;
    double vx = ny * uz - nz * uy;
    double vy = nz * ux - nx * uz;
    double vz = nx * uy - ny * ux;
    double px = points[3 * i];
    double py = points[3 * i + 1];
    double pz = points[3 * i + 2];
    int[] nb = tree.kNearest(px, py, pz, NEIGHBOURS + 1);
    double[] angles = new double[nb.length];
    int n = 0;
    for (int j : nb) {
      double dx = points[3 * j] - px;
      double dy = points[3 * j + 1] - py;
      double dz = points[3 * j + 2] - pz;
      double a = dx * ux + dy * uy + dz * uz;
      double b = dx * vx + dy * vy + dz * vz;
      if (j == i || (a == 0 && b == 0)) {
        continue; // the point itself, or a duplicate
      }
      angles[n++] = Math.atan2(b, a);
    }
    if (n < 3) {
      return true; // isolated: nothing around it
    }
    Arrays.sort(angles, 0, n);
    double gap = angles[0] + 2 * Math.PI - angles[n - 1];
    for (int k = 1; k < n; k++) {
      gap = Math.max(gap, angles[k] - angles[k - 1]);
    }
    return gap > maxGap;
  }
}
