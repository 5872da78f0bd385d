package dev.topos.render;

import dev.topos.geometry.Mesh;
import java.util.List;

/**
 * A triangle list ready for rendering, with the attributes the built-in shading understands.
 *
 * @param positions vertex positions, world metres, [V*3]
 * @param triangles vertex indices, [T*3]
 * @param normals shading normals (3 components, world space), or null for flat face normals
 * @param uvs texture coordinates (2 components, u right, v up, as in OBJ), or null
 * @param colors linear RGB vertex colours (3 components), or null
 * @param attributes further attributes for custom shaders ({@link Fragment#attribute})
 */
public record RenderMesh(
    float[] positions,
    int[] triangles,
    VertexAttribute normals,
    VertexAttribute uvs,
    VertexAttribute colors,
    List<VertexAttribute> attributes) {

  public RenderMesh {
    if (positions.length % 3 != 0 || triangles.length % 3 != 0) {
      throw new IllegalArgumentException("positions and triangles must have multiples of 3 entries");
    }
    int v = positions.length / 3;
    for (int i = 0; i < triangles.length; i++) {
      if (triangles[i] < 0 || triangles[i] >= v) {
        throw new IllegalArgumentException("triangle corner " + i + " refers to vertex " + triangles[i] + " of " + v);
      }
    }
    attributes = attributes == null ? List.of() : List.copyOf(attributes);
    check(normals, 3, "normals", triangles, v);
    check(uvs, 2, "uvs", triangles, v);
    check(colors, 3, "colors", triangles, v);
    for (VertexAttribute a : attributes) {
      a.validate(triangles, v, "attribute");
    }
  }

  private static void check(VertexAttribute a, int components, String name, int[] triangles, int v) {
    if (a != null) {
      if (a.components() != components) {
        throw new IllegalArgumentException(name + " must have " + components + " components, got " + a.components());
      }
      a.validate(triangles, v, name);
    }
  }

  /** Positions and triangles only (flat shading). */
  public static RenderMesh of(float[] positions, int[] triangles) {
    return new RenderMesh(positions, triangles, null, null, null, List.of());
  }

  /**
   * Triangulates a polygon mesh (fan per face, as {@link Mesh#triangles()}), taking its normals
   * when present and otherwise area-weighted vertex normals, and its UVs when present.
   */
  public static RenderMesh of(Mesh mesh) {
    int[] tris = mesh.triangles();
    VertexAttribute n = mesh.normals() != null
        ? VertexAttribute.perCorner(mesh.normals(), 3, mesh.triangulateCorners(mesh.faceNormals()))
        : VertexAttribute.perVertex(mesh.vertexNormals(), 3);
    VertexAttribute uv = mesh.hasUvs()
        ? VertexAttribute.perCorner(mesh.uvs(), 2, mesh.triangulateCorners(mesh.faceUvs()))
        : null;
    return new RenderMesh(mesh.positions(), tris, n, uv, null, List.of());
  }

  public int vertexCount() {
    return positions.length / 3;
  }

  public int triangleCount() {
    return triangles.length / 3;
  }

  public RenderMesh withNormals(VertexAttribute n) {
    return new RenderMesh(positions, triangles, n, uvs, colors, attributes);
  }

  public RenderMesh withUvs(VertexAttribute uv) {
    return new RenderMesh(positions, triangles, normals, uv, colors, attributes);
  }

  public RenderMesh withColors(VertexAttribute c) {
    return new RenderMesh(positions, triangles, normals, uvs, c, attributes);
  }

  public RenderMesh withAttributes(List<VertexAttribute> a) {
    return new RenderMesh(positions, triangles, normals, uvs, colors, a);
  }

  public RenderMesh withPositions(float[] p) {
    return new RenderMesh(p, triangles, normals, uvs, colors, attributes);
  }
}
