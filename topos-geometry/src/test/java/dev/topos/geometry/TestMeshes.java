package dev.topos.geometry;

/** Small meshes with known geometry for tests. */
public final class TestMeshes {
  private TestMeshes() {}

  /** The unit cube [0,1]^3 as 6 outward quads over 8 vertices. */
  public static Mesh cubeQuads() {
    float[] p = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1};
    int[] quads = {0, 3, 2, 1, 4, 5, 6, 7, 0, 1, 5, 4, 2, 3, 7, 6, 0, 4, 7, 3, 1, 2, 6, 5};
    int[] starts = {0, 4, 8, 12, 16, 20, 24};
    return Mesh.of(p, starts, quads);
  }

  /** The unit cube as 12 triangles. */
  public static Mesh cubeTriangles() {
    Mesh q = cubeQuads();
    return Mesh.ofTriangles(q.positions(), q.triangles());
  }

  /** A regular-ish tetrahedron, 4 triangles. */
  public static Mesh tetrahedron() {
    float[] p = {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1};
    return Mesh.ofTriangles(p, new int[] {0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3});
  }

  /** A UV sphere of radius r with 2 * slices * (stacks - 1) triangles, poles shared. */
  public static Mesh sphere(float r, int slices, int stacks) {
    int ring = stacks - 1; // rings of vertices between the poles
    float[] p = new float[3 * (2 + ring * slices)];
    p[2] = r;            // north pole, vertex 0
    p[5] = -r;           // south pole, vertex 1
    for (int i = 0; i < ring; i++) {
      double theta = Math.PI * (i + 1) / stacks;
      for (int j = 0; j < slices; j++) {
        double phi = 2 * Math.PI * j / slices;
        int v = 2 + i * slices + j;
        p[3 * v] = (float) (r * Math.sin(theta) * Math.cos(phi));
        p[3 * v + 1] = (float) (r * Math.sin(theta) * Math.sin(phi));
        p[3 * v + 2] = (float) (r * Math.cos(theta));
      }
    }
    int[] t = new int[3 * 2 * slices * ring];
    int k = 0;
    for (int j = 0; j < slices; j++) {
      int j1 = (j + 1) % slices;
      t[k++] = 0;
      t[k++] = 2 + j;
      t[k++] = 2 + j1;
      int last = 2 + (ring - 1) * slices;
      t[k++] = 1;
      t[k++] = last + j1;
      t[k++] = last + j;
    }
    for (int i = 0; i + 1 < ring; i++) {
      for (int j = 0; j < slices; j++) {
        int j1 = (j + 1) % slices;
        int a = 2 + i * slices + j;
        int b = 2 + i * slices + j1;
        int c = 2 + (i + 1) * slices + j;
        int d = 2 + (i + 1) * slices + j1;
        t[k++] = a;
        t[k++] = c;
        t[k++] = b;
        t[k++] = b;
        t[k++] = c;
        t[k++] = d;
      }
    }
    return Mesh.ofTriangles(p, t);
  }
}
