package dev.topos.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Positional encoding of unit-frame coordinates: the raw xyz followed by
 * {@code sin(2^k pi xyz)} and {@code cos(2^k pi xyz)} for k = 0..F-1 (F log-spaced frequencies,
 * octaves from pi to 2^(F-1) pi), laid out {@code [x, y, z, sin(x f_0..f_F-1), sin(y ...), sin(z ...),
 * cos(x ...), cos(y ...), cos(z ...)]}: {@code 3 + 6F} features.
 *
 * @param frequencies F
 */
public record FourierFeatures(int frequencies) {

  public FourierFeatures {
    if (frequencies < 0 || frequencies > 20) {
      throw new IllegalArgumentException("frequencies must be in 0..20, got " + frequencies);
    }
  }

  /** Features per point, {@code 3 + 6F}. */
  public int size() {
    return 3 + 6 * frequencies;
  }

  /** The angular frequencies {@code 2^k pi}, [F]. */
  public float[] angularFrequencies() {
    float[] f = new float[frequencies];
    for (int k = 0; k < frequencies; k++) {
      f[k] = (float) (Math.PI * (1L << k));
    }
    return f;
  }

  /** {@code xyz [..., 3] -> [..., 3 + 6F]}, in the scope of xyz. */
  public NDArray encode(NDArray xyz) {
    if (frequencies == 0) {
      return xyz;
    }
    Shape s = xyz.getShape();
    NDArray f = xyz.getManager().create(angularFrequencies()); // [F]
    int last = s.dimension() - 1;
    NDArray angles = xyz.expandDims(last + 1).mul(f); // [..., 3, F]
    Shape flat = s.slice(0, s.dimension() - 1).add(3L * frequencies);
    angles = angles.reshape(flat); // [..., 3F]
    return xyz.concat(angles.sin(), last).concat(angles.cos(), last); // [..., 3 + 6F]
  }
}
