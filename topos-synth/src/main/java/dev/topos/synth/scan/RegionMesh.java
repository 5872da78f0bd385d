package dev.topos.synth.scan;

import dev.topos.geometry.Mesh;
import dev.topos.topology.Region;
import java.util.Objects;

/**
 * A triangle mesh whose vertices carry region labels (the reference head and what the
 * preprocessing steps make of it before the topology is changed).
 *
 * @param mesh a triangle mesh, metres
 * @param regions region of each vertex, [V]
 */
public record RegionMesh(Mesh mesh, Region[] regions) {

  public RegionMesh {
    Objects.requireNonNull(mesh, "mesh");
    if (regions.length != mesh.vertexCount()) {
      throw new IllegalArgumentException(regions.length + " regions for " + mesh.vertexCount() + " vertices");
    }
  }
}
