package dev.topos.synth.albedo;

/**
 * A two-layer spectral model of skin reflectance, after the optical properties compiled by
 * S. L. Jacques (Oregon Medical Laser Center) and S. Prahl's haemoglobin tables.
 *
 * <ul>
 *   <li><b>Epidermis</b>, {@value #EPIDERMIS_MM} mm thick, absorbs with eumelanin (volume fraction
 *       {@code melanin}, {@code mu_a = 6.6e11 * lambda^-3.33} cm^-1 inside melanosomes), the
 *       melanin-free skin baseline ({@code 0.244 + 85.3 exp(-(lambda - 154) / 66.2)} cm^-1) and
 *       beta-carotene (yellow undertone). Light crosses it twice: {@code T = exp(-2 d mu_a)}.
 *   <li><b>Dermis</b>, semi-infinite, absorbs with blood (volume fraction {@code blood}, 150 g/L
 *       haemoglobin at oxygen saturation {@code oxygenation}) and the baseline, and scatters with
 *       reduced scattering {@code 2e5 lambda^-1.5 + 2e12 lambda^-4} cm^-1. Its diffuse reflectance
 *       is the Kubelka-Munk value of an infinitely thick layer, {@code R = 1 + a - sqrt(a^2 + 2a)}
 *       with {@code a = 2 mu_a / mu_s'}.
 *   <li>Skin reflectance is {@value #BACKSCATTER} + {@value #SCALE} x T x R: a flat diffuse
 *       backscatter of the stratum corneum that melanin does not absorb (it keeps very dark skin
 *       from turning saturated orange) plus the attenuated dermal reflectance; the constants
 *       calibrate light skin to measured reflectances of about 0.35 at 450 nm and 0.6 at 650 nm
 *       and very dark skin to about 0.04 and 0.17. Surface specular reflection is not part of the
 *       albedo.
 * </ul>
 *
 * <p>Wavelengths are {@link SpectralColor}'s 31 samples. Melanin fractions span about 0.01 (very
 * light skin) to 0.45 (very dark skin); blood fractions about 0.005 to 0.08. Immutable.
 */
public final class SkinReflectance {
  /** Epidermis thickness, millimetres. */
  public static final double EPIDERMIS_MM = 0.06;
  /** Calibration factor applied to the two-layer reflectance. */
  public static final double SCALE = 0.88;
  /** Spectrally flat diffuse backscatter of the stratum corneum (reflectance, not absorbed by melanin). */
  public static final double BACKSCATTER = 0.03;

  /** Molar extinction of oxy-haemoglobin, cm^-1 / (mol/L), 400..700 nm every 10 nm (Prahl). */
  private static final double[] HBO2 = {
      266232, 466816, 480360, 246072, 102580, 62816, 44480, 33209.2, 26629.2, 23684.4, 20932.8,
      20035.2, 24202.4, 39956.8, 53236, 43016, 32613.2, 44496, 50104, 14400.8, 3200,
      1506, 942, 610, 442, 368, 319.6, 294, 277.6, 276, 290};
  /** Molar extinction of deoxy-haemoglobin, cm^-1 / (mol/L), 400..700 nm every 10 nm (Prahl). */
  private static final double[] HB = {
      223296, 303956, 407560, 528600, 413280, 103292, 23388.8, 16156.4, 14550, 16684, 20035.2,
      25773.6, 31589.6, 39036.4, 46592, 53412, 53788, 45072, 37020, 28324.4, 14677.2,
      9443.6, 6509.6, 5148.8, 4345.2, 3750.12, 3226.56, 2795.12, 2407.92, 2051.96, 1794.28};

  private final double[] melaninMu = new double[SpectralColor.SAMPLES];
  private final double[] baselineMu = new double[SpectralColor.SAMPLES];
  private final double[] caroteneShape = new double[SpectralColor.SAMPLES];
  private final double[] oxyMu = new double[SpectralColor.SAMPLES];
  private final double[] deoxyMu = new double[SpectralColor.SAMPLES];
  private final double[] scattering = new double[SpectralColor.SAMPLES];

  public SkinReflectance() {
    // All coefficients in mm^-1.
    double hbMolar = 150.0 / 64500.0; // mol/L of haemoglobin in whole blood
    for (int i = 0; i < SpectralColor.SAMPLES; i++) {
      double l = SpectralColor.wavelength(i);
      melaninMu[i] = 6.6e11 * StrictMath.pow(l, -3.33) / 10;
      baselineMu[i] = (0.244 + 85.3 * StrictMath.exp(-(l - 154) / 66.2)) / 10;
      caroteneShape[i] = 0.5 * bump(l, 425, 14) + 0.85 * bump(l, 452, 17) + bump(l, 480, 15);
      oxyMu[i] = 2.303 * HBO2[i] * hbMolar / 10;
      deoxyMu[i] = 2.303 * HB[i] * hbMolar / 10;
      scattering[i] = (2e5 * StrictMath.pow(l, -1.5) + 2e12 * StrictMath.pow(l, -4)) / 10;
    }
  }

  private static double bump(double x, double mu, double sigma) {
    double t = (x - mu) / sigma;
    return StrictMath.exp(-0.5 * t * t);
  }

  /**
   * Round-trip transmittance of the epidermis, written to out[SAMPLES].
   *
   * @param melanin eumelanin volume fraction in the epidermis, [0, 1]
   * @param carotene beta-carotene optical depth at its 480 nm peak for the round trip, &gt;= 0
   */
  public void epidermisTransmittance(double melanin, double carotene, double[] out) {
    for (int i = 0; i < SpectralColor.SAMPLES; i++) {
      double mu = melanin * melaninMu[i] + (1 - melanin) * baselineMu[i];
      out[i] = StrictMath.exp(-2 * EPIDERMIS_MM * mu - carotene * caroteneShape[i]);
    }
  }

  /**
   * Diffuse reflectance of the dermis, written to out[SAMPLES].
   *
   * @param blood blood volume fraction in the dermis, [0, 1]
   * @param oxygenation haemoglobin oxygen saturation, [0, 1]
   */
  public void dermisReflectance(double blood, double oxygenation, double[] out) {
    for (int i = 0; i < SpectralColor.SAMPLES; i++) {
      double hb = oxygenation * oxyMu[i] + (1 - oxygenation) * deoxyMu[i];
      double mu = blood * hb + (1 - blood) * baselineMu[i];
      double a = 2 * mu / scattering[i];
      out[i] = 1 + a - StrictMath.sqrt(a * a + 2 * a);
    }
  }

  /** Reflectance spectrum of skin with these constituents, [SAMPLES] (see the class comment). */
  public double[] spectrum(double melanin, double blood, double oxygenation, double carotene) {
    double[] t = new double[SpectralColor.SAMPLES];
    double[] r = new double[SpectralColor.SAMPLES];
    epidermisTransmittance(melanin, carotene, t);
    dermisReflectance(blood, oxygenation, r);
    for (int i = 0; i < t.length; i++) {
      t[i] = BACKSCATTER + SCALE * t[i] * r[i];
    }
    return t;
  }
}
