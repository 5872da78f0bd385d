package dev.topos.topology;

/**
 * A point fixed on a mesh surface: barycentric weights on three vertices of one triangle. It moves
 * with the mesh, so a landmark defined once holds for every head in the reference topology.
 *
 * @param a first vertex index
 * @param b second vertex index
 * @param c third vertex index
 * @param wa weight of a
 * @param wb weight of b
 * @param wc weight of c (wa + wb + wc = 1, each in [0, 1])
 */
public record SurfacePoint(int a, int b, int c, float wa, float wb, float wc) {

  /** Position of this point on a mesh with the given positions [V*3], written into out[3*slot..]. */
  public void evaluate(float[] positions, float[] out, int slot) {
    for (int k = 0; k < 3; k++) {
      out[3 * slot + k] = wa * positions[3 * a + k] + wb * positions[3 * b + k] + wc * positions[3 * c + k];
    }
  }

  /** True when the weights are a proper convex combination (tolerance 1e-4). */
  public boolean hasValidWeights() {
    return wa >= -1e-6f && wb >= -1e-6f && wc >= -1e-6f && Math.abs(wa + wb + wc - 1f) < 1e-4f;
  }
}
