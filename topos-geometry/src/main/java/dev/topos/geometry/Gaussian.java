package dev.topos.geometry;

import java.util.SplittableRandom;

/**
 * Standard normal draws by Box-Muller from a {@link SplittableRandom}. Our own rather than
 * {@code RandomGenerator.nextGaussian()}, so that seeded datasets never change with the JDK.
 */
public final class Gaussian {
  private Gaussian() {}

  /** One draw from N(0, 1); consumes exactly two uniforms. */
  public static double next(SplittableRandom rng) {
    double u1 = 1 - rng.nextDouble(); // (0, 1]: log is finite
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
