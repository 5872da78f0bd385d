package dev.topos.topology.space;

/**
 * A sparse morph target on the full vertex array of the reference topology: a displacement of a
 * few vertices, in metres, applied with a weight.
 *
 * @param name catalogue name, e.g. "macro/caucasian-female-young", "nose/nose-hump-incr",
 *     "expression/caucasian/mouth-open"
 * @param vertices full-array vertex indices, ascending, [n]
 * @param deltas displacement of each listed vertex, [n*3], metres
 */
public record ShapeTarget(String name, int[] vertices, float[] deltas) {

  public ShapeTarget {
    if (deltas.length != 3 * vertices.length) {
      throw new IllegalArgumentException("target " + name + ": " + deltas.length + " deltas for " + vertices.length + " vertices");
    }
  }

  /** Adds weight * this target to full-array positions [N*3] in place. */
  public void addTo(float[] positions, float weight) {
    if (weight == 0f) {
      return;
    }
    for (int i = 0; i < vertices.length; i++) {
      int v = 3 * vertices[i];
      positions[v] += weight * deltas[3 * i];
      positions[v + 1] += weight * deltas[3 * i + 1];
      positions[v + 2] += weight * deltas[3 * i + 2];
    }
  }
}
