package dev.topos.nn.vae;

import dev.topos.geometry.Mesh;
import dev.topos.topology.pyramid.GraphPyramid;
import dev.topos.topology.pyramid.PyramidSpec;
import java.util.HashMap;
import java.util.Map;

/**
 * What the VAE needs of the reference head, computed once and shared read-only: its graph pyramid
 * (in the head's {@link dev.topos.topology.pyramid.VaeFrame}), its vertex positions and normals in
 * that frame, its triangles (faces fan-split, quads along 0-2) and its interior triangle edges.
 * Arrays are shared: do not mutate them.
 *
 * @param pyramid the template graph pyramid
 * @param positions vertex positions in the unit frame, [V*3]
 * @param normals unit vertex normals (area-weighted), [V*3]
 * @param triangles triangle corners, [T*3]
 * @param interiorEdges per edge shared by exactly two triangles: {@code (t1, t2, a, b)} with
 *     {@code a < b} the edge's vertices, [P*4]
 */
public record VaeTemplate(GraphPyramid pyramid, float[] positions, float[] normals, int[] triangles, int[] interiorEdges) {

  /** The template of a head mesh (metres) for a pyramid spec. */
  public static VaeTemplate of(Mesh head, PyramidSpec spec) {
    GraphPyramid pyramid = GraphPyramid.of(head, spec);
    int[] triangles = head.triangles();
    return new VaeTemplate(pyramid, pyramid.level(0).positions(), head.vertexNormals(), triangles, interiorEdges(triangles));
  }

  /** Number of vertices V. */
  public int vertexCount() {
    return positions.length / 3;
  }

  /** Number of latent tokens L (coarsest pyramid level). */
  public int tokens() {
    return pyramid.coarsest().size();
  }

  /** Edges shared by exactly two triangles, as (t1, t2, a, b), ordered by (a, b). */
  static int[] interiorEdges(int[] triangles) {
    Map<Long, int[]> byEdge = new HashMap<>();
    int count = triangles.length / 3;
    for (int t = 0; t < count; t++) {
      for (int k = 0; k < 3; k++) {
        int a = triangles[3 * t + k];
        int b = triangles[3 * t + (k + 1) % 3];
        long key = ((long) Math.min(a, b) << 32) | Math.max(a, b);
        int[] users = byEdge.get(key);
        if (users == null) {
          byEdge.put(key, new int[] {t, -1, 1});
        } else {
          users[1] = t;
          users[2]++;
        }
      }
    }
    long[] keys = byEdge.entrySet().stream().filter(e -> e.getValue()[2] == 2).mapToLong(Map.Entry::getKey).sorted().toArray();
    int[] out = new int[4 * keys.length];
    for (int e = 0; e < keys.length; e++) {
      int[] users = byEdge.get(keys[e]);
      out[4 * e] = users[0];
      out[4 * e + 1] = users[1];
      out[4 * e + 2] = (int) (keys[e] >>> 32);
      out[4 * e + 3] = (int) keys[e];
    }
    return out;
  }
}
