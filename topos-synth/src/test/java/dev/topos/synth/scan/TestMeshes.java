package dev.topos.synth.scan;

import dev.topos.geometry.Mesh;
import dev.topos.topology.ReferenceTopology;
import java.util.SplittableRandom;

/** Meshes for the operation tests: the reference head and simple closed and open shapes. */
final class TestMeshes {
  private TestMeshes() {}

  private static ReferenceTopology topology;

  static synchronized ReferenceTopology topology() {
    if (topology == null) {
      topology = ReferenceTopology.loadBundled();
    }
    return topology;
  }

  /** The reference head split into triangles (random diagonals, no flips). */
  static Mesh headTriangles() {
    return RandomRetriangulation.apply(topology().head(), 0, new SplittableRandom(1));
  }

  /** A closed icosphere of the given radius and subdivision level, outward oriented. */
  static Mesh sphere(double radius, int levels) {
    double t = (1 + Math.sqrt(5)) / 2;
    float[] p = {
        -1, (float) t, 0, 1, (float) t, 0, -1, (float) -t, 0, 1, (float) -t, 0,
        0, -1, (float) t, 0, 1, (float) t, 0, -1, (float) -t, 0, 1, (float) -t,
        (float) t, 0, -1, (float) t, 0, 1, (float) -t, 0, -1, (float) -t, 0, 1};
    int[] f = {0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11, 1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8,
        3, 9, 4, 3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9, 4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1};
    Mesh m = Mesh.ofTriangles(p, f);
    for (int i = 0; i < levels; i++) {
      m = Subdivision.apply(m, Subdivision.Scheme.MIDPOINT);
    }
    float[] q = m.positions().clone();
    for (int v = 0; v < m.vertexCount(); v++) {
      double len = Math.sqrt(q[3 * v] * q[3 * v] + q[3 * v + 1] * q[3 * v + 1] + q[3 * v + 2] * q[3 * v + 2]);
      for (int k = 0; k < 3; k++) {
        q[3 * v + k] = (float) (q[3 * v + k] / len * radius);
      }
    }
    return m.withPositions(q);
  }

  /** A flat square grid in the xy-plane (normal +z), side {@code size} metres, n x n quads split in two. */
  static Mesh plane(double size, int n) {
    float[] p = new float[3 * (n + 1) * (n + 1)];
    for (int j = 0; j <= n; j++) {
      for (int i = 0; i <= n; i++) {
        int v = i + (n + 1) * j;
        p[3 * v] = (float) (size * (i / (double) n - 0.5));
        p[3 * v + 1] = (float) (size * (j / (double) n - 0.5));
      }
    }
    int[] t = new int[6 * n * n];
    int k = 0;
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        int a = i + (n + 1) * j;
        int b = a + 1;
        int c = a + n + 2;
        int d = a + n + 1;
        t[k++] = a;
        t[k++] = b;
        t[k++] = c;
        t[k++] = a;
        t[k++] = c;
        t[k++] = d;
      }
    }
    return Mesh.ofTriangles(p, t);
  }

  /** Signed volume enclosed by a closed triangle mesh, m^3 (positive when outward oriented). */
  static double signedVolume(Mesh m) {
    float[] p = m.positions();
    int[] t = m.faceVertices();
    double v = 0;
    for (int i = 0; i < t.length; i += 3) {
      int a = 3 * t[i];
      int b = 3 * t[i + 1];
      int c = 3 * t[i + 2];
      v += (p[a] * ((double) p[b + 1] * p[c + 2] - (double) p[b + 2] * p[c + 1])
          - p[a + 1] * ((double) p[b] * p[c + 2] - (double) p[b + 2] * p[c])
          + p[a + 2] * ((double) p[b] * p[c + 1] - (double) p[b + 1] * p[c])) / 6;
    }
    return v;
  }

  static double meanDistance(Mesh from, Mesh to) {
    dev.topos.geometry.ClosestPointOnMesh s = new dev.topos.geometry.ClosestPointOnMesh(to);
    float[] pts = dev.topos.geometry.SurfaceSampler.sample(from, 2000, 1, dev.topos.geometry.SurfaceSampler.NormalMode.FACE)
        .points().positions();
    return java.util.Arrays.stream(s.distances(pts)).average().orElseThrow();
  }
}
