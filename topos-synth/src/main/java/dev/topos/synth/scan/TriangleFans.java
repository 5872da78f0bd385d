package dev.topos.synth.scan;

/**
 * The triangles around each vertex of a triangle mesh in compressed rows: the triangles at
 * vertex v are {@code triangles[start[v] .. start[v+1]-1]}. Built in O(T) with no sorting; the
 * neighbours of v are the other corners of those triangles (each interior one twice).
 *
 * @param start row offsets, [V+1]
 * @param triangles triangle indices, [3T]
 */
record TriangleFans(int[] start, int[] triangles) {

  static TriangleFans of(int vertexCount, int[] tris) {
    int[] start = new int[vertexCount + 1];
    for (int c = 0; c < tris.length; c++) {
      start[tris[c] + 1]++;
    }
    for (int v = 0; v < vertexCount; v++) {
      start[v + 1] += start[v];
    }
    int[] fill = java.util.Arrays.copyOf(start, vertexCount);
    int[] fan = new int[tris.length];
    for (int c = 0; c < tris.length; c++) {
      fan[fill[tris[c]]++] = c / 3;
    }
    return new TriangleFans(start, fan);
  }
}
