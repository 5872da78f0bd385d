package dev.topos.geometry;

import java.util.Arrays;
import java.util.Objects;

/**
 * Points sampled on a mesh surface by {@link SurfaceSampler}, with where each came from.
 *
 * @param points positions (metres) and unit normals of the samples
 * @param triangles for each sample, its triangle in the sampler's triangle list, [N]
 * @param barycentrics for each sample, weights of that triangle's three corners, [N*3]
 */
public record SurfaceSamples(PointCloud points, int[] triangles, float[] barycentrics) {

  public SurfaceSamples {
    Objects.requireNonNull(points, "points");
    if (triangles.length != points.size() || barycentrics.length != 3 * points.size()) {
      throw new IllegalArgumentException("expected " + points.size() + " triangles and barycentric triples");
    }
  }

  public int size() {
    return triangles.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SurfaceSamples s && points.equals(s.points) && Arrays.equals(triangles, s.triangles)
        && Arrays.equals(barycentrics, s.barycentrics);
  }

  @Override
  public int hashCode() {
    return points.hashCode() * 31 + Arrays.hashCode(triangles);
  }

  @Override
  public String toString() {
    return "SurfaceSamples[" + size() + " samples]";
  }
}
