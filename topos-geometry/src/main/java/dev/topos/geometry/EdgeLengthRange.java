package dev.topos.geometry;

import java.util.Arrays;
import java.util.List;

/**
 * The range of edge lengths seen over a set of heads in one topology: per edge ({@link
 * EdgeLengths} order) and over all edges together. A head "has its edges within the range" when
 * every edge length lies inside; {@link #excess} says by how much it does not.
 *
 * @param min shortest length of each edge over the heads, metres, [E]
 * @param max longest length of each edge over the heads, metres, [E]
 */
public record EdgeLengthRange(double[] min, double[] max) {

  public EdgeLengthRange {
    if (min.length != max.length) {
      throw new IllegalArgumentException("min has " + min.length + " edges, max " + max.length);
    }
  }

  /**
   * The range over heads in the topology of {@code reference}.
   *
   * @param reference a mesh in the topology (its faces are used)
   * @param heads vertex positions [V*3] of each head, metres
   */
  public static EdgeLengthRange of(Mesh reference, List<float[]> heads) {
    if (heads.isEmpty()) {
      throw new IllegalArgumentException("no heads to take an edge range from");
    }
    double[] min = null;
    double[] max = null;
    for (float[] h : heads) {
      double[] l = EdgeLengths.of(reference.withPositions(h)).lengths();
      if (min == null) {
        min = l.clone();
        max = l.clone();
      }
      for (int i = 0; i < l.length; i++) {
        min[i] = Math.min(min[i], l[i]);
        max[i] = Math.max(max[i], l[i]);
      }
    }
    return new EdgeLengthRange(min, max);
  }

  /** Shortest edge of any head, metres. */
  public double globalMin() {
    return Arrays.stream(min).min().orElseThrow();
  }

  /** Longest edge of any head, metres. */
  public double globalMax() {
    return Arrays.stream(max).max().orElseThrow();
  }

  /**
   * How far the head's worst edge lies outside its own edge's range, as a ratio: 1 when every edge
   * is inside, {@code l / max} for an edge too long, {@code min / l} for one too short, infinite
   * for a zero or NaN length.
   */
  public double excess(Mesh head) {
    double[] l = lengthsOf(head);
    double worst = 1;
    for (int i = 0; i < l.length; i++) {
      worst = Math.max(worst, ratioOutside(l[i], min[i], max[i]));
    }
    return worst;
  }

  /**
   * The same against the range of all edges together [{@link #globalMin}, {@link #globalMax}]: no
   * edge shorter than the shortest edge of any head, none longer than the longest.
   */
  public double globalExcess(Mesh head) {
    double lo = globalMin();
    double hi = globalMax();
    double worst = 1;
    for (double l : lengthsOf(head)) {
      worst = Math.max(worst, ratioOutside(l, lo, hi));
    }
    return worst;
  }

  private double[] lengthsOf(Mesh head) {
    double[] l = EdgeLengths.of(head).lengths();
    if (l.length != min.length) {
      throw new IllegalArgumentException("head has " + l.length + " edges, the range " + min.length);
    }
    return l;
  }

  private static double ratioOutside(double l, double lo, double hi) {
    if (Double.isNaN(l)) {
      return Double.POSITIVE_INFINITY; // a broken head is out of every range
    }
    if (l > hi) {
      return l / hi;
    }
    if (l < lo) {
      return l > 0 ? lo / l : Double.POSITIVE_INFINITY;
    }
    return 1;
  }
}
