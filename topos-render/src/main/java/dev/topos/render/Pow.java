package dev.topos.render;

/**
 * {@code x^y} for shading lobes from plain double arithmetic (range reduction with exact
 * {@link Math#getExponent}/{@link Math#scalb}, then short polynomials). Java 17 floating point is
 * strict, so the result is bit-identical on every JVM, thread and JIT tier (unlike
 * {@link Math#pow}, which may use platform intrinsics) and several times faster than
 * {@link StrictMath#pow}. Relative error below 1e-9 for normal inputs.
 */
final class Pow {
  private static final double LN2 = 0.6931471805599453;
  private static final double INV_LN2 = 1.4426950408889634;
  private static final double SQRT2 = 1.4142135623730951;

  private Pow() {}

  /** x^y for x &gt;= 0 and y &gt;= 0 (0 for x below the smallest normal double, 1 for y = 0). */
  static double pow(double x, double y) {
    if (y == 0) {
      return 1;
    }
    if (!(x >= Double.MIN_NORMAL)) {
      return 0;
    }
    double z = y * log2(x);
    if (z < -1074) {
      return 0;
    }
    if (z > 1023) {
      return Double.POSITIVE_INFINITY;
    }
    double n = Math.rint(z);
    double u = (z - n) * LN2; // |u| <= ln(2) / 2
    // e^u, Taylor to degree 10: truncation < 0.35^11 / 11! ~ 2e-13.
    double p = 1 + u * (1 + u * (1.0 / 2 + u * (1.0 / 6 + u * (1.0 / 24 + u * (1.0 / 120 + u * (1.0 / 720
        + u * (1.0 / 5040 + u * (1.0 / 40320 + u * (1.0 / 362880 + u * (1.0 / 3628800))))))))));
    return Math.scalb(p, (int) n);
  }

  /** log2(x) for normal positive x. */
  static double log2(double x) {
    int e = Math.getExponent(x);
    double m = Math.scalb(x, -e); // [1, 2)
    if (m > SQRT2) {
      m *= 0.5;
      e++;
    }
    // ln(m) = 2 atanh(t), t = (m - 1) / (m + 1), |t| <= 0.172: series to t^15, truncation < 1e-13.
    double t = (m - 1) / (m + 1);
    double t2 = t * t;
    double s = 2 * t * (1 + t2 * (1.0 / 3 + t2 * (1.0 / 5 + t2 * (1.0 / 7 + t2 * (1.0 / 9 + t2 * (1.0 / 11
        + t2 * (1.0 / 13 + t2 * (1.0 / 15))))))));
    return e + s * INV_LN2;
  }
}
