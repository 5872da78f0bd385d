package dev.topos.render;

/** Small procedural meshes for the tests. */
final class TestMeshes {
  private TestMeshes() {}

  /** A UV sphere with outward per-vertex normals and UVs; 2 * segments * (rings - 1) triangles. */
  static RenderMesh sphere(float cx, float cy, float cz, float radius, int segments, int rings) {
    int cols = segments + 1;
    float[] p = new float[3 * cols * (rings + 1)];
    float[] n = new float[p.length];
    float[] uv = new float[2 * cols * (rings + 1)];
    for (int r = 0; r <= rings; r++) {
      double theta = Math.PI * r / rings;
      for (int s = 0; s <= segments; s++) {
        double phi = 2 * Math.PI * s / segments;
        int v = r * cols + s;
        double x = Math.sin(theta) * Math.sin(phi);
        double y = Math.cos(theta);
        double z = Math.sin(theta) * Math.cos(phi);
        n[3 * v] = (float) x;
        n[3 * v + 1] = (float) y;
        n[3 * v + 2] = (float) z;
        p[3 * v] = cx + radius * (float) x;
        p[3 * v + 1] = cy + radius * (float) y;
        p[3 * v + 2] = cz + radius * (float) z;
        uv[2 * v] = (float) s / segments;
        uv[2 * v + 1] = 1 - (float) r / rings;
      }
    }
    int[] t = new int[6 * segments * rings];
    int k = 0;
    for (int r = 0; r < rings; r++) {
      for (int s = 0; s < segments; s++) {
        int a = r * cols + s;
        int b = a + cols;
        // Counter-clockwise seen from outside.
        if (r > 0) {
          t[k++] = a;
          t[k++] = b;
          t[k++] = a + 1;
        }
        if (r < rings - 1) {
          t[k++] = a + 1;
          t[k++] = b;
          t[k++] = b + 1;
        }
      }
    }
    int[] tris = java.util.Arrays.copyOf(t, k);
    return RenderMesh.of(p, tris)
        .withNormals(VertexAttribute.perVertex(n, 3))
        .withUvs(VertexAttribute.perVertex(uv, 2));
  }

  /** A quad in the z = const plane facing +Z, corners (x0, y0)-(x1, y1), as two triangles split along 0-2. */
  static RenderMesh quad(float x0, float y0, float x1, float y1, float z) {
    float[] p = {x0, y0, z, x1, y0, z, x1, y1, z, x0, y1, z};
    int[] t = {0, 1, 2, 0, 2, 3};
    float[] n = {0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1};
    float[] uv = {0, 0, 1, 0, 1, 1, 0, 1};
    return RenderMesh.of(p, t).withNormals(VertexAttribute.perVertex(n, 3)).withUvs(VertexAttribute.perVertex(uv, 2));
  }

  /** Orthographic camera on +Z looking at -Z, {@code pxPerMetre} scale, centred on the origin. */
  static Camera.Orthographic front(int w, int h, double pxPerMetre) {
    return Camera.orthographic(new double[] {0, 0, 5}, new double[] {0, 0, 0}, new double[] {0, 1, 0}, h / pxPerMetre, w, h);
  }
}
