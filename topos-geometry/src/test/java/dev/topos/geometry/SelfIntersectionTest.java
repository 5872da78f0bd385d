package dev.topos.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SelfIntersectionTest {

  @Test
  void triangleTriangleCases() {
    double[] t = {0, 0, 0, 1, 0, 0, 0, 1, 0};
    // A vertical triangle piercing t's interior.
    assertTrue(TriangleIntersection.intersects(t, new double[] {0.2, 0.2, -1, 0.3, 0.2, 1, 0.2, 0.3, 1}));
    // Parallel plane above: disjoint.
    assertFalse(TriangleIntersection.intersects(t, new double[] {0, 0, 1, 1, 0, 1, 0, 1, 1}));
    // Crossing t's plane, but outside t.
    assertFalse(TriangleIntersection.intersects(t, new double[] {2, 2, -1, 3, 2, 1, 2, 3, 1}));
    // Touching: a vertex exactly on t's interior counts (conservative).
    assertTrue(TriangleIntersection.intersects(t, new double[] {0.25, 0.25, 0, 0.25, 0.25, 1, 0.5, 0.25, 1}));
    // Coplanar overlap, coplanar containment, coplanar disjoint.
    assertTrue(TriangleIntersection.intersects(t, new double[] {0.5, 0.5, 0, -0.5, 0.5, 0, 0.5, -0.5, 0}));
    assertTrue(TriangleIntersection.intersects(t, new double[] {0.1, 0.1, 0, 0.2, 0.1, 0, 0.1, 0.2, 0}));
    assertFalse(TriangleIntersection.intersects(t, new double[] {1, 1, 0, 2, 1, 0, 1, 2, 0}));
    // Edge-on: a triangle standing on t's hypotenuse line but beyond its end.
    assertFalse(TriangleIntersection.intersects(t, new double[] {2, -1, 0, 3, -2, 0, 2.5, -1.5, 1}));
  }

  @Test
  void twoCrossingTrianglesAreDetected() {
    float[] p = {0, 0, 0, 1, 0, 0, 0, 1, 0, 0.2f, 0.2f, -1, 0.3f, 0.2f, 1, 0.2f, 0.3f, 1};
    SelfIntersection.Report r = SelfIntersection.find(Mesh.ofTriangles(p, new int[] {0, 1, 2, 3, 4, 5}));
    assertEquals(1, r.count());
    assertEquals(List.of(new SelfIntersection.Pair(0, 1, 0, 1)), r.firstPairs());
  }

  @Test
  void closedCubeAndTetrahedronAreClean() {
    assertEquals(0, SelfIntersection.find(TestMeshes.cubeTriangles()).count());
    assertEquals(0, SelfIntersection.find(TestMeshes.cubeQuads()).count());
    assertEquals(0, SelfIntersection.find(TestMeshes.tetrahedron()).count());
  }

  @Test
  void triangleThroughACubeFaceIsDetected() {
    Mesh cube = TestMeshes.cubeTriangles();
    float[] p = java.util.Arrays.copyOf(cube.positions(), 24 + 9);
    // A thin triangle from inside the cube out through the top face (z = 1) only.
    float[] spike = {0.4f, 0.3f, 0.5f, 0.6f, 0.3f, 0.5f, 0.5f, 0.5f, 1.5f};
    System.arraycopy(spike, 0, p, 24, 9);
    int[] t = java.util.Arrays.copyOf(cube.faceVertices(), 36 + 3);
    t[36] = 8;
    t[37] = 9;
    t[38] = 10;
    SelfIntersection.Report r = SelfIntersection.find(Mesh.ofTriangles(p, t));
    // The top quad 4-5-6-7 is fanned into triangles 2 (4,5,6: y < x) and 3 (4,6,7: y > x). The
    // spike crosses z = 1 along y = 0.4, x in [0.45, 0.55]: inside triangle 2 only.
    assertEquals(1, r.count());
    assertEquals(List.of(new SelfIntersection.Pair(2, 12, 2, 12)), r.firstPairs());
  }

  @Test
  void tenThousandTriangleSphereIsCleanAndFast() {
    Mesh sphere = TestMeshes.sphere(0.1f, 100, 51);
    assertEquals(10_000, sphere.faceCount());
    SelfIntersection.Report r = SelfIntersection.find(sphere); // tens of milliseconds
    assertEquals(0, r.count(), "pairs " + r.firstPairs());
  }
}
