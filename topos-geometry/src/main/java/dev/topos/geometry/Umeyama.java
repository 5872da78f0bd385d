package dev.topos.geometry;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Least-squares alignment of corresponding point sets (Umeyama 1991): the similarity or rigid
 * transform T minimising {@code sum_i w_i |T(src_i) - dst_i|^2}.
 *
 * <p>With weighted means {@code mu_s, mu_d}, covariance {@code S = sum w_i (d_i - mu_d)(s_i -
 * mu_s)^T / sum w} and its SVD {@code S = U D V^T}: {@code R = U diag(1, 1, sign(det U det V)) V^T}
 * (the sign fix keeps R a proper rotation, never a reflection), scale {@code c = tr(D diag(...)) /
 * var_s} (1 for rigid), {@code t = mu_d - c R mu_s}. Units: those of the points (metres).
 *
 * <p>The rotation is unique given at least three non-collinear points with positive weight;
 * coplanar points are fine (the sign fix resolves the free axis).
 */
public final class Umeyama {
  private Umeyama() {}

  /** Similarity (rotation, uniform scale, translation) mapping src onto dst, [N*3] each. */
  public static Similarity similarity(double[] src, double[] dst) {
    return solve(src, dst, null, true);
  }

  /** Weighted similarity; weights [N] are non-negative with a positive sum. */
  public static Similarity similarity(double[] src, double[] dst, double[] weights) {
    return solve(src, dst, weights, true);
  }

  /** Rigid transform (rotation, translation; scale 1) mapping src onto dst. */
  public static Similarity rigid(double[] src, double[] dst) {
    return solve(src, dst, null, false);
  }

  /** Weighted rigid transform. */
  public static Similarity rigid(double[] src, double[] dst, double[] weights) {
    return solve(src, dst, weights, false);
  }

  /** Similarity between float point sets (computed in double). */
  public static Similarity similarity(float[] src, float[] dst) {
    return solve(toDouble(src), toDouble(dst), null, true);
  }

  /** Rigid transform between float point sets (computed in double). */
  public static Similarity rigid(float[] src, float[] dst) {
    return solve(toDouble(src), toDouble(dst), null, false);
  }

  private static double[] toDouble(float[] a) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i];
    }
    return out;
  }

  private static Similarity solve(double[] src, double[] dst, double[] weights, boolean withScale) {
    if (src.length != dst.length || src.length % 3 != 0) {
      throw new IllegalArgumentException("src and dst need the same number of xyz triples (" + src.length + " vs " + dst.length + ")");
    }
    int n = src.length / 3;
    if (weights != null && weights.length != n) {
      throw new IllegalArgumentException("expected " + n + " weights, got " + weights.length);
    }
    double wsum = 0;
    double[] ms = new double[3];
    double[] md = new double[3];
    for (int i = 0; i < n; i++) {
      double w = weights == null ? 1 : weights[i];
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("weight " + i + " is " + w);
      }
      wsum += w;
      for (int k = 0; k < 3; k++) {
        ms[k] += w * src[3 * i + k];
        md[k] += w * dst[3 * i + k];
      }
    }
    if (!(wsum > 0)) {
      throw new IllegalArgumentException("need at least one point with positive weight");
    }
    for (int k = 0; k < 3; k++) {
      ms[k] /= wsum;
      md[k] /= wsum;
    }
    DMatrixRMaj cov = new DMatrixRMaj(3, 3);
    double varSrc = 0;
    for (int i = 0; i < n; i++) {
      double w = (weights == null ? 1 : weights[i]) / wsum;
      double[] s = {src[3 * i] - ms[0], src[3 * i + 1] - ms[1], src[3 * i + 2] - ms[2]};
      double[] d = {dst[3 * i] - md[0], dst[3 * i + 1] - md[1], dst[3 * i + 2] - md[2]};
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          cov.add(r, c, w * d[r] * s[c]);
        }
      }
      varSrc += w * (s[0] * s[0] + s[1] * s[1] + s[2] * s[2]);
    }
    SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(3, 3, true, true, false);
    if (!svd.decompose(cov.copy())) {
      throw new IllegalStateException("SVD of the 3x3 covariance failed");
    }
    DMatrixRMaj u = svd.getU(null, false);
    DMatrixRMaj v = svd.getV(null, false);
    DMatrixRMaj w = svd.getW(null);
    SingularOps_DDRM.descendingOrder(u, false, w, v, false);
    // Reflection fix: flip the axis of the smallest singular value if U V^T would mirror.
    double sign = CommonOps_DDRM.det(u) * CommonOps_DDRM.det(v) < 0 ? -1 : 1;
    double[] rot = new double[9];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        rot[3 * r + c] = u.get(r, 0) * v.get(c, 0) + u.get(r, 1) * v.get(c, 1) + sign * u.get(r, 2) * v.get(c, 2);
      }
    }
    double scale = 1;
    if (withScale) {
      if (!(varSrc > 0)) {
        throw new IllegalArgumentException("source points are all at one place; the scale is undefined");
      }
      scale = (w.get(0, 0) + w.get(1, 1) + sign * w.get(2, 2)) / varSrc;
    }
    double[] t = new double[3];
    for (int r = 0; r < 3; r++) {
      t[r] = md[r] - scale * (rot[3 * r] * ms[0] + rot[3 * r + 1] * ms[1] + rot[3 * r + 2] * ms[2]);
    }
    return new Similarity(rot, scale, t);
  }
}
