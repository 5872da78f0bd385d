package dev.topos.synth.albedo;

/**
 * Everything that makes one person's skin albedo: a physically motivated skin-tone model (epidermal
 * melanin and dermal blood, see {@link SkinReflectance}), regional colour, facial hair, skin
 * detail, oiliness and iris colour. Spatial noise comes from the seed passed to
 * {@link AlbedoSynthesizer#generate}, not from here. Drawn by {@link AlbedoPrior}.
 *
 * @param melanin epidermal eumelanin volume fraction, [0.003, 0.6]: about 0.01 very light, 0.05
 *     light, 0.12 medium, 0.25 dark, 0.45 very dark skin
 * @param haemoglobin dermal blood volume fraction, [0.002, 0.15] (typically 0.01 to 0.05)
 * @param undertone [-1, 1]: -1 cool/pink, 0 neutral, +1 warm/olive. It sets the epidermal
 *     beta-carotene ({@link #carotene()}) and the blood oxygen saturation ({@link #oxygenation()})
 * @param lipRedness blood multiplier of the lips, [1, 6]
 * @param lipMelanin melanin multiplier of the lips, [0.3, 2.5] (darker lips above 1)
 * @param cheekRedness blood multiplier at the centre of the cheeks, [1, 4]
 * @param noseRedness blood multiplier of the nose, [1, 4]
 * @param earRedness blood multiplier of the ears, [1, 4]
 * @param eyeSocketDarkening darkening around and below the eyes (periorbital melanin and venous
 *     blood), [0, 1]
 * @param blotchiness amplitude of the smooth, low-frequency pigment and blood variation, [0, 1]
 *     (1 means a log-multiplier standard deviation of about 0.25)
 * @param eyebrowDensity opacity of the eyebrows, [0, 1]
 * @param eyebrowThickness width of the eyebrows relative to the MediaPipe eyebrow band, [0.4, 2]
 * @param eyebrowPigment colour of the eyebrow hair
 * @param stubble density of stubble (short hair and follicles in the beard zone), [0, 1]
 * @param beard opacity of a grown beard, [0, 1]
 * @param beardCoverage extent of the grown beard, [0, 1]: 0 a goatee (chin and moustache), 1 a
 *     full beard over the jaw, cheeks and upper neck
 * @param beardPigment colour of stubble and beard hair
 * @param poreDensity strength of pore-scale detail, [0, 1]
 * @param freckleDensity coverage of freckles on sun-exposed skin (nose, cheeks, forehead), [0, 1]
 * @param moleDensity moles per square decimetre of head surface, [0, 5] (the reference head has
 *     about 17 dm^2)
 * @param oiliness sebum shine of the T-zone (forehead, nose, chin): lower roughness, higher
 *     specular, [0, 1]
 * @param irisMelanin stromal melanin of the iris, [0, 1]: 0 blue, 0.3 green/hazel, 1 dark brown
 * @param irisPheomelanin yellow pigment of the iris, [0, 1] (green and amber tints)
 */
public record AlbedoParams(
    double melanin,
    double haemoglobin,
    double undertone,
    double lipRedness,
    double lipMelanin,
    double cheekRedness,
    double noseRedness,
    double earRedness,
    double eyeSocketDarkening,
    double blotchiness,
    double eyebrowDensity,
    double eyebrowThickness,
    HairPigment eyebrowPigment,
    double stubble,
    double beard,
    double beardCoverage,
    HairPigment beardPigment,
    double poreDensity,
    double freckleDensity,
    double moleDensity,
    double oiliness,
    double irisMelanin,
    double irisPheomelanin) {

  public AlbedoParams {
    check("melanin", melanin, 0.003, 0.6);
    check("haemoglobin", haemoglobin, 0.002, 0.15);
    check("undertone", undertone, -1, 1);
    check("lipRedness", lipRedness, 1, 6);
    check("lipMelanin", lipMelanin, 0.3, 2.5);
    check("cheekRedness", cheekRedness, 1, 4);
    check("noseRedness", noseRedness, 1, 4);
    check("earRedness", earRedness, 1, 4);
    check("eyeSocketDarkening", eyeSocketDarkening, 0, 1);
    check("blotchiness", blotchiness, 0, 1);
    check("eyebrowDensity", eyebrowDensity, 0, 1);
    check("eyebrowThickness", eyebrowThickness, 0.4, 2);
    check("stubble", stubble, 0, 1);
    check("beard", beard, 0, 1);
    check("beardCoverage", beardCoverage, 0, 1);
    check("poreDensity", poreDensity, 0, 1);
    check("freckleDensity", freckleDensity, 0, 1);
    check("moleDensity", moleDensity, 0, 5);
    check("oiliness", oiliness, 0, 1);
    check("irisMelanin", irisMelanin, 0, 1);
    check("irisPheomelanin", irisPheomelanin, 0, 1);
    if (eyebrowPigment == null || beardPigment == null) {
      throw new IllegalArgumentException("hair pigments must not be null");
    }
  }

  private static void check(String name, double v, double lo, double hi) {
    if (!(v >= lo && v <= hi)) {
      throw new IllegalArgumentException(name + " = " + v + " is outside [" + lo + ", " + hi + "]");
    }
  }

  /** Beta-carotene round-trip optical depth at 480 nm implied by the undertone: 0 to 0.35. */
  public double carotene() {
    return 0.175 * (1 + undertone);
  }

  /** Haemoglobin oxygen saturation implied by the undertone: 0.85 (cool) to 0.65 (warm). */
  public double oxygenation() {
    return 0.75 - 0.1 * undertone;
  }

  /** The same person with other facial hair (stubble, beard opacity, beard coverage). */
  public AlbedoParams withFacialHair(double newStubble, double newBeard, double newCoverage) {
    return new AlbedoParams(melanin, haemoglobin, undertone, lipRedness, lipMelanin, cheekRedness,
        noseRedness, earRedness, eyeSocketDarkening, blotchiness, eyebrowDensity, eyebrowThickness,
        eyebrowPigment, newStubble, newBeard, newCoverage, beardPigment, poreDensity, freckleDensity,
        moleDensity, oiliness, irisMelanin, irisPheomelanin);
  }

  /** The same person with another skin tone (melanin and blood fractions). */
  public AlbedoParams withSkinTone(double newMelanin, double newHaemoglobin) {
    return new AlbedoParams(newMelanin, newHaemoglobin, undertone, lipRedness, lipMelanin, cheekRedness,
        noseRedness, earRedness, eyeSocketDarkening, blotchiness, eyebrowDensity, eyebrowThickness,
        eyebrowPigment, stubble, beard, beardCoverage, beardPigment, poreDensity, freckleDensity,
        moleDensity, oiliness, irisMelanin, irisPheomelanin);
  }
}
