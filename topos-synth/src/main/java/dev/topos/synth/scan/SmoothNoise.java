package dev.topos.synth.scan;

import java.util.SplittableRandom;

/**
 * A smooth random scalar field in space: a sum of plane waves with random directions, phases
 * and wavelengths around a given one, scaled to unit standard deviation. Used to make edges
 * ragged (cuts, hair margins, coverage) and thicknesses uneven. The waves are sine-like
 * piecewise parabolas (continuous slope), plain arithmetic and so bit-for-bit the same on every
 * JVM, and cheaper than {@code Math.sin}. Immutable.
 */
public final class SmoothNoise {
  /** Variance of {@link #wave} over a period (8/15). */
  private static final double WAVE_VARIANCE = 8.0 / 15.0;

  private final double[] waves; // per wave: kx, ky, kz (periods per metre), phase (periods)
  private final double scale;

  /**
   * @param random the random stream (consumed)
   * @param wavelength typical wavelength, metres
   * @param count number of plane waves (6 to 12 look natural)
   */
  public SmoothNoise(SplittableRandom random, double wavelength, int count) {
    if (count < 1 || !(wavelength > 0)) {
      throw new IllegalArgumentException("count " + count + ", wavelength " + wavelength);
    }
    waves = new double[4 * count];
    for (int i = 0; i < count; i++) {
      double z = 2 * random.nextDouble() - 1;
      double phi = 2 * Math.PI * random.nextDouble();
      double r = Math.sqrt(1 - z * z);
      double lambda = wavelength * (0.6 + 0.8 * random.nextDouble());
      double k = 1 / lambda; // in periods per metre
      waves[4 * i] = k * r * StrictMath.cos(phi);
      waves[4 * i + 1] = k * r * StrictMath.sin(phi);
      waves[4 * i + 2] = k * z;
      waves[4 * i + 3] = random.nextDouble();
    }
    scale = 1 / Math.sqrt(count * WAVE_VARIANCE);
  }

  /** The field at (x, y, z) metres; mean 0, standard deviation about 1, values within about +-3. */
  public double at(double x, double y, double z) {
    double sum = 0;
    for (int i = 0; i < waves.length; i += 4) {
      sum += wave(waves[i] * x + waves[i + 1] * y + waves[i + 2] * z + waves[i + 3]);
    }
    return sum * scale;
  }

  /** A sine-like wave of period 1: 8 t (1 - 2 t) on the first half period, mirrored negative on the second. */
  static double wave(double phase) {
    double t = phase - Math.floor(phase);
    if (t < 0.5) {
      return 8 * t * (1 - 2 * t);
    }
    double u = t - 0.5;
    return -8 * u * (1 - 2 * u);
  }
}
