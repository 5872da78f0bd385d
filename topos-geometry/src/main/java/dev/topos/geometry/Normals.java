package dev.topos.geometry;

/** Face and vertex normals of triangle soups. */
public final class Normals {
  private Normals() {}

  /** Area-weighted unit vertex normals of a triangle mesh, [V*3]; zero where a vertex has no area. */
  public static float[] vertexNormals(float[] positions, int[] triangles) {
    double[] acc = new double[positions.length];
    for (int t = 0; t < triangles.length; t += 3) {
      int a = 3 * triangles[t];
      int b = 3 * triangles[t + 1];
      int c = 3 * triangles[t + 2];
      double ux = positions[b] - positions[a];
      double uy = positions[b + 1] - positions[a + 1];
      double uz = positions[b + 2] - positions[a + 2];
      double vx = positions[c] - positions[a];
      double vy = positions[c + 1] - positions[a + 1];
      double vz = positions[c + 2] - positions[a + 2];
      // The cross product's length is twice the area: area weighting for free.
      double nx = uy * vz - uz * vy;
      double ny = uz * vx - ux * vz;
      double nz = ux * vy - uy * vx;
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
    for (int t = 0; t < triangles.length; t += 3) {
      int a = 3 * triangles[t];
      int b = 3 * triangles[t + 1];
      int c = 3 * triangles[t + 2];
      double ux = positions[b] - positions[a];
      double uy = positions[b + 1] - positions[a + 1];
      double uz = positions[b + 2] - positions[a + 2];
      double vx = positions[c] - positions[a];
      double vy = positions[c + 1] - positions[a + 1];
      double vz = positions[c + 2] - positions[a + 2];
      double nx = uy * vz - uz * vy;
      double ny = uz * vx - ux * vz;
      double nz = ux * vy - uy * vx;
      double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
      if (len > 0) {
        out[t] = (float) (nx / len);
        out[t + 1] = (float) (ny / len);
        out[t + 2] = (float) (nz / len);
      }
    }
    return out;
  }
}
