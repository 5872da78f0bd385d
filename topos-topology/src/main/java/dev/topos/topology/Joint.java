package dev.topos.topology;

/**
 * A skeleton joint of the reference head. Its position is the centroid of eight helper vertices
 * (MakeHuman's joint cube) that the shape targets move with the head, so joints follow every head.
 *
 * @param name joint name: neck, head, jaw, eye.L, eye.R
 * @param firstVertex index of the cube's first vertex in the full vertex array (see {@link ReferenceTopology})
 * @param vertexCount number of cube vertices (8)
 */
public record Joint(String name, int firstVertex, int vertexCount) {

  /** Joint position from full-array positions [N*3]. */
  public float[] position(float[] fullPositions) {
    float[] p = new float[3];
    for (int v = firstVertex; v < firstVertex + vertexCount; v++) {
      for (int k = 0; k < 3; k++) {
        p[k] += fullPositions[3 * v + k];
      }
    }
    for (int k = 0; k < 3; k++) {
      p[k] /= vertexCount;
    }
    return p;
  }
}
