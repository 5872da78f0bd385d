package dev.topos.synth.scan;

import dev.topos.geometry.Mesh;

/** Small geometric helpers over flat triangle arrays (metres). */
final class MeshMath {
  private MeshMath() {}

  /** The triangle list of a mesh: its corners if it is all triangles, else its fan triangulation. */
  static int[] triangles(Mesh mesh) {
    int[] s = mesh.faceStarts();
    if (mesh.faceVertices().length == 3 * mesh.faceCount()) {
      boolean all = true;
      for (int f = 0; f < mesh.faceCount(); f++) {
        if (s[f + 1] - s[f] != 3) {
          all = false;
          break;
        }
      }
      if (all) {
        return mesh.faceVertices();
      }
    }
    return mesh.triangles();
  }

  /** Area of triangle t, m^2. */
  static double area(float[] p, int[] tris, int t) {
    return dev.topos.geometry.Normals.triangleArea(p, tris, t);
  }

  /** Total area, m^2. */
  static double area(float[] p, int[] tris) {
    double sum = 0;
    for (int t = 0; t < tris.length / 3; t++) {
      sum += area(p, tris, t);
    }
    return sum;
  }

  /** Mean length of the triangle sides (each interior edge counted twice), metres. */
  static double meanEdgeLength(float[] p, int[] tris) {
    double sum = 0;
    for (int t = 0; t < tris.length; t += 3) {
      for (int k = 0; k < 3; k++) {
        int a = 3 * tris[t + k];
        int b = 3 * tris[t + (k + 1) % 3];
        double dx = p[a] - p[b];
        double dy = p[a + 1] - p[b + 1];
        double dz = p[a + 2] - p[b + 2];
        sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
      }
    }
    return tris.length == 0 ? 0 : sum / tris.length;
  }
}
