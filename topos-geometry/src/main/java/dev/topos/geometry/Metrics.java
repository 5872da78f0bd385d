package dev.topos.geometry;

import java.util.ArrayList;
import java.util.List;

/**
 * The evaluation metrics of topos, defined once. Inputs are in metres; every reported distance is
 * in millimetres ({@value #MM_PER_M} mm per m). Nearest neighbours come from {@link KdTree}.
 */
public final class Metrics {
  /** Millimetres per metre. */
  public static final double MM_PER_M = 1000.0;
  /** F-score threshold of 1 mm. */
  public static final double TAU_1_MM = 1.0;
  /** F-score threshold of 2.5 mm. */
  public static final double TAU_2_5_MM = 2.5;

  private Metrics() {}

  // ------------------------------------------------------------ same topology

  /** Euclidean distance of each vertex of a to the same vertex of b, mm, [V]. */
  public static double[] perVertexDistancesMm(float[] a, float[] b) {
    if (a.length != b.length || a.length % 3 != 0) {
      throw new IllegalArgumentException("vertex arrays differ in size: " + a.length + " vs " + b.length);
    }
    double[] out = new double[a.length / 3];
    for (int v = 0; v < out.length; v++) {
      double dx = a[3 * v] - b[3 * v];
      double dy = a[3 * v + 1] - b[3 * v + 1];
      double dz = a[3 * v + 2] - b[3 * v + 2];
      out[v] = Math.sqrt(dx * dx + dy * dy + dz * dz) * MM_PER_M;
    }
    return out;
  }

  /** Per-vertex error statistics between two same-topology vertex arrays ([V*3], metres), mm. */
  public static ErrorStats perVertexError(float[] a, float[] b) {
    return ErrorStats.ofMillimetres(perVertexDistancesMm(a, b));
  }

  /** Per-vertex error statistics over the listed vertices only, mm. */
  public static ErrorStats perVertexError(float[] a, float[] b, int[] vertices) {
    double[] all = perVertexDistancesMm(a, b);
    double[] sub = new double[vertices.length];
    for (int i = 0; i < vertices.length; i++) {
      sub[i] = all[vertices[i]];
    }
    return ErrorStats.ofMillimetres(sub);
  }

  /** Per-vertex error statistics over the vertices where {@code mask} is true ([V]), mm. */
  public static ErrorStats perVertexError(float[] a, float[] b, boolean[] mask) {
    double[] all = perVertexDistancesMm(a, b);
    if (mask.length != all.length) {
      throw new IllegalArgumentException("mask has " + mask.length + " entries for " + all.length + " vertices");
    }
    int n = 0;
    for (boolean m : mask) {
      n += m ? 1 : 0;
    }
    double[] sub = new double[n];
    int k = 0;
    for (int v = 0; v < all.length; v++) {
      if (mask[v]) {
        sub[k++] = all[v];
      }
    }
    return ErrorStats.ofMillimetres(sub);
  }

  // ------------------------------------------------------------ point sets

  /** Distance statistics of points ([N*3], metres) to a surface, mm (e.g. scan points to a fitted head). */
  public static ErrorStats pointToSurface(float[] points, ClosestPointOnMesh surface) {
    double[] d = surface.distances(points);
    for (int i = 0; i < d.length; i++) {
      d[i] *= MM_PER_M;
    }
    return ErrorStats.ofMillimetres(d);
  }

  /** Distance from each point of {@code from} ([N*3], metres) to its nearest point in {@code to}, mm, [N]. */
  public static double[] nearestDistancesMm(float[] from, KdTree to) {
    if (to.size() == 0) {
      throw new IllegalArgumentException("the target point set is empty");
    }
    double[] d2 = new double[from.length / 3];
    to.nearestAll(from, null, d2);
    for (int i = 0; i < d2.length; i++) {
      d2[i] = Math.sqrt(d2[i]) * MM_PER_M;
    }
    return d2;
  }

  /** Chamfer distance between point sets a and b ([N*3], [M*3], metres), mm; see {@link ChamferDistance}. */
  public static ChamferDistance chamfer(float[] a, float[] b) {
    return chamfer(a, new KdTree(a), b, new KdTree(b));
  }

  /** Chamfer distance with prebuilt trees over a and b. */
  public static ChamferDistance chamfer(float[] a, KdTree treeA, float[] b, KdTree treeB) {
    double forward = mean(nearestDistancesMm(a, treeB));
    double backward = mean(nearestDistancesMm(b, treeA));
    return new ChamferDistance(forward, backward, (forward + backward) / 2);
  }

  /**
   * Normal consistency: the mean over the points of each cloud of |cos| of the angle between its
   * normal and the normal of its nearest neighbour (by position) in the other cloud, then the
   * average of the two directions. 1 means matching normals up to orientation. Both clouds need
   * unit normals.
   */
  public static double normalConsistency(PointCloud a, PointCloud b) {
    if (!a.hasNormals() || !b.hasNormals()) {
      throw new IllegalArgumentException("normal consistency needs normals on both point clouds");
    }
    return (meanAbsCos(a, new KdTree(b.positions()), b) + meanAbsCos(b, new KdTree(a.positions()), a)) / 2;
  }

  private static double meanAbsCos(PointCloud from, KdTree tree, PointCloud to) {
    int[] nn = new int[from.size()];
    tree.nearestAll(from.positions(), nn, null);
    double sum = 0;
    float[] fn = from.normals();
    float[] tn = to.normals();
    for (int i = 0; i < nn.length; i++) {
      int j = nn[i];
      double dot = fn[3 * i] * tn[3 * j] + fn[3 * i + 1] * tn[3 * j + 1] + fn[3 * i + 2] * tn[3 * j + 2];
      double la = Math.sqrt(fn[3 * i] * fn[3 * i] + fn[3 * i + 1] * fn[3 * i + 1] + fn[3 * i + 2] * fn[3 * i + 2]);
      double lb = Math.sqrt(tn[3 * j] * tn[3 * j] + tn[3 * j + 1] * tn[3 * j + 1] + tn[3 * j + 2] * tn[3 * j + 2]);
      sum += la > 0 && lb > 0 ? Math.abs(dot) / (la * lb) : 0;
    }
    return nn.length == 0 ? Double.NaN : sum / nn.length;
  }

  /** F-score of predicted points against ground truth ([N*3], [M*3], metres) at {@code tauMm}; see {@link FScore}. */
  public static FScore fScore(float[] predicted, float[] groundTruth, double tauMm) {
    return fScores(predicted, groundTruth, tauMm).get(0);
  }

  /** F-scores at several thresholds (mm), sharing one pair of nearest-neighbour searches. */
  public static List<FScore> fScores(float[] predicted, float[] groundTruth, double... tausMm) {
    double[] predToGt = nearestDistancesMm(predicted, new KdTree(groundTruth));
    double[] gtToPred = nearestDistancesMm(groundTruth, new KdTree(predicted));
    List<FScore> out = new ArrayList<>(tausMm.length);
    for (double tau : tausMm) {
      double p = fractionWithin(predToGt, tau);
      double r = fractionWithin(gtToPred, tau);
      out.add(new FScore(tau, p, r, p + r > 0 ? 2 * p * r / (p + r) : 0));
    }
    return out;
  }

  private static double fractionWithin(double[] distancesMm, double tauMm) {
    int n = 0;
    for (double d : distancesMm) {
      n += d <= tauMm ? 1 : 0;
    }
    return distancesMm.length == 0 ? Double.NaN : (double) n / distancesMm.length;
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return values.length == 0 ? Double.NaN : sum / values.length;
  }
}
