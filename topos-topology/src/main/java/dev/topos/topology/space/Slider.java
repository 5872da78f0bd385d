package dev.topos.topology.space;

import java.util.List;

/**
 * A local shape control in MakeHuman's sense: a value in [-1, 1] (or [0, 1] when one-sided) that
 * drives the negative targets with weight -v when v &lt; 0 and the positive targets with weight v
 * when v &gt; 0.
 *
 * @param name slider name, e.g. "nose/nose-hump-decr-incr", "eyes/l-eye-scale-decr-incr"
 * @param group MakeHuman target group (head, nose, ears, ...)
 * @param negative target names driven by negative values (empty for a one-sided slider)
 * @param positive target names driven by positive values
 * @param mirrorOf name of the opposite-side slider for left/right pairs, or null
 */
public record Slider(String name, String group, List<String> negative, List<String> positive, String mirrorOf) {

  public Slider {
    negative = List.copyOf(negative);
    positive = List.copyOf(positive);
  }

  /** True when only values in [0, 1] are meaningful. */
  public boolean oneSided() {
    return negative.isEmpty();
  }

  public double minValue() {
    return oneSided() ? 0 : -1;
  }
}
