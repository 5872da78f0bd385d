package dev.topos.geometry;

import java.util.Arrays;

/**
 * Summary of a set of distances, in millimetres.
 *
 * <p>Percentiles use linear interpolation between order statistics (the default of numpy and
 * R type 7): for sorted values {@code v[0..n-1]}, percentile p is read at rank {@code h = (n - 1)
 * p / 100}, i.e. {@code v[floor h] + (h - floor h) (v[floor h + 1] - v[floor h])}. So the median
 * of an even count is the mean of the two middle values, and p95 of 1..10 is 9.55.
 *
 * @param count number of values
 * @param meanMm mean, mm
 * @param medianMm 50th percentile, mm
 * @param p95Mm 95th percentile, mm
 * @param maxMm maximum, mm
 */
public record ErrorStats(int count, double meanMm, double medianMm, double p95Mm, double maxMm) {

  /** Statistics of values already in millimetres (the array is not modified); all NaN when empty. */
  public static ErrorStats ofMillimetres(double[] valuesMm) {
    if (valuesMm.length == 0) {
      return new ErrorStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double[] v = valuesMm.clone();
    Arrays.sort(v);
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    return new ErrorStats(v.length, sum / v.length, percentileOfSorted(v, 50), percentileOfSorted(v, 95), v[v.length - 1]);
  }

  /** Percentile {@code p} (0..100) of ascending values by linear interpolation (see class doc). */
  public static double percentileOfSorted(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double h = (sorted.length - 1) * p / 100.0;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
