package dev.topos.geometry;

/**
 * Joins a mesh's vertices that sit at the same position (bit for bit). Many exporters split
 * vertices: per face (a triangle soup, as STL stores every mesh and some tools write OBJ or PLY),
 * at UV seams (glTF, PLY with per-vertex UVs) or at hard edges. Split, a vertex's normal is the
 * normal of the faces on its side only: a soup's normals are the faceted normals of single
 * triangles, and the demo's scan as a soup gave heads 1.0-1.3 mm worse than the same scan welded
 * (session 21).
 */
public final class CoincidentVertices {
  private CoincidentVertices() {}

  /**
   * The mesh with coincident vertices joined into the first of them: positions and faces only
   * (UVs, normals and groups are dropped, since a joined vertex may have had several); the mesh
   * itself when no two vertices coincide.
   */
  public static Mesh weld(Mesh mesh) {
    float[] p = mesh.positions();
    int n = mesh.vertexCount();
    PositionIndex index = new PositionIndex(n);
    int[] joined = new int[n];
    for (int v = 0; v < n; v++) {
      joined[v] = index.add(p[3 * v], p[3 * v + 1], p[3 * v + 2]);
    }
    if (index.size() == n) {
      return mesh;
    }
    int[] corners = mesh.faceVertices().clone();
    for (int c = 0; c < corners.length; c++) {
      corners[c] = joined[corners[c]];
    }
    return Mesh.of(index.positions(), mesh.faceStarts(), corners);
  }
}
