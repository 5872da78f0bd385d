package dev.topos.synth.scan;

import dev.topos.geometry.Mesh;

/**
 * Partial coverage as from a frontal scanner: a triangle is kept only if it faces at least one
 * of the scanner's view directions closely enough ({@code n . d >= threshold}, the threshold
 * wobbling smoothly over the surface so the edge of the covered part is ragged). With the views
 * in front of the face this drops the back of the head, the underside of the chin and the backs
 * of the ears.
 */
public final class PartialCoverage {
  private PartialCoverage() {}

  /**
   * @param mesh a triangle (or polygon) mesh, outward oriented, metres
   * @param directions unit vectors from the head towards each scanner position, [S*3]
   * @param threshold smallest cosine between a triangle's normal and some direction for it to stay
   * @param raggedness amplitude of the threshold's wobble (cosine units)
   * @param noise the wobble's shape (null for none)
   * @return the covered part
   */
  public static Mesh apply(Mesh mesh, double[] directions, double threshold, double raggedness, SmoothNoise noise) {
    float[] p = mesh.positions();
    int[] tris = MeshMath.triangles(mesh);
    boolean[] keep = new boolean[tris.length / 3];
    double[] cross = new double[3];
    for (int t = 0; t < keep.length; t++) {
      dev.topos.geometry.Normals.triangleCross(p, tris, t, cross);
      double nx = cross[0];
      double ny = cross[1];
      double nz = cross[2];
      double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
      if (len == 0) {
        continue;
      }
      double limit = threshold;
      if (noise != null) {
        int a = 3 * tris[3 * t];
        int b = 3 * tris[3 * t + 1];
        int c = 3 * tris[3 * t + 2];
        limit += raggedness * noise.at((p[a] + p[b] + p[c]) / 3.0, (p[a + 1] + p[b + 1] + p[c + 1]) / 3.0,
            (p[a + 2] + p[b + 2] + p[c + 2]) / 3.0);
      }
      double bestCos = -2;
      for (int d = 0; d < directions.length; d += 3) {
        bestCos = Math.max(bestCos, (nx * directions[d] + ny * directions[d + 1] + nz * directions[d + 2]) / len);
      }
      keep[t] = bestCos >= limit;
    }
    return TriangleSubset.of(p, tris, keep).mesh();
  }
}
