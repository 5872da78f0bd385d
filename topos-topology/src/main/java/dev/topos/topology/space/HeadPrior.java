package dev.topos.topology.space;

import dev.topos.geometry.Gaussian;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A prior over the head space meant to look like a population, not uniform noise:
 *
 * <ul>
 *   <li>age: adults (18-80 years, uniform) with probability 1 - childFraction, else children
 *       (5-17 years);
 *   <li>gender: female or male with equal odds, each near its end of the slider (|N(0, 0.12)|),
 *       so androgynous heads occur but are rare;
 *   <li>race mix: Dirichlet(0.7, 0.7, 0.7) (mostly one dominant ancestry, with mixes);
 *   <li>muscle, weight, proportions, height: N(0.5, sd) clipped to [0, 1];
 *   <li>local two-sided sliders: N(0, sliderSd) clipped to [-1, 1], left/right pairs share a
 *       symmetric value plus a small asymmetry N(0, asymmetrySd);
 *   <li>one-sided sliders (head-shape archetypes, asymmetries): each active with a small
 *       probability with a moderate weight;
 *   <li>expression (optional): one to three units with weights U(0.2, 0.9), mirrored to the other
 *       side for left/right units most of the time.
 * </ul>
 */
public final class HeadPrior {

  /**
   * Knobs of the prior.
   *
   * @param childFraction share of children (5-17 years)
   * @param sliderSd standard deviation of two-sided local sliders
   * @param asymmetrySd standard deviation of each side's own deviation from the shared value (the left/right difference has sqrt(2) times it)
   * @param oneSidedProbability chance that a one-sided slider is active
   * @param oneSidedMax largest weight of an active one-sided slider
   */
  public record Options(double childFraction, double sliderSd, double asymmetrySd, double oneSidedProbability, double oneSidedMax) {
    /** The defaults used for all topos datasets. */
    public static Options defaults() {
      return new Options(0.15, 0.22, 0.05, 0.08, 0.5);
    }
  }

  private final HeadSpace space;
  private final Options options;

  public HeadPrior(HeadSpace space, Options options) {
    this.space = space;
    this.options = options;
  }

  /** Draws parameters; all randomness comes from rng, in a fixed order. */
  public HeadParams sample(SplittableRandom rng, boolean withExpression) {
    double years = rng.nextDouble() < options.childFraction() ? 5 + 12 * rng.nextDouble() : 18 + 62 * rng.nextDouble();
    double genderSpread = Math.min(0.45, Math.abs(Gaussian.next(rng) * 0.12));
    double gender = rng.nextBoolean() ? 1 - genderSpread : genderSpread;
    double[] race = {gamma07(rng), gamma07(rng), gamma07(rng)};
    double raceSum = race[0] + race[1] + race[2];
    MacroParams macro = new MacroParams(
        gender,
        MacroParams.ageFromYears(years),
        race[0] / raceSum, race[1] / raceSum, race[2] / raceSum,
        clip01(0.5 + 0.15 * Gaussian.next(rng)),
        clip01(0.5 + 0.17 * Gaussian.next(rng)),
        clip01(0.5 + 0.2 * Gaussian.next(rng)),
        clip01(0.5 + 0.2 * Gaussian.next(rng)));

    TreeMap<String, Double> sliders = new TreeMap<>();
    TreeMap<String, Double> symmetric = new TreeMap<>();
    for (Slider s : space.sliders()) {
      if (s.oneSided()) {
        double active = rng.nextDouble();
        double w = rng.nextDouble() * options.oneSidedMax();
        if (active < options.oneSidedProbability()) {
          sliders.put(s.name(), w);
        }
        continue;
      }
      double asym = Gaussian.next(rng) * options.asymmetrySd();
      String key = s.mirrorOf() == null ? s.name() : pairKey(s.name(), s.mirrorOf());
      Double shared = symmetric.get(key);
      if (shared == null) {
        shared = Gaussian.next(rng) * options.sliderSd();
        symmetric.put(key, shared);
      }
      double v = s.mirrorOf() == null ? shared : shared + asym;
      sliders.put(s.name(), Math.max(-1, Math.min(1, v)));
    }

    TreeMap<String, Double> expressions = new TreeMap<>();
    if (withExpression) {
      List<String> units = new ArrayList<>(space.expressionUnits());
      int count = 1 + rng.nextInt(3);
      for (int i = 0; i < count && !units.isEmpty(); i++) {
        String unit = units.remove(rng.nextInt(units.size()));
        double w = 0.2 + 0.7 * rng.nextDouble();
        expressions.put(unit, w);
        String other = mirrorUnit(unit);
        boolean mirror = rng.nextDouble() < 0.75;
        if (other != null && mirror && units.remove(other)) {
          expressions.put(other, Math.max(0, Math.min(1, w + 0.1 * Gaussian.next(rng))));
        }
      }
    }
    return new HeadParams(macro, sliders, expressions);
  }

  /** The unit on the other side ("eye-left-closure" to "eye-right-closure"), or null. */
  static String mirrorUnit(String unit) {
    if (unit.contains("-left-")) {
      return unit.replace("-left-", "-right-");
    }
    if (unit.contains("-right-")) {
      return unit.replace("-right-", "-left-");
    }
    return null;
  }

  private static String pairKey(String a, String b) {
    return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
  }

  private static double clip01(double v) {
    return Math.max(0, Math.min(1, v));
  }


  /** Gamma(0.7, 1) by Marsaglia-Tsang with the shape-boost for shape &lt; 1. */
  private static double gamma07(SplittableRandom rng) {
    double shape = 0.7;
    double d = shape + 1 - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    double x;
    double v;
    while (true) {
      do {
        x = Gaussian.next(rng);
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = rng.nextDouble();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        break;
      }
    }
    double u = 1 - rng.nextDouble();
    return d * v * Math.pow(u, 1 / shape);
  }
}
