package dev.topos.nn.vae;

import dev.topos.geometry.EdgeLengths;
import dev.topos.geometry.Mesh;
import dev.topos.topology.space.LipParting;
import dev.topos.topology.pyramid.VaeFrame;
import java.util.List;

/**
 * Whether the latent space is usable for generation: linear interpolations between the latents of
 * pairs of heads are decoded, and each decoded head is checked for self-intersections and for edge
 * lengths outside the per-edge range seen in the training heads.
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
   * @param edgesOutOfRange decoded heads with an edge outside the training range (before parting)
   * @param endpointsOutOfRange of the 2 x pairs heads decoded from the pairs' own latents (plain
   *     reconstructions, each in its own frame), those with an edge outside the training range: the
   *     part of the out-of-range count that comes from the decoder's accuracy, not from interpolating
   */
  public record Report(int pairs, int heads, int selfIntersecting, int selfIntersectingAfterLipParting,
      int edgesOutOfRange, int endpointsOutOfRange) {
    public boolean allPlausible() {
      return selfIntersectingAfterLipParting == 0 && edgesOutOfRange == 0;
    }
  }

  private LatentInterpolation() {}

  /**
   * Per-edge [min, max] length over training heads ({@link EdgeLengths} order), metres.
   *
   * @param reference the reference head (faces)
   * @param heads training head positions [V*3] each
   */
  public static double[][] edgeRange(Mesh reference, List<float[]> heads) {
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
    return new double[][] {min, max};
  }

  /** Checks consecutive pairs (0, 1), (2, 3), ... of the examples. */
  public static Report check(Retopologizer retopo, Mesh reference, LipParting lips, List<VaeExample> examples,
      double[][] range, long seed) {
    int pairs = 0;
    int heads = 0;
    int intersecting = 0;
    int stillIntersecting = 0;
    int outOfRange = 0;
    int endpointsOutOfRange = 0;
    for (int k = 0; k + 1 < examples.size(); k += 2) {
      VaeExample a = examples.get(k);
      VaeExample b = examples.get(k + 1);
      float[] za = retopo.encodeDecode(a, seed).latent();
      float[] zb = retopo.encodeDecode(b, seed).latent();
      pairs++;
      for (VaeExample end : List.of(a, b)) {
        float[] z = end == a ? za : zb;
        if (outOfRange(reference.withPositions(end.frame().fromUnit(retopo.decode(z))), range)) {
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
        if (outOfRange(head, range)) {
          outOfRange++;
        }
      }
    }
    return new Report(pairs, heads, intersecting, stillIntersecting, outOfRange, endpointsOutOfRange);
  }

  /** Whether any edge of the head lies outside its [min, max] range. */
  private static boolean outOfRange(Mesh head, double[][] range) {
    double[] l = EdgeLengths.of(head).lengths();
    for (int i = 0; i < l.length; i++) {
      if (l[i] < range[0][i] || l[i] > range[1][i]) {
        return true;
      }
    }
    return false;
  }

  private static double lerp(double a, double b, double w) {
    return (1 - w) * a + w * b;
  }
}
