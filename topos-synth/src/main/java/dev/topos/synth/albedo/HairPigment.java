package dev.topos.synth.albedo;

/**
 * Colour of facial hair (eyebrows, stubble, beard) from its pigments, using the absorption
 * coefficients of d'Eon et al. (2011, "An energy-conserving hair reflectance model"): a fibre with
 * eumelanin concentration {@code e} and pheomelanin concentration {@code p} absorbs
 * {@code sigma = e (0.419, 0.697, 1.37) + p (0.187, 0.4, 1.05)} per unit width in linear R, G, B.
 * The hair's albedo is taken as {@code 0.7 exp(-sigma)}, blended towards grey-white by
 * {@code grey} (the share of unpigmented, grey or white hairs).
 *
 * @param eumelanin eumelanin concentration, [0, 10] (about 0.2 platinum blond, 1.5 light brown,
 *     4 dark brown, 8 black)
 * @param pheomelanin pheomelanin concentration, [0, 5] (red hair about 2 to 3)
 * @param grey share of grey/white hairs, [0, 1]
 */
public record HairPigment(double eumelanin, double pheomelanin, double grey) {

  /** Absorption per unit eumelanin in linear R, G, B. */
  private static final double[] EU = {0.419, 0.697, 1.37};
  /** Absorption per unit pheomelanin in linear R, G, B. */
  private static final double[] PHEO = {0.187, 0.4, 1.05};
  /** Albedo of unpigmented (grey/white) hair, linear RGB: slightly yellowish, as white hair is. */
  private static final double[] WHITE = {0.6, 0.56, 0.5};

  public HairPigment {
    if (!(eumelanin >= 0 && eumelanin <= 10) || !(pheomelanin >= 0 && pheomelanin <= 5) || !(grey >= 0 && grey <= 1)) {
      throw new IllegalArgumentException("hair pigment out of range: " + eumelanin + ", " + pheomelanin + ", " + grey);
    }
  }

  /** Linear RGB albedo of this hair, each channel in [0, 1]. */
  public float[] linearRgb() {
    float[] out = new float[3];
    for (int c = 0; c < 3; c++) {
      double pigmented = 0.7 * StrictMath.exp(-(eumelanin * EU[c] + pheomelanin * PHEO[c]));
      out[c] = (float) ((1 - grey) * pigmented + grey * WHITE[c]);
    }
    return out;
  }
}
