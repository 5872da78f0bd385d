package dev.topos.topology.fit;

import dev.topos.geometry.Mesh;
import java.util.HashMap;
import java.util.Map;

/**
 * Vertices on the open boundary of a polygon mesh: those on an edge used by exactly one face. On
 * the reference head these are exactly the 42 vertices of the neck cut loop, where the template
 * surface ends although a scan's surface often goes on (a lower neck cut).
 */
final class MeshBoundary {
  private MeshBoundary() {}

  /** For each vertex of the mesh, whether it lies on a boundary edge, [V]. */
  static boolean[] vertices(Mesh mesh) {
    Map<Long, Integer> uses = new HashMap<>();
    int[] starts = mesh.faceStarts();
    int[] corners = mesh.faceVertices();
    for (int f = 0; f < mesh.faceCount(); f++) {
      int n = starts[f + 1] - starts[f];
      for (int k = 0; k < n; k++) {
        uses.merge(edgeKey(corners[starts[f] + k], corners[starts[f] + (k + 1) % n]), 1, Integer::sum);
      }
    }
    boolean[] out = new boolean[mesh.vertexCount()];
    for (Map.Entry<Long, Integer> e : uses.entrySet()) {
      if (e.getValue() == 1) {
        out[(int) (e.getKey() >>> 32)] = true;
        out[(int) (e.getKey() & 0xffffffffL)] = true;
      }
    }
    return out;
  }

  private static long edgeKey(int a, int b) {
    int lo = Math.min(a, b);
    int hi = Math.max(a, b);
    return ((long) lo << 32) | hi;
  }
}
