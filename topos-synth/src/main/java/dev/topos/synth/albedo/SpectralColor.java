package dev.topos.synth.albedo;

/**
 * Turns a reflectance spectrum into a linear sRGB albedo as seen under daylight.
 *
 * <p>Spectra are sampled at {@link #SAMPLES} wavelengths, 400 to 700 nm in 10 nm steps
 * ({@link #wavelength}). The reflected D65 spectrum is integrated against the CIE 1931 colour
 * matching functions (the multi-lobe analytic fit of Wyman, Sloan and Shirley, 2013) to XYZ, then
 * mapped to linear sRGB and white-balanced per channel so that a perfect white reflector (all ones)
 * gives exactly (1, 1, 1). Negative channels (colours outside the sRGB gamut) are clamped to 0.
 */
public final class SpectralColor {
  /** Number of spectral samples. */
  public static final int SAMPLES = 31;

  /** CIE standard illuminant D65, relative spectral power at 400, 410, ..., 700 nm. */
  private static final double[] D65 = {
      82.75, 91.49, 93.43, 86.68, 104.86, 117.01, 117.81, 114.86, 115.92, 108.81, 109.35,
      107.80, 104.79, 107.69, 104.41, 104.05, 100.00, 96.33, 95.79, 88.69, 90.01,
      89.60, 87.70, 83.29, 83.70, 80.03, 80.21, 82.28, 78.28, 69.72, 71.61};

  /** Rows: weights for linear R, G, B per spectral sample (illuminant x CMF x XYZ-to-sRGB, white-balanced). */
  private final double[][] weights = new double[3][SAMPLES];

  public SpectralColor() {
    double[][] xyz = new double[3][SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      double l = wavelength(i);
      xyz[0][i] = D65[i] * (1.056 * lobe(l, 599.8, 37.9, 31.0) + 0.362 * lobe(l, 442.0, 16.0, 26.7)
          - 0.065 * lobe(l, 501.1, 20.4, 26.2));
      xyz[1][i] = D65[i] * (0.821 * lobe(l, 568.8, 46.9, 40.5) + 0.286 * lobe(l, 530.9, 16.3, 31.1));
      xyz[2][i] = D65[i] * (1.217 * lobe(l, 437.0, 11.8, 36.0) + 0.681 * lobe(l, 459.0, 26.0, 13.8));
    }
    double[][] m = {{3.2406, -1.5372, -0.4986}, {-0.9689, 1.8758, 0.0415}, {0.0557, -0.2040, 1.0570}};
    for (int c = 0; c < 3; c++) {
      double white = 0;
      for (int i = 0; i < SAMPLES; i++) {
        weights[c][i] = m[c][0] * xyz[0][i] + m[c][1] * xyz[1][i] + m[c][2] * xyz[2][i];
        white += weights[c][i];
      }
      for (int i = 0; i < SAMPLES; i++) {
        weights[c][i] /= white;
      }
    }
  }

  /** Wavelength of sample i in nanometres. */
  public static double wavelength(int i) {
    return 400 + 10 * i;
  }

  /** Linear sRGB of a reflectance spectrum [SAMPLES] (values in [0, 1]), written to out[off..off+2]. */
  public void toLinearRgb(double[] reflectance, float[] out, int off) {
    for (int c = 0; c < 3; c++) {
      double s = 0;
      for (int i = 0; i < SAMPLES; i++) {
        s += weights[c][i] * reflectance[i];
      }
      out[off + c] = (float) Math.max(0, Math.min(1, s));
    }
  }

  /** A piecewise Gaussian with different widths left and right of its peak. */
  private static double lobe(double x, double mu, double sigmaLeft, double sigmaRight) {
    double t = (x - mu) / (x < mu ? sigmaLeft : sigmaRight);
    return StrictMath.exp(-0.5 * t * t);
  }
}
