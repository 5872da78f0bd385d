package dev.topos.nn.vae;

import dev.topos.geometry.EdgeLengthRange;
import dev.topos.geometry.Mesh;
import dev.topos.topology.pyramid.VaeFrame;
import dev.topos.topology.space.LipParting;
import java.util.List;

/**
 * Whether the latent space is usable for generation: linear interpolations between the latents of
 * pairs of heads are decoded, and each decoded head is checked for self-intersections and for edge
 * lengths outside the range seen in the training heads, both per edge and over all edges together.
 * The plain reconstructions of the pairs' own heads are checked against the same range, so that
 * what interpolating adds can be told apart from what the decoder's accuracy costs anyway.
 */
public final class LatentInterpolation {
  /** Interpolation weights between the two latents of a pair (the ends are the heads themselves). */
  public static final double[] WEIGHTS = {0.25, 0.5, 0.75};

  /**
   * @param pairs pairs checked
   * @param heads decoded interpolated heads
   * @param selfIntersecting decoded heads with at least one self-intersection, as decoded
   * @param selfIntersectingAfterLipParting heads still intersecting after {@link LipParting} (what
   *     {@code topos retopo} and generation hand out)
   * @param edgesOutOfRange decoded heads with an edge outside that edge's own training range
   * @param edgesOutOfGlobalRange decoded heads with an edge shorter than the shortest training edge
   *     or longer than the longest
   * @param worstExcess the worst ratio by which an interpolated head's edge lies outside its own
   *     edge's range ({@link EdgeLengthRange#excess}; 1 when all are inside)
   * @param endpointsOutOfRange of the 2 x pairs plain reconstructions (each in its own frame), those
   *     with an edge outside its own edge's range
   * @param endpointsWorstExcess the same worst ratio over the plain reconstructions
   */
  public record Report(int pairs, int heads, int selfIntersecting, int selfIntersectingAfterLipParting,
      int edgesOutOfRange, int edgesOutOfGlobalRange, double worstExcess, int endpointsOutOfRange,
      double endpointsWorstExcess) {

    /**
     * Interpolated heads are no less regular than reconstructions: no larger share of them has an
     * edge outside its own range, and none lies further out than the worst reconstruction.
     */
    public boolean noWorseThanReconstructions() {
      return (long) edgesOutOfRange * 2 * pairs <= (long) endpointsOutOfRange * heads
          && worstExcess <= endpointsWorstExcess;
    }
  }

  private LatentInterpolation() {}

  /** Checks consecutive pairs (0, 1), (2, 3), ... of the examples. */
  public static Report check(Retopologizer retopo, Mesh reference, LipParting lips, List<VaeExample> examples,
      EdgeLengthRange range, long seed) {
    int pairs = 0;
    int heads = 0;
    int intersecting = 0;
    int stillIntersecting = 0;
    int outOfRange = 0;
    int outOfGlobalRange = 0;
    double worst = 1;
    int endpointsOutOfRange = 0;
    double endpointsWorst = 1;
    for (int k = 0; k + 1 < examples.size(); k += 2) {
      VaeExample a = examples.get(k);
      VaeExample b = examples.get(k + 1);
      float[] za = retopo.encodeDecode(a, seed).latent();
      float[] zb = retopo.encodeDecode(b, seed).latent();
      pairs++;
      for (VaeExample end : List.of(a, b)) {
        float[] z = end == a ? za : zb;
        double excess = range.excess(reference.withPositions(end.frame().fromUnit(retopo.decode(z))));
        endpointsWorst = Math.max(endpointsWorst, excess);
        if (excess > 1) {
          endpointsOutOfRange++;
        }
      }
      for (double w : WEIGHTS) {
        float[] z = new float[za.length];
        for (int i = 0; i < z.length; i++) {
          z[i] = (float) ((1 - w) * za[i] + w * zb[i]);
        }
        // Back to metres with the interpolated frame (the frames differ by centre and scale only).
        VaeFrame f = new VaeFrame(lerp(a.frame().cx(), b.frame().cx(), w), lerp(a.frame().cy(), b.frame().cy(), w),
            lerp(a.frame().cz(), b.frame().cz(), w), lerp(a.frame().scale(), b.frame().scale(), w));
        Mesh head = reference.withPositions(f.fromUnit(retopo.decode(z)));
        heads++;
        LipParting.Result parted = lips.part(head.positions());
        if (parted.intersectionsBefore() > 0) {
          intersecting++;
        }
        if (parted.intersectionsAfter() > 0) {
          stillIntersecting++;
        }
        double excess = range.excess(head);
        worst = Math.max(worst, excess);
        if (excess > 1) {
          outOfRange++;
        }
        if (range.globalExcess(head) > 1) {
          outOfGlobalRange++;
        }
      }
    }
    return new Report(pairs, heads, intersecting, stillIntersecting, outOfRange, outOfGlobalRange, worst,
        endpointsOutOfRange, endpointsWorst);
  }

  private static double lerp(double a, double b, double w) {
    return (1 - w) * a + w * b;
  }
}
