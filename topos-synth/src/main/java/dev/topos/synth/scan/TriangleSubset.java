package dev.topos.synth.scan;

import dev.topos.geometry.Mesh;

/**
 * Some triangles of a triangle mesh, with the vertices they use renumbered densely.
 *
 * @param mesh the kept triangles (positions in metres, as in the source)
 * @param sourceVertex for each vertex of {@code mesh}, its index in the source mesh, [V']
 */
record TriangleSubset(Mesh mesh, int[] sourceVertex) {

  /**
   * Keeps the triangles marked in {@code keep} and the vertices they use (in source order).
   *
   * @param positions source positions, [V*3]
   * @param triangles source triangles, [T*3]
   * @param keep [T], which triangles stay
   */
  static TriangleSubset of(float[] positions, int[] triangles, boolean[] keep) {
    int v = positions.length / 3;
    int[] remap = new int[v];
    java.util.Arrays.fill(remap, -1);
    int kept = 0;
    for (int t = 0; t < keep.length; t++) {
      if (keep[t]) {
        kept++;
        for (int k = 0; k < 3; k++) {
          remap[triangles[3 * t + k]] = 0;
        }
      }
    }
    int nv = 0;
    for (int i = 0; i < v; i++) {
      if (remap[i] == 0) {
        remap[i] = nv++;
      }
    }
    int[] source = new int[nv];
    float[] p = new float[3 * nv];
    for (int i = 0; i < v; i++) {
      if (remap[i] >= 0) {
        source[remap[i]] = i;
        System.arraycopy(positions, 3 * i, p, 3 * remap[i], 3);
      }
    }
    int[] tris = new int[3 * kept];
    int n = 0;
    for (int t = 0; t < keep.length; t++) {
      if (keep[t]) {
        tris[n++] = remap[triangles[3 * t]];
        tris[n++] = remap[triangles[3 * t + 1]];
        tris[n++] = remap[triangles[3 * t + 2]];
      }
    }
    return new TriangleSubset(Mesh.ofTriangles(p, tris), source);
  }

  /** Keeps the marked triangles of a triangle mesh. */
  static TriangleSubset of(Mesh triangleMesh, boolean[] keep) {
    return of(triangleMesh.positions(), triangleMesh.faceVertices(), keep);
  }
}
