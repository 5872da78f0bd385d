package dev.topos.geometry;

/**
 * Signs of estimated point normals taken from a surface fitted to the points: each point's normal
 * is flipped to agree with the face normal of the surface at the point's closest point, where
 * that is a confident answer (the two lines agree to within {@code acos(minCos)} and the point lies
 * within {@code maxDistance} of the surface); elsewhere it keeps its sign.
 *
 * <p>Why: PCA normals ({@link NormalEstimation}) know their line, not their sign, and no rule from
 * the points alone gets every sign right (a head scan's mouth cavity and the backs of its ears face
 * inward). A head decoded from the points, even a few millimetres off, knows which way its surface
 * faces, mouth cavity included.
 */
public final class NormalOrientation {
  private NormalOrientation() {}

  /**
   * @param points [N*3]
   * @param normals [N*3] unit normals whose signs are in question
   * @param surface a surface fitted to the points, outward-facing, in the points' frame
   * @param minCos smallest |cos| between a normal and the surface's normal for the surface to decide
   * @param maxDistance largest distance from a point to the surface for the surface to decide
   * @return new normals [N*3], each the given one or its negation
   */
  public static float[] alongSurface(float[] points, float[] normals, Mesh surface, double minCos, double maxDistance) {
    return alongSurface(points, normals, PointsOnSurface.of(points, surface), minCos, maxDistance);
  }

  /** {@link #alongSurface(float[], float[], Mesh, double, double)} with the points' closest points found already. */
  public static float[] alongSurface(float[] points, float[] normals, PointsOnSurface on, double minCos, double maxDistance) {
    if (normals.length != points.length || on.closest().length != points.length / 3) {
      throw new IllegalArgumentException("normals [" + normals.length + "] or closest points [" + on.closest().length
          + "] do not match points [" + points.length + "]");
    }
    int[] triangles = on.triangles();
    float[] p = on.surface().positions();
    float[] out = normals.clone();
    double[] face = new double[3];
    for (int i = 0; i < points.length / 3; i++) {
      SurfacePoint s = on.closest()[i];
      double[] q = s.evaluate(p, triangles);
      double dx = q[0] - points[3 * i];
      double dy = q[1] - points[3 * i + 1];
      double dz = q[2] - points[3 * i + 2];
      if (dx * dx + dy * dy + dz * dz > maxDistance * maxDistance) {
        continue;
      }
      Normals.triangleCross(p, triangles, s.triangle(), face); // the face normal, (b - a) x (c - a)
      double nx = face[0];
      double ny = face[1];
      double nz = face[2];
      double length = Math.sqrt(nx * nx + ny * ny + nz * nz);
      double nLength = Math.sqrt((double) out[3 * i] * out[3 * i] + (double) out[3 * i + 1] * out[3 * i + 1]
          + (double) out[3 * i + 2] * out[3 * i + 2]);
      if (!(length > 0) || !(nLength > 0)) {
        continue;
      }
      double cos = (nx * out[3 * i] + ny * out[3 * i + 1] + nz * out[3 * i + 2]) / (length * nLength);
      if (cos <= -minCos) {
        for (int k = 0; k < 3; k++) {
          out[3 * i + k] = -out[3 * i + k];
        }
      }
    }
    return out;
  }
}
