package dev.topos.topology;

import dev.topos.geometry.Mesh;

/**
 * An optional separate piece of the head (an eyeball, teeth, tongue) with its own faces and UVs.
 *
 * @param name part name: eye.L, eye.R, teeth.upper, teeth.lower, tongue
 * @param firstVertex index of the part's first vertex in the full vertex array
 * @param mesh the part at the neutral reference shape (vertex i is full-array vertex firstVertex + i)
 */
public record Part(String name, int firstVertex, Mesh mesh) {

  public int vertexCount() {
    return mesh.vertexCount();
  }
}
