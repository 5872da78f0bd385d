package dev.topos.topology.fit;

import java.util.Arrays;

/** Quantiles of samples (nearest rank on a sorted copy), used for robust anchors and trimming. */
final class Quantiles {
  private Quantiles() {}

  /**
   * The q-quantile (0..1) of the first {@code count} values, by nearest rank on a sorted copy:
   * {@code sorted[round(q (count - 1))]}; NaN when {@code count} is 0.
   */
  static double of(double[] values, int count, double q) {
    if (count == 0) {
      return Double.NaN;
    }
    double[] v = Arrays.copyOf(values, count);
    Arrays.sort(v);
    int rank = (int) Math.round(Math.max(0, Math.min(1, q)) * (count - 1));
    return v[rank];
  }

  /** The q-quantile of coordinate {@code axis} (0 x, 1 y, 2 z) of points [N*3]. */
  static double ofAxis(float[] xyz, int axis, double q) {
    int n = xyz.length / 3;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = xyz[3 * i + axis];
    }
    return of(v, n, q);
  }
}
