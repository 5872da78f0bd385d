package dev.topos.geometry;

/**
 * A point's normal taken from a fitted surface where the points cannot tell it: on a part of the
 * surface thinner than the points' spacing, a neighbourhood holds both of its sides (and what lies
 * behind it), and no fit to the points gives its normal. Where the surface fitted to the points (a
 * model's answer) marks such a part, its own normal is the better estimate.
 *
 * <p>Why: a head's ears are 3-5 mm thick, and a 4,096-point head scan has about 5 mm between points;
 * on 40 synthetic test scans whose normals were estimated with the true signs, the ears' 3.8 % of the
 * points were 30 degrees off on average (the rest 4-16), and they alone cost the model 0.26 of the 0.49 mm
 * that the estimate cost (session 19, {@code tools/diagnostics/normal-regions.jsh}).
 */
public final class NormalsFromSurface {
  private NormalsFromSurface() {}

  /**
   * @param points [N*3]
   * @param normals [N*3] unit normals
   * @param surface a surface fitted to the points, outward-facing, in the points' frame
   * @param vertexMask [V] the surface's vertices whose part the points cannot resolve
   * @param minAngleDegrees a normal whose line lies within this angle of the surface's stays as it is
   * @param maxDistance points farther than this from the surface keep their normals
   * @return new normals [N*3]: for each point whose closest surface point lies nearest a masked vertex
   *     (by its largest barycentric weight) and within {@code maxDistance}, and whose normal's line is
   *     more than {@code minAngleDegrees} off the surface's interpolated vertex normal there, that
   *     normal (unit, outward); the given normal otherwise
   */
  public static float[] where(float[] points, float[] normals, Mesh surface, boolean[] vertexMask,
      double minAngleDegrees, double maxDistance) {
    return where(points, normals, PointsOnSurface.of(points, surface), vertexMask, minAngleDegrees, maxDistance);
  }

  /** {@link #where(float[], float[], Mesh, boolean[], double, double)} with the points' closest points found already. */
  public static float[] where(float[] points, float[] normals, PointsOnSurface on, boolean[] vertexMask,
      double minAngleDegrees, double maxDistance) {
    if (normals.length != points.length || on.closest().length != points.length / 3) {
      throw new IllegalArgumentException("normals [" + normals.length + "] or closest points [" + on.closest().length
          + "] do not match points [" + points.length + "]");
    }
    if (vertexMask.length != on.surface().vertexCount()) {
      throw new IllegalArgumentException("vertex mask [" + vertexMask.length + "] does not match the surface's "
          + on.surface().vertexCount() + " vertices");
    }
    int[] triangles = on.triangles();
    float[] vertexNormals = Normals.vertexNormals(on.surface().positions(), triangles); // [V*3]
    double minCos = Math.cos(Math.toRadians(minAngleDegrees));
    float[] out = normals.clone();
    for (int i = 0; i < points.length / 3; i++) {
      SurfacePoint s = on.closest()[i];
      if (!(s.distance() <= maxDistance)) {
        continue;
      }
      int t = 3 * s.triangle();
      int nearest = s.b0() >= s.b1() && s.b0() >= s.b2() ? triangles[t] : s.b1() >= s.b2() ? triangles[t + 1] : triangles[t + 2];
      if (!vertexMask[nearest]) {
        continue;
      }
      double[] n = s.evaluate(vertexNormals, triangles);
      double length = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
      if (!(length > 0)) {
        continue;
      }
      double cos = Math.abs(n[0] * out[3 * i] + n[1] * out[3 * i + 1] + n[2] * out[3 * i + 2]) / length;
      if (cos >= minCos) {
        continue;
      }
      for (int k = 0; k < 3; k++) {
        out[3 * i + k] = (float) (n[k] / length);
      }
    }
    return out;
  }
}
