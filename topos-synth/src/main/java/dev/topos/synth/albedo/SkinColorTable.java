package dev.topos.synth.albedo;

/**
 * Linear sRGB skin albedo of one person as a function of local melanin and blood changes: a
 * lookup table over the natural logarithms of a melanin multiplier and a blood multiplier, both
 * relative to the person's base concentrations, filled from {@link SkinReflectance} and
 * {@link SpectralColor} and read with bilinear interpolation. This keeps the spectral model out of
 * the per-texel loop.
 *
 * <p>Axes: ln(melanin multiplier) in [{@value #MEL_MIN}, {@value #MEL_MAX}], ln(blood
 * multiplier) in [{@value #BLOOD_MIN}, {@value #BLOOD_MAX}], {@value #STEPS} samples each;
 * arguments outside are clamped. Absolute fractions are capped at 0.6 (melanin) and 0.3 (blood).
 * Immutable.
 */
public final class SkinColorTable {
  static final float MEL_MIN = -2.0f;
  static final float MEL_MAX = 2.6f;
  static final float BLOOD_MIN = -2.5f;
  static final float BLOOD_MAX = 2.1f;
  static final int STEPS = 47;

  private final float[] rgb = new float[3 * STEPS * STEPS];
  private final float melScale = (STEPS - 1) / (MEL_MAX - MEL_MIN);
  private final float bloodScale = (STEPS - 1) / (BLOOD_MAX - BLOOD_MIN);

  /**
   * @param model the spectral skin model
   * @param colour spectral integration
   * @param melanin base epidermal melanin volume fraction
   * @param blood base dermal blood volume fraction
   * @param oxygenation haemoglobin oxygen saturation, [0, 1]
   * @param carotene beta-carotene round-trip optical depth at 480 nm
   */
  public SkinColorTable(SkinReflectance model, SpectralColor colour, double melanin, double blood,
      double oxygenation, double carotene) {
    int n = SpectralColor.SAMPLES;
    double[][] epidermis = new double[STEPS][n];
    double[][] dermis = new double[STEPS][n];
    for (int i = 0; i < STEPS; i++) {
      double m = melanin * StrictMath.exp(MEL_MIN + i / (double) melScale);
      model.epidermisTransmittance(Math.min(0.6, m), carotene, epidermis[i]);
      double b = blood * StrictMath.exp(BLOOD_MIN + i / (double) bloodScale);
      model.dermisReflectance(Math.min(0.3, b), oxygenation, dermis[i]);
    }
    double[] spectrum = new double[n];
    for (int i = 0; i < STEPS; i++) {
      for (int j = 0; j < STEPS; j++) {
        for (int k = 0; k < n; k++) {
          spectrum[k] = SkinReflectance.BACKSCATTER + SkinReflectance.SCALE * epidermis[i][k] * dermis[j][k];
        }
        colour.toLinearRgb(spectrum, rgb, 3 * (i * STEPS + j));
      }
    }
  }

  /**
   * Albedo for ln(melanin multiplier) {@code lnMelanin} and ln(blood multiplier) {@code lnBlood},
   * written to out[off..off+2].
   */
  public void lookup(float lnMelanin, float lnBlood, float[] out, int off) {
    float x = (Math.max(MEL_MIN, Math.min(MEL_MAX, lnMelanin)) - MEL_MIN) * melScale;
    float y = (Math.max(BLOOD_MIN, Math.min(BLOOD_MAX, lnBlood)) - BLOOD_MIN) * bloodScale;
    int i = Math.min(STEPS - 2, (int) x);
    int j = Math.min(STEPS - 2, (int) y);
    float fx = x - i;
    float fy = y - j;
    int p00 = 3 * (i * STEPS + j);
    int p01 = p00 + 3;
    int p10 = p00 + 3 * STEPS;
    int p11 = p10 + 3;
    for (int c = 0; c < 3; c++) {
      float a = rgb[p00 + c] + fy * (rgb[p01 + c] - rgb[p00 + c]);
      float b = rgb[p10 + c] + fy * (rgb[p11 + c] - rgb[p10 + c]);
      out[off + c] = a + fx * (b - a);
    }
  }
}
