package dev.topos.geometry;

/**
 * A point on a triangle mesh, as found by {@link ClosestPointOnMesh}: which triangle, where in it
 * (barycentrics), where in space, and how far from the query point. Lengths in metres.
 *
 * @param triangle index into the triangle list the search was built on (for a {@link Mesh},
 *     {@link Mesh#triangles()}, i.e. the fan triangulation of its polygons)
 * @param face the polygon of the mesh the triangle belongs to ({@link Mesh#triangleFaces()});
 *     equal to {@code triangle} when built from a plain triangle list
 * @param b0 barycentric weight of the triangle's first corner
 * @param b1 barycentric weight of the second corner
 * @param b2 barycentric weight of the third corner (b0 + b1 + b2 = 1, all >= 0)
 * @param x closest point, x
 * @param y closest point, y
 * @param z closest point, z
 * @param distance Euclidean distance from the query point to (x, y, z), metres
 */
public record SurfacePoint(int triangle, int face, double b0, double b1, double b2,
                           double x, double y, double z, double distance) {

  /**
   * The same barycentric point on other positions of the same triangle list (e.g. a deformed
   * mesh of the same topology): {@code b0 * p[i0] + b1 * p[i1] + b2 * p[i2]}.
   *
   * @param positions vertex positions, [V*3]
   * @param triangles the triangle list this point refers to, [T*3]
   * @return {x, y, z}
   */
  public double[] evaluate(float[] positions, int[] triangles) {
    int a = 3 * triangles[3 * triangle];
    int b = 3 * triangles[3 * triangle + 1];
    int c = 3 * triangles[3 * triangle + 2];
    double[] out = new double[3];
    for (int k = 0; k < 3; k++) {
      out[k] = b0 * positions[a + k] + b1 * positions[b + k] + b2 * positions[c + k];
    }
    return out;
  }
}
