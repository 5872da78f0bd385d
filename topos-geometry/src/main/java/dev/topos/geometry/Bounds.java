package dev.topos.geometry;

/** Axis-aligned bounding boxes of coordinate arrays. */
public final class Bounds {
  private Bounds() {}

  /** {minX, minY, minZ, maxX, maxY, maxZ} of [N*3] coordinates; all NaN when empty. */
  public static float[] of(float[] xyz) {
    if (xyz.length == 0) {
      return new float[] {Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN};
    }
    float[] b = {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
    for (int i = 0; i < xyz.length; i += 3) {
      for (int k = 0; k < 3; k++) {
        b[k] = Math.min(b[k], xyz[i + k]);
        b[k + 3] = Math.max(b[k + 3], xyz[i + k]);
      }
    }
    return b;
  }

  /** Length of the box diagonal. */
  public static double diagonal(float[] bounds) {
    double dx = bounds[3] - bounds[0];
    double dy = bounds[4] - bounds[1];
    double dz = bounds[5] - bounds[2];
    return Math.sqrt(dx * dx + dy * dy + dz * dz);
  }
}
