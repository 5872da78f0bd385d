package dev.topos.export;

import dev.topos.geometry.Mesh;
import java.util.Objects;

/**
 * One named part of an exported head scene, e.g. {@code "head"}, {@code "eye.L"}, {@code "eye.R"},
 * {@code "teeth.upper"}, {@code "teeth.lower"} or {@code "tongue"}. Each part becomes its own glTF
 * node and mesh of the same name.
 *
 * @param name node and mesh name, not blank; unique within one export
 * @param mesh the geometry, positions in metres in the topos head frame
 */
public record ExportMesh(String name, Mesh mesh) {

  public ExportMesh {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mesh, "mesh");
    if (name.isBlank()) {
      throw new IllegalArgumentException("export mesh name is blank");
    }
  }
}
