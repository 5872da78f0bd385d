package dev.topos.geometry;

/** Face and vertex normals of triangle soups. */
public final class Normals {
  private Normals() {}

  /** Area-weighted unit vertex normals of a triangle mesh, [V*3]; zero where a vertex has no area. */
  public static float[] vertexNormals(float[] positions, int[] triangles) {
    double[] acc = new double[positions.length];
    double[] cross = new double[3];
    for (int t = 0; t < triangles.length; t += 3) {
      // The cross product's length is twice the area: area weighting for free.
      triangleCross(positions, triangles, t / 3, cross);
      double nx = cross[0];
      double ny = cross[1];
      double nz = cross[2];
      for (int k = 0; k < 3; k++) {
        int v = 3 * triangles[t + k];
        acc[v] += nx;
        acc[v + 1] += ny;
        acc[v + 2] += nz;
      }
    }
    float[] out = new float[positions.length];
    for (int v = 0; v < out.length; v += 3) {
      double len = Math.sqrt(acc[v] * acc[v] + acc[v + 1] * acc[v + 1] + acc[v + 2] * acc[v + 2]);
      if (len > 0) {
        out[v] = (float) (acc[v] / len);
        out[v + 1] = (float) (acc[v + 1] / len);
        out[v + 2] = (float) (acc[v + 2] / len);
      }
    }
    return out;
  }

  /** Unit face normals of triangles, [T*3]; zero for degenerate triangles. */
  public static float[] triangleNormals(float[] positions, int[] triangles) {
    float[] out = new float[triangles.length];
    double[] cross = new double[3];
    for (int t = 0; t < triangles.length; t += 3) {
      triangleCross(positions, triangles, t / 3, cross);
      double nx = cross[0];
      double ny = cross[1];
      double nz = cross[2];
      double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
      if (len > 0) {
        out[t] = (float) (nx / len);
        out[t + 1] = (float) (ny / len);
        out[t + 2] = (float) (nz / len);
      }
    }
    return out;
  }

  /** The cross product (b - a) x (c - a) of triangle t, written into out[0..2]; its length is twice the area. */
  public static void triangleCross(float[] positions, int[] triangles, int t, double[] out) {
    int a = 3 * triangles[3 * t];
    int b = 3 * triangles[3 * t + 1];
    int c = 3 * triangles[3 * t + 2];
    double ux = positions[b] - positions[a];
    double uy = positions[b + 1] - positions[a + 1];
    double uz = positions[b + 2] - positions[a + 2];
    double vx = positions[c] - positions[a];
    double vy = positions[c + 1] - positions[a + 1];
    double vz = positions[c + 2] - positions[a + 2];
    out[0] = uy * vz - uz * vy;
    out[1] = uz * vx - ux * vz;
    out[2] = ux * vy - uy * vx;
  }

  /** Area of triangle t, square metres. */
  public static double triangleArea(float[] positions, int[] triangles, int t) {
    double[] n = new double[3];
    triangleCross(positions, triangles, t, n);
    return 0.5 * Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
  }
}
