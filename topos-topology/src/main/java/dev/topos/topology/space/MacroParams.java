package dev.topos.topology.space;

/**
 * MakeHuman's macro sliders, each in [0, 1] with MakeHuman's meaning.
 *
 * @param gender 0 female, 1 male
 * @param age 0 = 1 year, 0.1875 = 11 years, 0.5 = 25 years, 1 = 90 years (piecewise linear; see {@link #ageFromYears})
 * @param african race mix weight (the three race weights are normalised to sum 1)
 * @param asian race mix weight
 * @param caucasian race mix weight
 * @param muscle 0 min, 0.5 average, 1 max muscle
 * @param weight 0 min, 0.5 average, 1 max weight
 * @param proportions 0 uncommon, 0.5 regular, 1 ideal body proportions
 * @param height 0 min, 0.5 average, 1 max height
 */
public record MacroParams(
    double gender, double age, double african, double asian, double caucasian,
    double muscle, double weight, double proportions, double height) {

  public MacroParams {
    check("gender", gender);
    check("age", age);
    check("african", african);
    check("asian", asian);
    check("caucasian", caucasian);
    check("muscle", muscle);
    check("weight", weight);
    check("proportions", proportions);
    check("height", height);
    if (african + asian + caucasian <= 0) {
      throw new IllegalArgumentException("race weights must not all be zero");
    }
  }

  private static void check(String name, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException("macro " + name + " = " + v + " is outside [0, 1]");
    }
  }

  /** MakeHuman's defaults: the average 25-year-old of even gender and race mix. */
  public static MacroParams neutral() {
    return new MacroParams(0.5, 0.5, 1 / 3.0, 1 / 3.0, 1 / 3.0, 0.5, 0.5, 0.5, 0.5);
  }

  /** MakeHuman's age slider value for an age in years (1 to 90). */
  public static double ageFromYears(double years) {
    double y = Math.max(1, Math.min(90, years));
    if (y < 11) {
      return (y - 1) / (11 - 1) * 0.1875;
    }
    if (y < 25) {
      return 0.1875 + (y - 11) / (25 - 11) * (0.5 - 0.1875);
    }
    return 0.5 + (y - 25) / (90 - 25) * 0.5;
  }

  /** Age in years for this record's age slider (inverse of {@link #ageFromYears}). */
  public double ageYears() {
    if (age < 0.1875) {
      return 1 + age / 0.1875 * 10;
    }
    if (age < 0.5) {
      return 11 + (age - 0.1875) / (0.5 - 0.1875) * 14;
    }
    return 25 + (age - 0.5) / 0.5 * 65;
  }
}
