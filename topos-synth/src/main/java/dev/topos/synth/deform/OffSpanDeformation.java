package dev.topos.synth.deform;

import java.util.List;

/**
 * A smooth deformation outside MakeHuman's linear span: a sum of Gaussian RBF bumps, some mirrored
 * left/right, scaled by {@code scale} (reduced from 1 when the full deformation made the head
 * implausible).
 *
 * @param bumps the bumps at scale 1
 * @param scale factor applied to every displacement
 */
public record OffSpanDeformation(List<RbfBump> bumps, float scale) {

  public OffSpanDeformation {
    bumps = List.copyOf(bumps);
  }

  /** No deformation. */
  public static OffSpanDeformation none() {
    return new OffSpanDeformation(List.of(), 0);
  }

  /** The deformed copy of positions [N*3]. */
  public float[] apply(float[] positions) {
    float[] offset = new float[positions.length];
    for (RbfBump b : bumps) {
      b.addTo(positions, offset);
    }
    float[] out = positions.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += scale * offset[i];
    }
    return out;
  }

  /** The same bumps at another scale. */
  public OffSpanDeformation withScale(float s) {
    return new OffSpanDeformation(bumps, s);
  }
}
