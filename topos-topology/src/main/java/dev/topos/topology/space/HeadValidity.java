package dev.topos.topology.space;

import dev.topos.geometry.EdgeLengths;
import dev.topos.geometry.Mesh;
import dev.topos.geometry.SelfIntersection;

/**
 * The plausibility test every sampled head must pass: no self-intersection of the head surface,
 * and no edge stretched to more than {@link #MAX_EDGE_RATIO} times its length on the reference head.
 */
public final class HeadValidity {
  /** Largest allowed ratio of an edge's length to the same edge on the reference head. */
  public static final double MAX_EDGE_RATIO = 3.0;

  /**
   * @param selfIntersections number of intersecting triangle pairs that share no vertex
   * @param maxEdgeRatio largest edge length divided by its reference length
   */
  public record Report(long selfIntersections, double maxEdgeRatio) {
    public boolean valid() {
      return selfIntersections == 0 && maxEdgeRatio <= MAX_EDGE_RATIO;
    }
  }

  private final double[] referenceLengths;

  public HeadValidity(Mesh referenceHead) {
    this.referenceLengths = EdgeLengths.of(referenceHead).lengths();
  }

  public Report check(Mesh head) {
    double[] lengths = EdgeLengths.of(head).lengths();
    double worst = 0;
    for (int i = 0; i < lengths.length; i++) {
      worst = Math.max(worst, lengths[i] / referenceLengths[i]);
    }
    return new Report(SelfIntersection.find(head).count(), worst);
  }
}
