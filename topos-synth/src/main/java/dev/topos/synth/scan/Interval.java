package dev.topos.synth.scan;

import java.util.SplittableRandom;

/**
 * A closed range [min, max] a random parameter is drawn from uniformly. Units are those of the
 * option that holds it.
 *
 * @param min lower end
 * @param max upper end, &gt;= min
 */
public record Interval(double min, double max) {

  public Interval {
    if (!(min <= max) || !Double.isFinite(min) || !Double.isFinite(max)) {
      throw new IllegalArgumentException("bad interval [" + min + ", " + max + "]");
    }
  }

  /** A single value. */
  public static Interval of(double value) {
    return new Interval(value, value);
  }

  /** A uniform draw from [min, max] (one random double consumed, even when min == max). */
  public double sample(SplittableRandom random) {
    double u = random.nextDouble();
    return min + u * (max - min);
  }

  public boolean contains(double x) {
    return x >= min && x <= max;
  }
}
