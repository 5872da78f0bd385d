package dev.topos.synth.scan;

import java.util.List;

/**
 * Closes boundary loops with triangle fans to each loop's centroid (a new vertex per loop), so a
 * surface with openings (the neck cut, an open mouth) bounds a volume. The caps are oriented
 * like the surface (each boundary half-edge a -&gt; b gets a cap triangle with b -&gt; a).
 *
 * @param positions the surface's vertices followed by one centroid per capped loop, [V'*3], metres
 * @param triangles the surface's triangles followed by the caps', [T'*3]
 * @param firstCapTriangle index of the first cap triangle; triangles from there on are caps
 */
record HoleCapping(float[] positions, int[] triangles, int firstCapTriangle) {

  /**
   * Caps the given loops (as from {@link BoundaryLoops#find}).
   *
   * @param positions [V*3], metres
   * @param triangles [T*3]
   * @param loops ordered boundary loops
   */
  static HoleCapping cap(float[] positions, int[] triangles, List<int[]> loops) {
    int v = positions.length / 3;
    int extraTriangles = 0;
    for (int[] loop : loops) {
      extraTriangles += loop.length;
    }
    float[] p = java.util.Arrays.copyOf(positions, positions.length + 3 * loops.size());
    int[] t = java.util.Arrays.copyOf(triangles, triangles.length + 3 * extraTriangles);
    int n = triangles.length;
    for (int l = 0; l < loops.size(); l++) {
      int[] loop = loops.get(l);
      double cx = 0;
      double cy = 0;
      double cz = 0;
      for (int a : loop) {
        cx += positions[3 * a];
        cy += positions[3 * a + 1];
        cz += positions[3 * a + 2];
      }
      int c = v + l;
      p[3 * c] = (float) (cx / loop.length);
      p[3 * c + 1] = (float) (cy / loop.length);
      p[3 * c + 2] = (float) (cz / loop.length);
      for (int i = 0; i < loop.length; i++) {
        int a = loop[i];
        int b = loop[(i + 1) % loop.length];
        t[n++] = b;
        t[n++] = a;
        t[n++] = c;
      }
    }
    return new HoleCapping(p, t, triangles.length / 3);
  }
}
