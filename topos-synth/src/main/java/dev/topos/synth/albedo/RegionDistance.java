package dev.topos.synth.albedo;

import dev.topos.geometry.Mesh;
import dev.topos.topology.Region;

/**
 * Signed distance of every head vertex to the border of a region, in millimetres: negative
 * inside the region, positive outside. The border is sampled at the midpoints of the mesh edges
 * that join a vertex of the region to one outside it (where interpolated one-hot labels cross
 * 0.5), and distances are straight 3-D distances to the nearest such midpoint. Interpolated into
 * texture space with {@link UvSurface#interpolate}, it gives soft region masks of a chosen width
 * in millimetres that are continuous across UV seams (a blur in UV space would not be).
 */
public final class RegionDistance {
  private RegionDistance() {}

  /**
   * @param mesh the head (positions in metres)
   * @param regions region of each vertex, [V]
   * @param region the region to measure
   * @return signed distance per vertex, millimetres, [V]; +/-1000 when the region is empty or
   *     covers everything
   */
  public static float[] signedMm(Mesh mesh, Region[] regions, Region region) {
    float[] p = mesh.positions();
    int[] starts = mesh.faceStarts();
    int[] fv = mesh.faceVertices();
    float[] border = new float[3 * fv.length];
    int count = 0;
    for (int f = 0; f < mesh.faceCount(); f++) {
      int n = starts[f + 1] - starts[f];
      for (int c = 0; c < n; c++) {
        int a = fv[starts[f] + c];
        int b = fv[starts[f] + (c + 1) % n];
        // Each interior edge appears in two faces; keep one copy (a < b) of the crossing ones.
        if (a < b && (regions[a] == region) != (regions[b] == region)) {
          for (int k = 0; k < 3; k++) {
            border[3 * count + k] = 500 * (p[3 * a + k] + p[3 * b + k]);
          }
          count++;
        }
      }
    }
    int v = mesh.vertexCount();
    float[] out = new float[v];
    for (int i = 0; i < v; i++) {
      float x = 1000 * p[3 * i];
      float y = 1000 * p[3 * i + 1];
      float z = 1000 * p[3 * i + 2];
      float best = Float.POSITIVE_INFINITY;
      for (int j = 0; j < count; j++) {
        float dx = border[3 * j] - x;
        float dy = border[3 * j + 1] - y;
        float dz = border[3 * j + 2] - z;
        best = Math.min(best, dx * dx + dy * dy + dz * dz);
      }
      float d = count == 0 ? 1000 : (float) Math.sqrt(best);
      out[i] = regions[i] == region ? -d : d;
    }
    return out;
  }
}
