package dev.topos.geometry;

import java.util.ArrayList;
import java.util.List;

/** Concatenation of meshes into one, each becoming a named face group. */
public final class MeshConcat {
  private MeshConcat() {}

  /**
   * One mesh holding all given meshes in order, vertex and UV indices offset, face groups named by
   * {@code names}. UVs are kept only when every mesh has them; normals are dropped.
   */
  public static Mesh withGroups(List<Mesh> meshes, List<String> names) {
    if (meshes.size() != names.size() || meshes.isEmpty()) {
      throw new IllegalArgumentException("need one name per mesh and at least one mesh");
    }
    boolean uvs = meshes.stream().allMatch(Mesh::hasUvs);
    int v = 0;
    int c = 0;
    int f = 0;
    int t = 0;
    for (Mesh m : meshes) {
      v += m.positions().length;
      c += m.faceVertices().length;
      f += m.faceCount();
      t += uvs ? m.uvs().length : 0;
    }
    float[] positions = new float[v];
    int[] starts = new int[f + 1];
    int[] corners = new int[c];
    float[] uv = uvs ? new float[t] : null;
    int[] cornerUvs = uvs ? new int[c] : null;
    int[] groups = new int[f];
    int vOff = 0;
    int cOff = 0;
    int fOff = 0;
    int tOff = 0;
    for (int g = 0; g < meshes.size(); g++) {
      Mesh m = meshes.get(g);
      System.arraycopy(m.positions(), 0, positions, 3 * vOff, m.positions().length);
      for (int k = 0; k < m.faceVertices().length; k++) {
        corners[cOff + k] = m.faceVertices()[k] + vOff;
        if (uvs) {
          cornerUvs[cOff + k] = m.faceUvs()[k] + tOff;
        }
      }
      if (uvs) {
        System.arraycopy(m.uvs(), 0, uv, 2 * tOff, m.uvs().length);
        tOff += m.uvs().length / 2;
      }
      for (int k = 0; k < m.faceCount(); k++) {
        starts[fOff + k] = m.faceStarts()[k] + cOff;
        groups[fOff + k] = g;
      }
      vOff += m.vertexCount();
      cOff += m.faceVertices().length;
      fOff += m.faceCount();
    }
    starts[f] = c;
    return new Mesh(positions, starts, corners, uv, cornerUvs, null, null, groups, new ArrayList<>(names));
  }
}
