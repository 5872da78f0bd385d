package dev.topos.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RasterizerTest {
  private static final double[] UP = {0, 1, 0};

  private static Rasterizer raster(boolean cull) {
    return new Rasterizer(new RenderSettings(1, cull, 1e-3, 1));
  }

  @Test
  void zBufferKeepsTheNearerTriangleInEitherOrder() {
    Camera cam = Camera.lookAt(new double[] {0, 0, 3}, new double[] {0, 0, 0}, UP, 60, 32, 32);
    // Triangle A at z = 0 (depth 3), triangle B at z = 1 (depth 2), both covering the centre.
    float[] p = {-1, -1, 0, 1, -1, 0, 0, 1, 0, -1, -1, 1, 1, -1, 1, 0, 1, 1};
    int centre = 16 * 32 + 16;
    VisibilityBuffer ab = raster(true).rasterize(cam, p, new int[] {0, 1, 2, 3, 4, 5});
    assertEquals(1, ab.triangleId()[centre]);
    assertEquals(2f, ab.depth()[centre], 1e-6f);
    VisibilityBuffer ba = raster(true).rasterize(cam, p, new int[] {3, 4, 5, 0, 1, 2});
    assertEquals(0, ba.triangleId()[centre]);
    assertEquals(2f, ba.depth()[centre], 1e-6f);
    // An empty corner stays empty.
    assertEquals(-1, ab.triangleId()[0]);
    assertEquals(Float.POSITIVE_INFINITY, ab.depth()[0]);
  }

  @Test
  void perspectiveCorrectInterpolationOnASlantedQuad() {
    int size = 64;
    Camera.Perspective cam = Camera.lookAt(new double[] {0, 0, 2}, new double[] {0, 0, 0}, UP, 60, size, size);
    // A quad slanted in depth, filling the view: bottom edge at z = -2 (far), top edge at z = 1 (near).
    float[] p = {-3, -3, -2, 3, -3, -2, 3, 3, 1, -3, 3, 1};
    int[] t = {0, 1, 2, 0, 2, 3};
    // Attribute: a linear function of position, f = 3x - 2y + z.
    float[] f = new float[4];
    for (int v = 0; v < 4; v++) {
      f[v] = 3 * p[3 * v] - 2 * p[3 * v + 1] + p[3 * v + 2];
    }
    VisibilityBuffer vis = raster(true).rasterize(cam, p, t);
    float[] interp = Rasterizer.interpolate(vis, t, VertexAttribute.perVertex(f, 1));
    double maxAffineError = 0;
    int checked = 0;
    for (int[] px : new int[][] {{32, 32}, {20, 12}, {40, 50}, {10, 40}, {50, 20}, {31, 57}, {0, 0}, {63, 63}}) {
      int i = px[1] * size + px[0];
      assertTrue(vis.triangleId()[i] >= 0);
      // Analytic: the ray through the pixel centre hits the plane z = 0.5 y - 0.5.
      double dx = (px[0] + 0.5 - cam.cx()) / cam.fx();
      double dy = -(px[1] + 0.5 - cam.cy()) / cam.fy(); // camera +Y is world -Y
      // Ray: (s dx, s dy, 2 - s), so 2 - s = 0.5 s dy - 0.5.
      double s = 2.5 / (1 + 0.5 * dy);
      double x = s * dx, y = s * dy, z = 2 - s;
      double expected = 3 * x - 2 * y + z;
      assertEquals(expected, interp[i], 1e-5, "pixel " + px[0] + "," + px[1]);
      assertEquals(s, vis.depth()[i], 1e-6 * s, "depth");
      // What screen-space (affine) interpolation would have given, to show the test has teeth.
      maxAffineError = Math.max(maxAffineError, Math.abs(affine(cam, p, t, f, vis.triangleId()[i], px) - expected));
      checked++;
    }
    assertEquals(8, checked);
    assertTrue(maxAffineError > 0.05, "affine interpolation should be visibly wrong: " + maxAffineError);
  }

  private static double affine(Camera cam, float[] p, int[] t, float[] f, int tri, int[] px) {
    double[][] s = new double[3][];
    for (int k = 0; k < 3; k++) {
      int v = t[3 * tri + k];
      s[k] = cam.project(p[3 * v], p[3 * v + 1], p[3 * v + 2]);
    }
    double u = px[0] + 0.5, w = px[1] + 0.5;
    double det = (s[1][0] - s[0][0]) * (s[2][1] - s[0][1]) - (s[2][0] - s[0][0]) * (s[1][1] - s[0][1]);
    double b1 = ((u - s[0][0]) * (s[2][1] - s[0][1]) - (s[2][0] - s[0][0]) * (w - s[0][1])) / det;
    double b2 = ((s[1][0] - s[0][0]) * (w - s[0][1]) - (u - s[0][0]) * (s[1][1] - s[0][1])) / det;
    return (1 - b1 - b2) * f[t[3 * tri]] + b1 * f[t[3 * tri + 1]] + b2 * f[t[3 * tri + 2]];
  }

  @Test
  void backFaceCullingRemovesOnlyReversedTrianglesAndOnlyWhenEnabled() {
    for (Camera cam : new Camera[] {
        Camera.lookAt(new double[] {0, 0, 3}, new double[] {0, 0, 0}, UP, 60, 32, 32), TestMeshes.front(32, 32, 8)}) {
      float[] p = {-1, -1, 0, 1, -1, 0, 0, 1, 0};
      int[] front = {0, 1, 2}; // counter-clockwise seen from +Z, where the camera is
      int[] back = {0, 2, 1};
      assertTrue(raster(true).rasterize(cam, p, front).coveredCount() > 50);
      assertEquals(0, raster(true).rasterize(cam, p, back).coveredCount());
      int both = raster(false).rasterize(cam, p, back).coveredCount();
      assertEquals(raster(false).rasterize(cam, p, front).coveredCount(), both);
      assertTrue(both > 50);
    }
  }

  @Test
  void nearPlaneClipsAndKeepsInterpolationExact() {
    // Camera at the origin looking 45 degrees down onto the floor y = -1; one floor triangle
    // reaches behind the camera, so it must be clipped at the near plane.
    int size = 48;
    Camera.Perspective cam = Camera.lookAt(new double[] {0, 0, 0}, new double[] {0, -1, -1}, UP, 90, size, size);
    float[] p = {-5, -1, 3, 5, -1, 3, 0, -1, -6};
    int[] t = {0, 1, 2};
    float[] worldZ = {3, 3, -6};
    Rasterizer r = new Rasterizer(new RenderSettings(1, true, 0.05, 1));
    VisibilityBuffer vis = r.rasterize(cam, p, t);
    float[] z = Rasterizer.interpolate(vis, t, VertexAttribute.perVertex(worldZ, 1));
    double[] rot = cam.pose().rotation();
    int covered = 0;
    for (int j = 0; j < size; j++) {
      for (int i = 0; i < size; i++) {
        int k = j * size + i;
        if (vis.triangleId()[k] < 0) {
          continue;
        }
        covered++;
        assertTrue(vis.depth()[k] >= 0.05f - 1e-6f);
        // Ray through the pixel centre: world direction R^T (dx, dy, 1); it meets y = -1 at
        // camera depth s = -1 / dir.y.
        double dx = (i + 0.5 - cam.cx()) / cam.fx();
        double dy = (j + 0.5 - cam.cy()) / cam.fy();
        double wy = rot[1] * dx + rot[4] * dy + rot[7];
        double wz = rot[2] * dx + rot[5] * dy + rot[8];
        double s = -1 / wy;
        assertEquals(s * wz, z[k], 1e-5, "pixel " + i + "," + j);
        assertEquals(s, vis.depth()[k], 1e-6 * s);
      }
    }
    assertTrue(covered > 500, "covered " + covered);
    // Entirely behind the camera: nothing.
    float[] behind = {-1, -1, 1, 1, -1, 1, 0, 1, 1};
    assertEquals(0, new Rasterizer(new RenderSettings(1, false, 0.05, 1)).rasterize(cam, behind, t).coveredCount());
  }

  @Test
  void supersamplingGivesFractionalAlphaOnEdges() {
    // 8 px per metre; the quad's right edge at x = 0.5625 m lies at u = 16 + 4.5 = 20.5 px: pixel
    // 20 is half covered. Its top and bottom edges lie on pixel boundaries.
    Camera cam = TestMeshes.front(32, 32, 8);
    RenderMesh quad = TestMeshes.quad(-1, -1, 0.5625f, 1, 0);
    FragmentShader white = (f, out) -> {
      out[0] = 1;
      out[1] = 0.5f;
      out[2] = 0.25f;
    };
    RenderBuffers ss = new Rasterizer(new RenderSettings(4, true, 1e-3, 1)).render(cam, quad, white);
    int edge = 16 * 32 + 20;
    assertEquals(0.5f, ss.alpha()[edge], 0);
    assertEquals(0.5f, ss.rgb()[3 * edge], 1e-6f); // premultiplied
    assertEquals(0.125f, ss.rgb()[3 * edge + 2], 1e-6f);
    assertEquals(1f, ss.alpha()[edge - 1], 0);
    assertEquals(0f, ss.alpha()[edge + 1], 0);
    RenderBuffers one = new Rasterizer(new RenderSettings(1, true, 1e-3, 1)).render(cam, quad, white);
    float a = one.alpha()[edge];
    assertTrue(a == 0 || a == 1);
    // Geometry buffers are independent of the supersampling factor.
    assertEquals(java.util.Arrays.toString(one.triangleId()), java.util.Arrays.toString(ss.triangleId()));
    assertTrue(java.util.Arrays.equals(one.depth(), ss.depth()));
    assertTrue(java.util.Arrays.equals(one.barycentrics(), ss.barycentrics()));
    assertTrue(java.util.Arrays.equals(one.normals(), ss.normals()));
  }
}
