package dev.topos.geometry;

/**
 * Each point's closest point on a surface, found once for the several steps that read them
 * ({@link NormalOrientation}, {@link NormalsFromSurface}).
 *
 * @param surface the surface
 * @param triangles its triangles, [T*3] (as {@link ClosestPointOnMesh#triangles()})
 * @param closest the closest surface point of each point, [N]
 */
public record PointsOnSurface(Mesh surface, int[] triangles, SurfacePoint[] closest) {

  /** The closest points on {@code surface} of {@code points} [N*3]. */
  public static PointsOnSurface of(float[] points, Mesh surface) {
    ClosestPointOnMesh search = new ClosestPointOnMesh(surface);
    return new PointsOnSurface(surface, search.triangles(), search.closestAll(points));
  }
}
