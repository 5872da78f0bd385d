package dev.topos.synth.scan;

import dev.topos.geometry.Mesh;

/**
 * Cuts the neck the way a scan ends: every triangle whose centroid lies below a tilted plane,
 * made ragged by a smooth noise offset, is removed.
 */
public final class NeckCut {
  private NeckCut() {}

  /**
   * @param mesh a triangle (or polygon) mesh, metres
   * @param point a point on the cut plane, {x, y, z}, metres
   * @param normal the plane's normal towards the part that stays, {x, y, z} (normalised here)
   * @param raggedness amplitude (standard deviation) of the cut's wobble along the normal, metres
   * @param noise the wobble's shape (null for a clean cut)
   * @return the mesh without what lies below the cut
   */
  public static Mesh apply(Mesh mesh, double[] point, double[] normal, double raggedness, SmoothNoise noise) {
    double len = Math.sqrt(normal[0] * normal[0] + normal[1] * normal[1] + normal[2] * normal[2]);
    double nx = normal[0] / len;
    double ny = normal[1] / len;
    double nz = normal[2] / len;
    float[] p = mesh.positions();
    int[] tris = MeshMath.triangles(mesh);
    boolean[] keep = new boolean[tris.length / 3];
    for (int t = 0; t < keep.length; t++) {
      int a = 3 * tris[3 * t];
      int b = 3 * tris[3 * t + 1];
      int c = 3 * tris[3 * t + 2];
      double x = (p[a] + p[b] + p[c]) / 3.0;
      double y = (p[a + 1] + p[b + 1] + p[c + 1]) / 3.0;
      double z = (p[a + 2] + p[b + 2] + p[c + 2]) / 3.0;
      double s = (x - point[0]) * nx + (y - point[1]) * ny + (z - point[2]) * nz;
      if (noise != null) {
        s += raggedness * noise.at(x, y, z);
      }
      keep[t] = s >= 0;
    }
    return TriangleSubset.of(p, tris, keep).mesh();
  }
}
