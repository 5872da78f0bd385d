package dev.topos.topology.pyramid;

/**
 * The unit-ball frame the VAE works in: a point set (mesh vertices or a point cloud) is centred on
 * the centre of its axis-aligned bounding box and divided by its largest vertex norm about that
 * centre, so every point lies in the closed unit ball and the farthest one on its surface.
 *
 * <p>Exactly: {@code c = (min + max) / 2} per axis over the points, computed in double;
 * {@code s = max_i |p_i - c|} (Euclidean, in double); {@code toUnit(p) = (p - c) / s} and
 * {@code fromUnit(u) = u * s + c}, each coordinate computed in double and rounded to float once.
 * Rotation and anisotropic scale are not touched. The frame of a head in metres (docs/FRAME.md)
 * has {@code c} in metres and {@code s} in metres per unit; normals are the same in both frames.
 *
 * @param cx centre x, metres (or the input's unit)
 * @param cy centre y
 * @param cz centre z
 * @param scale the largest distance of a point from the centre, &gt; 0
 */
public record VaeFrame(double cx, double cy, double cz, double scale) {

  public VaeFrame {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
    }
    if (!Double.isFinite(cx) || !Double.isFinite(cy) || !Double.isFinite(cz)) {
      throw new IllegalArgumentException("centre must be finite, got " + cx + ", " + cy + ", " + cz);
    }
  }

  /** The frame of points [P*3]: bounding-box centre, largest norm about it. */
  public static VaeFrame of(float[] xyz) {
    if (xyz.length == 0 || xyz.length % 3 != 0) {
      throw new IllegalArgumentException("need a non-empty [P*3] array, got length " + xyz.length);
    }
    double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (int i = 0; i < xyz.length; i += 3) {
      for (int k = 0; k < 3; k++) {
        float v = xyz[i + k];
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException("coordinate " + (i + k) + " is " + v);
        }
        lo[k] = Math.min(lo[k], v);
        hi[k] = Math.max(hi[k], v);
      }
    }
    double cx = 0.5 * (lo[0] + hi[0]);
    double cy = 0.5 * (lo[1] + hi[1]);
    double cz = 0.5 * (lo[2] + hi[2]);
    double max2 = 0;
    for (int i = 0; i < xyz.length; i += 3) {
      double dx = xyz[i] - cx;
      double dy = xyz[i + 1] - cy;
      double dz = xyz[i + 2] - cz;
      max2 = Math.max(max2, dx * dx + dy * dy + dz * dz);
    }
    if (max2 == 0) {
      throw new IllegalArgumentException("all " + xyz.length / 3 + " points coincide; the frame has no scale");
    }
    return new VaeFrame(cx, cy, cz, Math.sqrt(max2));
  }

  /** Points [P*3] mapped into the unit frame, a new array. */
  public float[] toUnit(float[] xyz) {
    float[] out = new float[xyz.length];
    for (int i = 0; i < xyz.length; i += 3) {
      out[i] = (float) ((xyz[i] - cx) / scale);
      out[i + 1] = (float) ((xyz[i + 1] - cy) / scale);
      out[i + 2] = (float) ((xyz[i + 2] - cz) / scale);
    }
    return out;
  }

  /** Unit-frame points [P*3] mapped back, a new array. */
  public float[] fromUnit(float[] unit) {
    float[] out = new float[unit.length];
    for (int i = 0; i < unit.length; i += 3) {
      out[i] = (float) (unit[i] * scale + cx);
      out[i + 1] = (float) (unit[i + 1] * scale + cy);
      out[i + 2] = (float) (unit[i + 2] * scale + cz);
    }
    return out;
  }
}
