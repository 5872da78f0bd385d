package dev.topos.geometry;

import java.util.PriorityQueue;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Normals for a point cloud that has none: the plane of least variance of each point's k nearest
 * neighbours (PCA), by default refined by a quadric fitted over that plane ({@link Fit}), then
 * oriented consistently over the surface and outward.
 *
 * <p>Orientation ({@link Orientation#PROPAGATED}, the default) follows Hoppe et al. (1992, "Surface
 * reconstruction from unorganized points"): a minimum spanning tree over the k-nearest-neighbour
 * graph, with edge cost {@code 1 - |n_i . n_j|} so that it runs along smooth surface first, carries
 * the sign from point to point. Each connected part then takes the sign that most of it agrees
 * with: the sum over its points of {@code n . (p - centroid)} must be positive (most of a closed or
 * head-like surface faces away from its centroid; one seed point would not do, as the farthest point
 * from the centroid can lie on an open rim, the neck cut, whose normal is side-on). Orienting every point
 * away from the centroid instead ({@link Orientation#FROM_CENTROID}, the rule until session 18)
 * fails wherever the surface turns inward: a head scan's mouth cavity and nostrils, the backs of
 * the ears, and the neck under a centroid pulled up by hair (on a synthetic marching-cubes head
 * scan, 22 % of the points got the wrong sign, and the fitted head was 5.9 mm off instead of 1.8).
 *
 * <p>Direction ({@link Fit#QUADRIC}, the default): the PCA plane tilts wherever the neighbourhood is
 * curved and lies to one side of the point, as it does on randomly sampled points; a quadric height
 * field fitted in that plane and differentiated at the point itself (an osculating jet, Cazals and
 * Pouget 2005) takes most of that tilt out. On 40 synthetic test scans of 4,096 points with the true
 * signs given (session 19, {@code tools/diagnostics/normal-quality.jsh}), the model's feed-forward head
 * was 2.65 mm off with PCA normals of 12 neighbours, 2.47 mm with quadric ones, 1.97 mm with the
 * scans' own normals.
 */
public final class NormalEstimation {
  /** How the sign of each PCA normal is chosen. */
  public enum Orientation {
    /** Carried along a minimum spanning tree of the neighbour graph from outward seeds. */
    PROPAGATED,
    /** Away from the centroid of the cloud, point by point. */
    FROM_CENTROID
  }

  /** How each normal's line is fitted to the point's neighbours. */
  public enum Fit {
    /** The direction of least variance (PCA): the normal of the best plane. */
    PLANE,
    /** The normal at the point of a quadric height field over the PCA plane; the plane's where the fit fails. */
    QUADRIC
  }

  /** Largest slope the quadric may give against the plane (tan 60 degrees); past it the fit is not trusted. */
  private static final double MAX_QUADRIC_SLOPE = Math.sqrt(3);

  /** Neighbours of the fit that topos uses for scans without normals. */
  public static final int DEFAULT_NEIGHBOURS = 12;

  private NormalEstimation() {}

  /** Unit normals [N*3] for points [N*3] from their k nearest neighbours (k >= 3), propagated. */
  public static float[] estimate(float[] points, int k) {
    return estimate(points, k, Orientation.PROPAGATED);
  }

  /** Unit normals [N*3] for points [N*3] from their k nearest neighbours (k >= 3), quadric fits. */
  public static float[] estimate(float[] points, int k, Orientation orientation) {
    return estimate(points, k, orientation, Fit.QUADRIC);
  }

  /**
   * Unit normals [N*3] for points [N*3] from their k nearest neighbours (k >= 3; a quadric needs
   * k >= 6 and falls back to the plane below that).
   */
  public static float[] estimate(float[] points, int k, Orientation orientation, Fit fit) {
    int n = points.length / 3;
    if (n < 3) {
      throw new IllegalArgumentException("need at least 3 points to estimate normals");
    }
    int kk = Math.min(k, n);
    KdTree tree = new KdTree(points);
    double[] centroid = centroid(points);
    int[][] neighbours = new int[n][];
    float[] out = new float[points.length];
    float[] quadric = fit == Fit.QUADRIC ? new float[points.length] : null;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(3, true, true);
    DMatrixRMaj cov = new DMatrixRMaj(3, 3);
    for (int i = 0; i < n; i++) {
      int[] nb = tree.kNearest(points[3 * i], points[3 * i + 1], points[3 * i + 2], kk);
      neighbours[i] = nb;
      double[] mean = new double[3];
      for (int j : nb) {
        for (int c = 0; c < 3; c++) {
          mean[c] += points[3 * j + c] / nb.length;
        }
      }
      cov.zero();
      for (int j : nb) {
        for (int r = 0; r < 3; r++) {
          for (int c = 0; c < 3; c++) {
            cov.add(r, c, (points[3 * j + r] - mean[r]) * (points[3 * j + c] - mean[c]));
          }
        }
      }
      double[] normal = {0, 0, 1};
      if (eig.decompose(cov.copy())) {
        double best = Double.POSITIVE_INFINITY;
        for (int e = 0; e < 3; e++) {
          double value = eig.getEigenvalue(e).getReal();
          if (value < best && eig.getEigenVector(e) != null) {
            best = value;
            DMatrixRMaj vec = eig.getEigenVector(e);
            normal = new double[] {vec.get(0), vec.get(1), vec.get(2)};
          }
        }
      }
      double len = Math.max(Math.sqrt(normal[0] * normal[0] + normal[1] * normal[1] + normal[2] * normal[2]), 1e-12);
      double sign = awayFromCentroid(points, i, normal, centroid) ? 1 : -1;
      for (int c = 0; c < 3; c++) {
        out[3 * i + c] = (float) (sign * normal[c] / len);
      }
      if (fit == Fit.QUADRIC) { // on the plane's side; it takes the plane's sign below
        double[] q = quadricNormal(points, i, nb, normal);
        double ql = Math.max(Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2]), 1e-12);
        for (int c = 0; c < 3; c++) {
          quadric[3 * i + c] = (float) (sign * q[c] / ql);
        }
      }
    }
    // The signs travel with the planes: on 40 test scans the quadrics' own propagation left the model's
    // heads 0.06 mm further off (normal-quality.jsh)
    float[] signs = out.clone();
    if (orientation == Orientation.PROPAGATED) {
      propagate(points, out, symmetric(neighbours), centroid);
    }
    if (fit == Fit.QUADRIC) {
      for (int i = 0; i < n; i++) {
        boolean turned = out[3 * i] * signs[3 * i] + out[3 * i + 1] * signs[3 * i + 1] + out[3 * i + 2] * signs[3 * i + 2] < 0;
        for (int c = 0; c < 3; c++) {
          out[3 * i + c] = turned ? -quadric[3 * i + c] : quadric[3 * i + c];
        }
      }
    }
    return out;
  }

  /**
   * The normal at point {@code i} of the height field {@code h = a + b u + c v + d u^2 + e u v + f v^2}
   * fitted by least squares to its neighbours, with (u, v) along the plane and h along its normal:
   * {@code plane - b e1 - c e2} (the gradient at the point's own foot, u = v = 0). Coordinates are
   * scaled by the neighbourhood's radius so the normal equations are well conditioned.
   *
   * @param plane the PCA normal (unit)
   * @return the quadric's normal, not normalised; the plane's where there are too few neighbours,
   *     the system is singular or the slope exceeds {@link #MAX_QUADRIC_SLOPE}
   */
  private static double[] quadricNormal(float[] points, int i, int[] neighbours, double[] plane) {
    if (neighbours.length < 6) {
      return plane;
    }
    double pl = Math.sqrt(plane[0] * plane[0] + plane[1] * plane[1] + plane[2] * plane[2]);
    double[] n = {plane[0] / pl, plane[1] / pl, plane[2] / pl};
    double[] axis = Math.abs(n[0]) < 0.9 ? new double[] {1, 0, 0} : new double[] {0, 1, 0};
    double[] e1 = unit(cross(n, axis));
    double[] e2 = cross(n, e1);
    double radius = 0;
    for (int j : neighbours) {
      double dx = points[3 * j] - points[3 * i];
      double dy = points[3 * j + 1] - points[3 * i + 1];
      double dz = points[3 * j + 2] - points[3 * i + 2];
      radius = Math.max(radius, dx * dx + dy * dy + dz * dz);
    }
    radius = Math.sqrt(radius);
    if (!(radius > 0)) {
      return plane;
    }
    DMatrixRMaj normalMatrix = new DMatrixRMaj(6, 6); // F'F
    DMatrixRMaj rhs = new DMatrixRMaj(6, 1); // F'h
    double[] f = new double[6];
    for (int j : neighbours) {
      double dx = (points[3 * j] - points[3 * i]) / radius;
      double dy = (points[3 * j + 1] - points[3 * i + 1]) / radius;
      double dz = (points[3 * j + 2] - points[3 * i + 2]) / radius;
      double u = dx * e1[0] + dy * e1[1] + dz * e1[2];
      double v = dx * e2[0] + dy * e2[1] + dz * e2[2];
      double h = dx * n[0] + dy * n[1] + dz * n[2];
      f[0] = 1;
      f[1] = u;
      f[2] = v;
      f[3] = u * u;
      f[4] = u * v;
      f[5] = v * v;
      for (int r = 0; r < 6; r++) {
        rhs.add(r, 0, f[r] * h);
        for (int c = 0; c < 6; c++) {
          normalMatrix.add(r, c, f[r] * f[c]);
        }
      }
    }
    for (int r = 0; r < 6; r++) {
      normalMatrix.add(r, r, 1e-6); // a whisker of ridge: k points on a conic leave the system singular
    }
    DMatrixRMaj coefficients = new DMatrixRMaj(6, 1);
    if (!CommonOps_DDRM.solve(normalMatrix, rhs, coefficients)) {
      return plane;
    }
    double b = coefficients.get(1);
    double c = coefficients.get(2);
    if (!(Math.sqrt(b * b + c * c) <= MAX_QUADRIC_SLOPE)) { // also NaN
      return plane;
    }
    return new double[] {n[0] - b * e1[0] - c * e2[0], n[1] - b * e1[1] - c * e2[1], n[2] - b * e1[2] - c * e2[2]};
  }

  private static double[] cross(double[] a, double[] b) {
    return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
  }

  private static double[] unit(double[] a) {
    double l = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
    return new double[] {a[0] / l, a[1] / l, a[2] / l};
  }

  /**
   * How far a cloud's normals agree on facing away from its centroid, in [-1, 1]: the sum of
   * {@code n . (p - centroid)} over the points divided by the sum of its absolute values. A head
   * scan's own normals give 0.45-0.99 (mean 0.88; the 200 test and 1,000 training scans of
   * session 18; mouth cavities and partial scans give the low end), an inside-out mesh the negative
   * of that, and a mesh with half its faces wound the other way -0.33 to 0.43.
   *
   * @param points [N*3]
   * @param normals [N*3]
   */
  public static double outwardBalance(float[] points, float[] normals) {
    int n = points.length / 3;
    double[] centroid = centroid(points);
    double sum = 0;
    double absolute = 0;
    for (int i = 0; i < n; i++) {
      double dot = 0;
      for (int c = 0; c < 3; c++) {
        dot += normals[3 * i + c] * (points[3 * i + c] - centroid[c]);
      }
      sum += dot;
      absolute += Math.abs(dot);
    }
    return absolute > 0 ? sum / absolute : 0;
  }

  private static double[] centroid(float[] points) {
    int n = points.length / 3;
    double[] centroid = new double[3];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 3; c++) {
        centroid[c] += points[3 * i + c] / (double) n;
      }
    }
    return centroid;
  }

  private static boolean awayFromCentroid(float[] points, int i, double[] normal, double[] centroid) {
    double dot = 0;
    for (int c = 0; c < 3; c++) {
      dot += normal[c] * (points[3 * i + c] - centroid[c]);
    }
    return dot >= 0;
  }

  /** The neighbour graph made symmetric (j in i's list or i in j's), without self loops. */
  private static int[][] symmetric(int[][] neighbours) {
    int n = neighbours.length;
    int[] degree = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j : neighbours[i]) {
        if (j != i) {
          degree[i]++;
          degree[j]++;
        }
      }
    }
    int[][] adjacency = new int[n][];
    for (int i = 0; i < n; i++) {
      adjacency[i] = new int[degree[i]];
    }
    int[] fill = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j : neighbours[i]) {
        if (j != i) {
          adjacency[i][fill[i]++] = j;
          adjacency[j][fill[j]++] = i;
        }
      }
    }
    return adjacency; // an edge listed twice in a row costs nothing: Prim's skips visited points
  }

  /**
   * Prim's minimum spanning tree over the graph, edge cost {@code 1 - |n_i . n_j|}, flipping each
   * point's normal to agree with the tree neighbour it is reached from; then each connected part
   * (seeded at its unvisited point farthest from the centroid, for a fixed order) is flipped as a
   * whole if its points face the centroid on balance.
   */
  private static void propagate(float[] points, float[] normals, int[][] adjacency, double[] centroid) {
    int n = adjacency.length;
    Integer[] byDistance = new Integer[n];
    double[] distance = new double[n];
    for (int i = 0; i < n; i++) {
      byDistance[i] = i;
      double dx = points[3 * i] - centroid[0];
      double dy = points[3 * i + 1] - centroid[1];
      double dz = points[3 * i + 2] - centroid[2];
      distance[i] = dx * dx + dy * dy + dz * dz;
    }
    java.util.Arrays.sort(byDistance, (a, b) -> a.equals(b) ? 0 : distance[a] != distance[b] ? Double.compare(distance[b], distance[a])
        : Integer.compare(a, b));
    boolean[] visited = new boolean[n];
    // entries: cost, target point, source point; ties broken by the points' indices (deterministic)
    PriorityQueue<double[]> queue = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0])
        : a[1] != b[1] ? Double.compare(a[1], b[1]) : Double.compare(a[2], b[2]));
    for (int seed : byDistance) {
      if (visited[seed]) {
        continue;
      }
      java.util.List<Integer> part = new java.util.ArrayList<>();
      part.add(seed);
      visit(seed, normals, adjacency, visited, queue);
      while (!queue.isEmpty()) {
        double[] e = queue.poll();
        int to = (int) e[1];
        if (visited[to]) {
          continue;
        }
        int from = (int) e[2];
        if (dot(normals, from, to) < 0) {
          for (int c = 0; c < 3; c++) {
            normals[3 * to + c] = -normals[3 * to + c];
          }
        }
        part.add(to);
        visit(to, normals, adjacency, visited, queue);
      }
      double balance = 0;
      for (int i : part) {
        for (int c = 0; c < 3; c++) {
          balance += normals[3 * i + c] * (points[3 * i + c] - centroid[c]);
        }
      }
      if (balance < 0) {
        for (int i : part) {
          for (int c = 0; c < 3; c++) {
            normals[3 * i + c] = -normals[3 * i + c];
          }
        }
      }
    }
  }

  private static void visit(int i, float[] normals, int[][] adjacency, boolean[] visited, PriorityQueue<double[]> queue) {
    visited[i] = true;
    for (int j : adjacency[i]) {
      if (!visited[j]) {
        queue.add(new double[] {1 - Math.abs(dot(normals, i, j)), j, i});
      }
    }
  }

  private static double dot(float[] normals, int i, int j) {
    return (double) normals[3 * i] * normals[3 * j] + (double) normals[3 * i + 1] * normals[3 * j + 1]
        + (double) normals[3 * i + 2] * normals[3 * j + 2];
  }
}
