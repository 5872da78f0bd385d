package dev.topos.geometry;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Normals for a point cloud that has none: the direction of least variance of each point's k
 * nearest neighbours (PCA), oriented away from the cloud's centroid (right for head-like, roughly
 * star-shaped surfaces).
 */
public final class NormalEstimation {
  private NormalEstimation() {}

  /** Unit normals [N*3] for points [N*3] from their k nearest neighbours (k >= 3). */
  public static float[] estimate(float[] points, int k) {
    int n = points.length / 3;
    if (n < 3) {
      throw new IllegalArgumentException("need at least 3 points to estimate normals");
    }
    int kk = Math.min(k, n);
    KdTree tree = new KdTree(points);
    double[] centroid = new double[3];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 3; c++) {
        centroid[c] += points[3 * i + c] / (double) n;
      }
    }
    float[] out = new float[points.length];
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(3, true, true);
    DMatrixRMaj cov = new DMatrixRMaj(3, 3);
    for (int i = 0; i < n; i++) {
      int[] nb = tree.kNearest(points[3 * i], points[3 * i + 1], points[3 * i + 2], kk);
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
      double dot = 0;
      for (int c = 0; c < 3; c++) {
        dot += normal[c] * (points[3 * i + c] - centroid[c]);
      }
      double len = Math.sqrt(normal[0] * normal[0] + normal[1] * normal[1] + normal[2] * normal[2]);
      double sign = dot < 0 ? -1 : 1;
      for (int c = 0; c < 3; c++) {
        out[3 * i + c] = (float) (sign * normal[c] / Math.max(len, 1e-12));
      }
    }
    return out;
  }
}
