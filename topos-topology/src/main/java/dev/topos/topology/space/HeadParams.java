package dev.topos.topology.space;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A point in the parametric head space: macro sliders, local slider values and expression-unit
 * weights. Maps are sorted so that iteration (and hence floating-point summation) is deterministic.
 *
 * @param macro the macro sliders
 * @param sliders local slider values by {@link Slider#name()}, each in [-1, 1] ([0, 1] one-sided)
 * @param expressions expression-unit weights by unit name (e.g. "mouth-open"), each in [0, 1]
 */
public record HeadParams(MacroParams macro, SortedMap<String, Double> sliders, SortedMap<String, Double> expressions) {

  public HeadParams {
    sliders = Collections.unmodifiableSortedMap(new TreeMap<>(sliders));
    expressions = Collections.unmodifiableSortedMap(new TreeMap<>(expressions));
    for (Map.Entry<String, Double> e : sliders.entrySet()) {
      if (!(e.getValue() >= -1 && e.getValue() <= 1)) {
        throw new IllegalArgumentException("slider " + e.getKey() + " = " + e.getValue() + " is outside [-1, 1]");
      }
    }
    for (Map.Entry<String, Double> e : expressions.entrySet()) {
      if (!(e.getValue() >= 0 && e.getValue() <= 1)) {
        throw new IllegalArgumentException("expression " + e.getKey() + " = " + e.getValue() + " is outside [0, 1]");
      }
    }
  }

  /** MakeHuman's default human with no local change and no expression: the reference head. */
  public static HeadParams neutral() {
    return new HeadParams(MacroParams.neutral(), new TreeMap<>(), new TreeMap<>());
  }

  /** The same head with these expression weights instead. */
  public HeadParams withExpressions(Map<String, Double> weights) {
    return new HeadParams(macro, sliders, new TreeMap<>(weights));
  }
}
