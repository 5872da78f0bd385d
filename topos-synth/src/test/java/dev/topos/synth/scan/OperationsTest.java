package dev.topos.synth.scan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.Mesh;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The topology-changing operations, each on its own. */
class OperationsTest {

  @Test
  void randomRetriangulationKeepsTheVerticesAndChangesTheTriangles() {
    Mesh head = TestMeshes.topology().head();
    Mesh a = RandomRetriangulation.apply(head, 0.3, new SplittableRandom(1));
    Mesh b = RandomRetriangulation.apply(head, 0.3, new SplittableRandom(2));
    Mesh a2 = RandomRetriangulation.apply(head, 0.3, new SplittableRandom(1));
    assertArrayEquals(head.positions(), a.positions());
    assertEquals(2 * head.quadCount(), a.faceCount());
    assertArrayEquals(a.faceVertices(), a2.faceVertices());
    assertFalse(Arrays.equals(a.faceVertices(), b.faceVertices()));
    assertNull(CornerTable.of(a.positions(), a.faceVertices()).check());
    double area = MeshMath.area(head.positions(), head.triangles());
    assertEquals(area, MeshMath.area(a.positions(), a.faceVertices()), 0.01 * area);
  }

  @Test
  void remeshingReachesTheTargetEdgeLengthOnTheSurface() {
    Mesh input = TestMeshes.headTriangles();
    for (double target : new double[] {0.002, 0.0035}) {
      Mesh r = IsotropicRemesher.remesh(input, target, 3);
      double mean = MeshMath.meanEdgeLength(r.positions(), r.faceVertices());
      assertEquals(target, mean, 0.2 * target, "mean edge " + mean);
      assertNotEqualsCount(input, r);
      assertNull(CornerTable.of(r.positions(), r.faceVertices()).check());
      double d = TestMeshes.meanDistance(r, input);
      assertTrue(d < 0.0002, "mean distance " + d);
      // The neck cut stays one open loop.
      assertEquals(1, BoundaryLoops.find(r.vertexCount(), r.faceVertices()).size());
    }
  }

  private static void assertNotEqualsCount(Mesh a, Mesh b) {
    assertTrue(a.vertexCount() != b.vertexCount(), a + " vs " + b);
  }

  @Test
  void remeshingASphereGivesEvenTriangles() {
    Mesh sphere = TestMeshes.sphere(0.1, 2);
    Mesh r = IsotropicRemesher.remesh(sphere, 0.01, 4);
    double mean = MeshMath.meanEdgeLength(r.positions(), r.faceVertices());
    assertEquals(0.01, mean, 0.002);
    float[] p = r.positions();
    for (int v = 0; v < r.vertexCount(); v++) {
      double len = Math.sqrt(p[3 * v] * p[3 * v] + p[3 * v + 1] * p[3 * v + 1] + p[3 * v + 2] * p[3 * v + 2]);
      assertTrue(len < 0.1 + 1e-6 && len > 0.098, "radius " + len);
    }
    assertTrue(BoundaryLoops.find(r.vertexCount(), r.faceVertices()).isEmpty());
    assertTrue(TestMeshes.signedVolume(r) > 0);
  }

  @Test
  void decimationReachesTheRequestedFaceCount() {
    Mesh input = TestMeshes.headTriangles();
    Mesh subdivided = Subdivision.apply(input, Subdivision.Scheme.MIDPOINT);
    for (Mesh m : List.of(input, subdivided)) {
      for (double ratio : new double[] {0.2, 0.45, 0.6}) {
        int target = (int) Math.round(ratio * m.faceCount());
        Mesh d = QuadricDecimator.decimate(m, target);
        assertEquals(target, d.faceCount(), 0.05 * target);
        assertNull(CornerTable.of(d.positions(), d.faceVertices()).check());
        double dist = TestMeshes.meanDistance(d, m);
        assertTrue(dist < 0.0005, "ratio " + ratio + ": mean distance " + dist);
      }
    }
  }

  @Test
  void decimationKeepsTheBoundary() {
    Mesh plane = TestMeshes.plane(0.1, 20);
    Mesh d = QuadricDecimator.decimate(plane, 100);
    assertEquals(100, d.faceCount(), 5);
    float[] b = d.bounds();
    assertEquals(-0.05, b[0], 1e-6);
    assertEquals(0.05, b[3], 1e-6);
    assertEquals(0.01, MeshMath.area(d.positions(), d.faceVertices()), 1e-6);
  }

  @Test
  void midpointSubdivisionKeepsTheSurfaceAndLoopRoundsIt() {
    Mesh input = TestMeshes.headTriangles();
    Mesh mid = Subdivision.apply(input, Subdivision.Scheme.MIDPOINT);
    assertEquals(4 * input.faceCount(), mid.faceCount());
    double area = MeshMath.area(input.positions(), input.faceVertices());
    assertEquals(area, MeshMath.area(mid.positions(), mid.faceVertices()), 1e-6 * area);
    CornerTable table = CornerTable.of(input.positions(), input.faceVertices());
    CornerTable fine = Subdivision.midpoint(table, new int[1][]);
    assertNull(fine.check());
    Mesh viaTable = fine.toMesh();
    assertEquals(mid.vertexCount(), viaTable.vertexCount());
    assertEquals(area, MeshMath.area(viaTable.positions(), viaTable.faceVertices()), 1e-6 * area);
    Mesh loop = Subdivision.apply(input, Subdivision.Scheme.LOOP);
    assertEquals(mid.vertexCount(), loop.vertexCount());
    double d = TestMeshes.meanDistance(loop, input);
    assertTrue(d > 1e-5 && d < 0.0005, "Loop moves the surface a little: " + d);
    Mesh sphere = TestMeshes.sphere(0.1, 1);
    assertTrue(TestMeshes.signedVolume(Subdivision.apply(sphere, Subdivision.Scheme.LOOP)) < TestMeshes.signedVolume(sphere));
  }

  @Test
  void marchingCubesOfASphereIsClosedAndOnTheSphere() {
    Mesh sphere = TestMeshes.sphere(0.05, 4);
    double voxel = 0.004;
    Mesh m = MarchingCubes.reconstruct(sphere, voxel, new double[] {0.3, 0.6, 0.1});
    assertTrue(BoundaryLoops.find(m.vertexCount(), m.faceVertices()).isEmpty(), "closed");
    assertNull(CornerTable.of(m.positions(), m.faceVertices()).check(), "manifold");
    double volume = TestMeshes.signedVolume(m);
    double exact = 4.0 / 3.0 * Math.PI * Math.pow(0.05, 3);
    assertEquals(exact, volume, 0.03 * exact);
    float[] p = m.positions();
    for (int v = 0; v < m.vertexCount(); v++) {
      double r = Math.sqrt(p[3 * v] * p[3 * v] + p[3 * v + 1] * p[3 * v + 1] + p[3 * v + 2] * p[3 * v + 2]);
      assertEquals(0.05, r, 0.1 * voxel);
    }
  }

  @Test
  void marchingCubesOfTheHeadIsAValidMeshWithinAVoxel() {
    Mesh input = TestMeshes.headTriangles();
    for (double voxel : new double[] {0.0015, 0.003}) {
      Mesh m = MarchingCubes.reconstruct(input, voxel, new double[] {0.5, 0.25, 0.75});
      int[] t = m.faceVertices();
      assertEquals(3 * m.faceCount(), t.length);
      for (int i = 0; i < t.length; i += 3) {
        assertTrue(t[i] != t[i + 1] && t[i + 1] != t[i + 2] && t[i] != t[i + 2], "repeated corner");
        assertTrue(MeshMath.area(m.positions(), t, i / 3) > 1e-12, "degenerate triangle " + i / 3);
      }
      assertNull(CornerTable.of(m.positions(), t).check());
      // The neck stays open: the capped opening's surface is dropped again.
      assertEquals(1, BoundaryLoops.find(m.vertexCount(), t).size());
      double d = TestMeshes.meanDistance(m, input);
      assertTrue(d < 0.25 * voxel, "mean distance " + d + " for voxel " + voxel);
      assertTrue(m.vertexCount() > 4368);
    }
  }

  @Test
  void theMarchingCubesTableIsComplete() {
    MarchingCubesTable table = new MarchingCubesTable();
    assertEquals(0, table.triangles(0).length);
    assertEquals(0, table.triangles(255).length);
    for (int config = 1; config < 255; config++) {
      int[] tris = table.triangles(config);
      assertTrue(tris.length >= 3 && tris.length % 3 == 0, "config " + config);
      boolean[] used = new boolean[12];
      for (int e : tris) {
        int a = MarchingCubesTable.EDGE_CORNERS[e][0];
        int b = MarchingCubesTable.EDGE_CORNERS[e][1];
        assertTrue(((config >> a) & 1) != ((config >> b) & 1), "config " + config + " uses a non-crossing edge");
        used[e] = true;
      }
      for (int e = 0; e < 12; e++) {
        int a = MarchingCubesTable.EDGE_CORNERS[e][0];
        int b = MarchingCubesTable.EDGE_CORNERS[e][1];
        if (((config >> a) & 1) != ((config >> b) & 1)) {
          assertTrue(used[e], "config " + config + " leaves crossing edge " + e + " out");
        }
      }
    }
  }

  @Test
  void cornerTableOperationsKeepItConsistent() {
    Mesh input = TestMeshes.headTriangles();
    CornerTable t = CornerTable.of(input.positions(), input.faceVertices());
    assertNull(t.check());
    SplittableRandom r = new SplittableRandom(5);
    int done = 0;
    for (int i = 0; i < 6000; i++) {
      int c = r.nextInt(3 * t.triangleSlots);
      if (t.cv[c] < 0) {
        continue;
      }
      int b = t.cv[CornerTable.next(c)];
      int d = t.cv[CornerTable.prev(c)];
      switch (r.nextInt(3)) {
        case 0 -> {
          t.splitEdge(c, 0.5 * (t.pos[3 * b] + t.pos[3 * d]), 0.5 * (t.pos[3 * b + 1] + t.pos[3 * d + 1]),
              0.5 * (t.pos[3 * b + 2] + t.pos[3 * d + 2]));
          done++;
        }
        case 1 -> {
          if (t.canFlip(c)) {
            t.flip(c);
            done++;
          }
        }
        default -> {
          if (t.canCollapse(c, b, d)) {
            t.collapse(c, b, d);
            done++;
          }
        }
      }
      if (i % 500 == 0) {
        assertNull(t.check(), "after " + i + " operations");
      }
    }
    assertNull(t.check());
    assertTrue(done > 3000);
  }
}
