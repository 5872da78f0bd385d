package dev.topos.synth.albedo;

import dev.topos.geometry.Gaussian;
import dev.topos.topology.space.HeadParams;
import dev.topos.topology.space.MacroParams;
import java.util.SplittableRandom;

/**
 * A population-like prior over {@link AlbedoParams} given the head's {@link HeadParams}:
 *
 * <ul>
 *   <li><b>skin tone</b>: ln(melanin) is normal with a mean and spread mixed from the race weights
 *       (African about 0.26, Asian 0.08, Caucasian 0.03 volume fraction); with probability
 *       {@value #ANY_TONE} it is instead uniform over the whole range 0.006 to 0.5, so every tone
 *       can occur with every ancestry. Blood is log-normal around 0.025. The undertone leans warm
 *       for Asian ancestry;
 *   <li><b>facial hair</b>: stubble and beard only for adults (18 years and older) and with a
 *       probability that rises with the gender slider from 0.35 to 0.65 (so essentially men):
 *       stubble in 75 %, a grown beard in 30 % of them. Children never get any;
 *   <li><b>hair and iris pigments</b>: dark (eumelanin 4 to 9) for African and Asian ancestry,
 *       from platinum to black with occasional red for Caucasian; grey hair from about 40 years;
 *       iris dark brown except for Caucasian ancestry, where it spans blue to brown;
 *   <li>freckles mostly on light Caucasian skin, moles everywhere (fewer on children), eye-socket
 *       darkening and blotchiness growing with age.
 * </ul>
 *
 * <p>All randomness comes from the given {@link SplittableRandom}, always in the same order and
 * the same number of draws, so a seed gives the same parameters on every platform. Stateless.
 */
public final class AlbedoPrior {
  /** Probability that the skin tone ignores ancestry and is drawn uniformly over its range. */
  public static final double ANY_TONE = 0.1;

  private static final double MEL_MIN = 0.006;
  private static final double MEL_MAX = 0.5;

  /** Draws albedo parameters for a head. */
  public AlbedoParams sample(HeadParams head, SplittableRandom rng) {
    MacroParams m = head.macro();
    double sum = m.african() + m.asian() + m.caucasian();
    double af = m.african() / sum;
    double as = m.asian() / sum;
    double ca = m.caucasian() / sum;
    double years = m.ageYears();
    double male = m.gender();
    boolean adult = years >= 18;

    // Skin tone.
    double lnMu = af * StrictMath.log(0.26) + as * StrictMath.log(0.08) + ca * StrictMath.log(0.03);
    double lnSd = af * 0.35 + as * 0.4 + ca * 0.5;
    double lnMel = lnMu + lnSd * Gaussian.next(rng);
    double anyTone = rng.nextDouble();
    double uniformTone = rng.nextDouble();
    if (anyTone < ANY_TONE) {
      lnMel = StrictMath.log(MEL_MIN) + uniformTone * (StrictMath.log(MEL_MAX) - StrictMath.log(MEL_MIN));
    }
    double melanin = clamp(StrictMath.exp(lnMel), MEL_MIN, MEL_MAX);
    double haemoglobin = clamp(0.025 * StrictMath.exp(0.3 * Gaussian.next(rng)), 0.008, 0.07);
    double undertone = clamp(0.35 * as - 0.05 * ca + 0.05 * af + 0.35 * Gaussian.next(rng), -1, 1);
    double darkness = Math.min(1, melanin / 0.25);

    // Regional colour.
    double lipRedness = clamp(2.8 * StrictMath.exp(0.2 * Gaussian.next(rng)), 2.0, 5);
    // The vermilion's thin epidermis holds less melanin optical depth than facial skin.
    double lipMelanin = clamp(0.9 * StrictMath.exp(0.1 * Gaussian.next(rng)), 0.7, 1.2);
    double cheekRedness = clamp(1.45 * StrictMath.exp(0.2 * Gaussian.next(rng)), 1, 3);
    double noseRedness = clamp(1.3 * StrictMath.exp(0.2 * Gaussian.next(rng)) + 0.004 * Math.max(0, years - 40), 1, 3);
    double earRedness = clamp(1.5 * StrictMath.exp(0.2 * Gaussian.next(rng)), 1, 3);
    double eyeSocket = clamp(0.2 + 0.005 * (years - 25) + 0.25 * darkness + 0.12 * Gaussian.next(rng), 0, 1);
    double blotchiness = clamp(0.35 + 0.006 * (years - 30) + 0.15 * Gaussian.next(rng), 0.05, 1);

    // Eyebrows and hair colour.
    double femaleness = 1 - male;
    double browDensity = clamp(0.8 + 0.12 * Gaussian.next(rng) - 0.1 * femaleness - (adult ? 0 : 0.15), 0.25, 1);
    double browThickness = clamp(1 + 0.18 * Gaussian.next(rng) + 0.25 * (male - 0.5) - (adult ? 0 : 0.1), 0.5, 1.7);
    double lnEu = af * StrictMath.log(7.5) + as * StrictMath.log(6.0) + ca * StrictMath.log(2.2);
    double eu = clamp(StrictMath.exp(lnEu + (0.25 + 0.6 * ca) * Gaussian.next(rng)), 0.15, 9.5);
    double red = rng.nextDouble();
    double pheo = clamp(0.25 + 0.15 * Gaussian.next(rng), 0, 1);
    if (red < 0.12 * ca) {
      pheo = 1.5 + 1.5 * rng.nextDouble();
      eu = Math.min(eu, 0.6 + 0.6 * rng.nextDouble());
    } else {
      rng.nextDouble();
      rng.nextDouble();
    }
    double grey = clamp((years - 40) / 45 * (0.4 + 0.8 * rng.nextDouble()), 0, 1);
    HairPigment brow = new HairPigment(eu, pheo, 0.6 * grey);
    HairPigment beardHair = new HairPigment(
        clamp(eu * 0.85, 0, 10), clamp(pheo * 1.3 + 0.15, 0, 5), clamp(grey * 1.2, 0, 1));

    // Facial hair: adults who are (almost always) men.
    double manly = smoothstep(0.35, 0.65, male);
    double hairy = rng.nextDouble();
    double stubbleDraw = rng.nextDouble();
    double stubbleAmount = rng.nextDouble();
    double beardDraw = rng.nextDouble();
    double beardAmount = rng.nextDouble();
    double beardCoverage = rng.nextDouble();
    double stubble = 0;
    double beard = 0;
    if (adult && hairy < manly) {
      stubble = stubbleDraw < 0.75 ? 0.15 + 0.85 * stubbleAmount : 0;
      beard = beardDraw < 0.3 ? 0.35 + 0.65 * beardAmount : 0;
    }

    // Detail.
    double pores = clamp(0.45 + 0.15 * Gaussian.next(rng) + 0.15 * (male - 0.5) + 0.004 * (years - 30), 0, 1)
        * (adult ? 1 : 0.6);
    double freckleDraw = rng.nextDouble();
    double freckleAmount = rng.nextDouble();
    double freckleChance = ca * (melanin < 0.06 ? 0.4 : 0.1) * (adult ? 1 : 1.3);
    double freckles = freckleDraw < freckleChance ? 0.2 + 0.8 * freckleAmount : 0;
    double moles = clamp(0.35 * StrictMath.exp(0.8 * Gaussian.next(rng)) * (adult ? 1 : 0.4), 0, 3);
    double oiliness = clamp(0.5 + 0.2 * Gaussian.next(rng) - 0.004 * (years - 30), 0, 1);

    // Iris.
    double irisLight = rng.nextDouble();
    double irisMelanin = clamp(ca * irisLight + (1 - ca) * (0.85 + 0.15 * irisLight) + 0.05 * Gaussian.next(rng), 0, 1);
    double irisPheo = clamp(0.3 * rng.nextDouble() + 0.3 * (1 - Math.abs(2 * irisMelanin - 0.8)), 0, 1);

    return new AlbedoParams(melanin, haemoglobin, undertone, lipRedness, lipMelanin, cheekRedness,
        noseRedness, earRedness, eyeSocket, blotchiness, browDensity, browThickness, brow,
        stubble, beard, beardCoverage, beardHair, pores, freckles, moles, oiliness, irisMelanin, irisPheo);
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static double smoothstep(double a, double b, double x) {
    double t = clamp((x - a) / (b - a), 0, 1);
    return t * t * (3 - 2 * t);
  }
}
