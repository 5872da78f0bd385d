package dev.topos.topology.space;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MakeHuman's macro-target blending (MakeHuman 1.x {@code human.py} / {@code humanmodifier.py}):
 * each macro target is named by the categories it belongs to and is weighted by the product of
 * those categories' weights.
 *
 * <ul>
 *   <li>{@code <race>-<gender>-<age>}: race x gender x age
 *   <li>{@code universal-<gender>-<age>-<muscle>-<weight>}: gender x age x muscle x weight
 *   <li>{@code proportions/<gender>-<age>-<muscle>-<weight>-<proportions>}: ... x proportions
 *   <li>{@code height/<gender>-<age>-<muscle>-<weight>-<height>}: ... x height
 * </ul>
 *
 * Category weights: female = 1 - gender, male = gender; age piecewise linear between baby (0),
 * child (0.1875), young (0.5) and old (1); muscle and weight: min/average/max piecewise linear with
 * average at 0.5; proportions: uncommon below 0.5, ideal above (the regular middle has no target);
 * height likewise with min/max. Race weights are normalised to sum 1.
 */
public final class MacroWeights {
  private MacroWeights() {}

  /** Weight of every macro target name (without the "macro/" prefix) that is non-zero. */
  public static Map<String, Double> of(MacroParams p) {
    Map<String, Double> gender = Map.of("female", 1 - p.gender(), "male", p.gender());
    Map<String, Double> age = ageWeights(p.age());
    Map<String, Double> muscle = threeWay(p.muscle(), "minmuscle", "averagemuscle", "maxmuscle");
    Map<String, Double> weight = threeWay(p.weight(), "minweight", "averageweight", "maxweight");
    double raceSum = p.african() + p.asian() + p.caucasian();
    Map<String, Double> race = Map.of(
        "african", p.african() / raceSum, "asian", p.asian() / raceSum, "caucasian", p.caucasian() / raceSum);
    Map<String, Double> proportions = Map.of(
        "uncommonproportions", Math.max(0, 1 - 2 * p.proportions()),
        "idealproportions", Math.max(0, 2 * p.proportions() - 1));
    Map<String, Double> height = Map.of(
        "minheight", Math.max(0, 1 - 2 * p.height()),
        "maxheight", Math.max(0, 2 * p.height() - 1));

    Map<String, Double> out = new LinkedHashMap<>();
    for (String r : new String[] {"african", "asian", "caucasian"}) {
      for (String g : new String[] {"female", "male"}) {
        for (String a : new String[] {"baby", "child", "young", "old"}) {
          put(out, r + "-" + g + "-" + a, race.get(r) * gender.get(g) * age.get(a));
        }
      }
    }
    for (String g : new String[] {"female", "male"}) {
      for (String a : new String[] {"baby", "child", "young", "old"}) {
        for (String m : new String[] {"minmuscle", "averagemuscle", "maxmuscle"}) {
          for (String w : new String[] {"minweight", "averageweight", "maxweight"}) {
            double base = gender.get(g) * age.get(a) * muscle.get(m) * weight.get(w);
            String stem = g + "-" + a + "-" + m + "-" + w;
            put(out, "universal-" + stem, base);
            for (String pr : new String[] {"uncommonproportions", "idealproportions"}) {
              put(out, "proportions/" + stem + "-" + pr, base * proportions.get(pr));
            }
            for (String h : new String[] {"minheight", "maxheight"}) {
              put(out, "height/" + stem + "-" + h, base * height.get(h));
            }
          }
        }
      }
    }
    return out;
  }

  private static void put(Map<String, Double> out, String name, double w) {
    if (w != 0) {
      out.put(name, w);
    }
  }

  static Map<String, Double> ageWeights(double age) {
    double baby;
    double child;
    double young;
    double old;
    if (age < 0.5) {
      old = 0;
      baby = Math.max(0, 1 - age / 0.1875);
      young = Math.max(0, (age - 0.1875) / (0.5 - 0.1875));
      child = Math.max(0, Math.min(1, age / 0.1875) - young);
    } else {
      baby = 0;
      child = 0;
      old = Math.max(0, 2 * age - 1);
      young = 1 - old;
    }
    return Map.of("baby", baby, "child", child, "young", young, "old", old);
  }

  private static Map<String, Double> threeWay(double v, String min, String average, String max) {
    if (v < 0.5) {
      double lo = 1 - 2 * v;
      return Map.of(min, lo, average, 1 - lo, max, 0.0);
    }
    double hi = 2 * v - 1;
    return Map.of(min, 0.0, average, 1 - hi, max, hi);
  }
}
