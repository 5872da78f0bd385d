package dev.topos.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClosestPointOnMeshTest {
  private static final double EPS = 1e-12;

  private static double[] tri(double... c) {
    return c;
  }

  @Test
  void ericsonRegionsOfOneTriangle() {
    double[] t = tri(0, 0, 0, 1, 0, 0, 0, 1, 0);
    double[] out = new double[6];
    // Above the interior: straight down, barycentrics (1 - u - v, u, v).
    assertEquals(1.0, ClosestPointOnTriangle.closest(t, 0, 0.25, 0.25, 1, out), EPS);
    assertArrayEquals(new double[] {0.5, 0.25, 0.25, 0.25, 0.25, 0}, out, EPS);
    // Vertex region of a.
    assertEquals(2.0, ClosestPointOnTriangle.closest(t, 0, -1, -1, 0, out), EPS);
    assertArrayEquals(new double[] {1, 0, 0, 0, 0, 0}, out, EPS);
    // Edge region of bc: (2, 2) projects to (0.5, 0.5), distance^2 = 1.5^2 + 1.5^2.
    assertEquals(4.5, ClosestPointOnTriangle.closest(t, 0, 2, 2, 0, out), EPS);
    assertArrayEquals(new double[] {0, 0.5, 0.5, 0.5, 0.5, 0}, out, EPS);
    // Edge region of ab, below the x axis.
    assertEquals(0.09, ClosestPointOnTriangle.closest(t, 0, 0.4, -0.3, 0, out), EPS);
    assertArrayEquals(new double[] {0.6, 0.4, 0, 0.4, 0, 0}, out, EPS);
    // Degenerate (collinear) triangle behaves as a segment.
    double[] flat = tri(0, 0, 0, 1, 0, 0, 2, 0, 0);
    assertEquals(1.0, ClosestPointOnTriangle.closest(flat, 0, 1.5, 1, 0, out), EPS);
    assertEquals(1.5, out[3], EPS);
  }

  @Test
  void matchesBruteForceOnASphere() {
    Mesh sphere = TestMeshes.sphere(0.1f, 40, 21);
    int[] tris = sphere.triangles();
    float[] p = sphere.positions();
    double[] corners = new double[tris.length * 3];
    for (int i = 0; i < tris.length; i++) {
      for (int k = 0; k < 3; k++) {
        corners[3 * i + k] = p[3 * tris[i] + k];
      }
    }
    ClosestPointOnMesh search = new ClosestPointOnMesh(sphere);
    SplittableRandom r = new SplittableRandom(3);
    double[] out = new double[6];
    for (int q = 0; q < 500; q++) {
      double x = r.nextDouble(-0.2, 0.2);
      double y = r.nextDouble(-0.2, 0.2);
      double z = r.nextDouble(-0.2, 0.2);
      double best = Double.POSITIVE_INFINITY;
      for (int t = 0; t < tris.length / 3; t++) {
        best = Math.min(best, ClosestPointOnTriangle.closest(corners, 9 * t, x, y, z, out));
      }
      SurfacePoint sp = search.closest(x, y, z);
      assertEquals(Math.sqrt(best), sp.distance(), 1e-12);
      assertEquals(sp.distance(), search.distance(x, y, z), 0.0);
      // The barycentric point evaluates to the reported closest point.
      double[] e = sp.evaluate(p, tris);
      assertArrayEquals(new double[] {sp.x(), sp.y(), sp.z()}, e, 1e-12);
      assertEquals(1.0, sp.b0() + sp.b1() + sp.b2(), 1e-12);
      assertTrue(sp.b0() >= 0 && sp.b1() >= 0 && sp.b2() >= 0);
    }
  }

  @Test
  void bulkQueriesMatchSingleOnes() {
    Mesh sphere = TestMeshes.sphere(0.1f, 30, 16);
    ClosestPointOnMesh search = new ClosestPointOnMesh(sphere);
    SplittableRandom r = new SplittableRandom(8);
    float[] q = new float[3 * 10_000]; // several parallel chunks
    for (int i = 0; i < q.length; i++) {
      q[i] = (float) r.nextDouble(-0.15, 0.15);
    }
    double[] d = search.distances(q);
    SurfacePoint[] all = search.closestAll(q);
    for (int i = 0; i < d.length; i += 7) {
      SurfacePoint sp = search.closest(q[3 * i], q[3 * i + 1], q[3 * i + 2]);
      assertEquals(sp, all[i]);
      assertEquals(sp.distance(), d[i], 0.0);
    }
  }

  @Test
  void reportsPolygonFaceOfQuadMeshes() {
    Mesh cube = TestMeshes.cubeQuads();
    ClosestPointOnMesh search = new ClosestPointOnMesh(cube);
    // Above the top quad (face 1, z = 1).
    SurfacePoint sp = search.closest(0.3, 0.6, 1.5);
    assertEquals(1, sp.face());
    assertEquals(0.5, sp.distance(), EPS);
    assertArrayEquals(new double[] {0.3, 0.6, 1.0}, new double[] {sp.x(), sp.y(), sp.z()}, 1e-7);
    double[] d = search.distances(new float[] {0.5f, 0.5f, 0.5f, 2, 0.5f, 0.5f});
    assertArrayEquals(new double[] {0.5, 1.0}, d, EPS);
  }
}
