package dev.topos.synth.scan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.Mesh;
import dev.topos.geometry.Normals;
import dev.topos.topology.Region;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The scan modifiers, each on its own. */
class ModifiersTest {

  @Test
  void holesRemoveGeodesicDiscs() {
    Mesh plane = TestMeshes.plane(0.4, 200); // 2 mm grid
    double r = 0.02;
    GeodesicHoles.Result result = GeodesicHoles.apply(plane, new double[] {r}, new SplittableRandom(3));
    double removed = 0.16 - MeshMath.area(result.mesh().positions(), result.mesh().faceVertices());
    double cx = result.centres()[0];
    double cy = result.centres()[1];
    if (Math.abs(cx) < 0.17 && Math.abs(cy) < 0.17) { // away from the border
      assertTrue(removed > Math.PI * r * r && removed < Math.PI * Math.pow(r + 0.004, 2), "removed " + removed);
    }
    float[] p = result.mesh().positions();
    for (int v = 0; v < result.mesh().vertexCount(); v++) {
      double d = Math.hypot(p[3 * v] - cx, p[3 * v + 1] - cy);
      assertTrue(d > r * 0.99, "vertex left in the hole at " + d);
    }
  }

  @Test
  void theNeckCutRemovesWhatIsBelowThePlane() {
    Mesh head = TestMeshes.headTriangles();
    double[] point = {0, -0.12, -0.05};
    double[] normal = {0, 1, 0.3};
    Mesh cut = NeckCut.apply(head, point, normal, 0, null);
    assertTrue(cut.faceCount() < head.faceCount());
    float[] p = cut.positions();
    int[] t = cut.faceVertices();
    for (int i = 0; i < t.length; i += 3) {
      double y = (p[3 * t[i] + 1] + p[3 * t[i + 1] + 1] + p[3 * t[i + 2] + 1]) / 3;
      double z = (p[3 * t[i] + 2] + p[3 * t[i + 1] + 2] + p[3 * t[i + 2] + 2]) / 3;
      assertTrue((y - point[1]) + 0.3 * (z - point[2]) >= 0);
    }
  }

  @Test
  void partialCoverageKeepsWhatFacesTheScanner() {
    Mesh sphere = TestMeshes.sphere(0.1, 3);
    Mesh front = PartialCoverage.apply(sphere, new double[] {0, 0, 1}, 0.0, 0, null);
    float[] n = Normals.triangleNormals(front.positions(), front.faceVertices());
    for (int t = 0; t < front.faceCount(); t++) {
      assertTrue(n[3 * t + 2] >= -1e-6);
    }
    double ratio = MeshMath.area(front.positions(), front.faceVertices())
        / MeshMath.area(sphere.positions(), sphere.faceVertices());
    assertEquals(0.5, ratio, 0.05);
  }

  @Test
  void noiseMovesAlongTheNormalsByTheRequestedAmount() {
    Mesh sphere = TestMeshes.sphere(0.1, 4);
    for (int passes : new int[] {0, 2}) {
      Mesh noisy = NormalNoise.apply(sphere, 0.001, 0.0, passes, new SplittableRandom(4));
      float[] p = noisy.positions();
      double sq = 0;
      for (int v = 0; v < noisy.vertexCount(); v++) {
        double r = Math.sqrt(p[3 * v] * p[3 * v] + p[3 * v + 1] * p[3 * v + 1] + p[3 * v + 2] * p[3 * v + 2]);
        sq += (r - 0.1) * (r - 0.1);
      }
      double sd = Math.sqrt(sq / noisy.vertexCount());
      assertEquals(0.001, sd, 0.0001, "passes " + passes);
    }
    Mesh again = NormalNoise.apply(sphere, 0.001, 0.0002, 1, new SplittableRandom(4));
    assertArrayEquals(again.positions(), NormalNoise.apply(sphere, 0.001, 0.0002, 1, new SplittableRandom(4)).positions());
  }

  @Test
  void theHairCapLiftsTheScalpOnly() {
    Mesh head = TestMeshes.headTriangles();
    Region[] regions = TestMeshes.topology().regions();
    SplittableRandom r = new SplittableRandom(2);
    RegionMesh hair = HairCap.apply(new RegionMesh(head, regions), 0.015, 0.04, 0.005, 0.2,
        new SmoothNoise(r.split(), 0.05, 8), new SmoothNoise(r.split(), 0.08, 8));
    float[] a = head.positions();
    float[] b = hair.mesh().positions();
    int top = 0;
    double maxLift = 0;
    for (int v = 0; v < regions.length; v++) {
      double d = Math.sqrt(Math.pow(a[3 * v] - b[3 * v], 2) + Math.pow(a[3 * v + 1] - b[3 * v + 1], 2)
          + Math.pow(a[3 * v + 2] - b[3 * v + 2], 2));
      if (regions[v] != Region.SCALP) {
        assertEquals(0, d, 0, "non-scalp vertex moved");
      }
      maxLift = Math.max(maxLift, d);
      if (a[3 * v + 1] > a[3 * top + 1]) {
        top = v;
      }
    }
    assertTrue(b[3 * top + 1] - a[3 * top + 1] > 0.008, "the crown rises");
    assertTrue(maxLift < 0.015 * 1.8, "max lift " + maxLift);
  }

  @Test
  void shouldersAreShoulderWideAndJoinTheNeck() {
    Mesh head = TestMeshes.headTriangles();
    int[] loop = BoundaryLoops.find(head.vertexCount(), head.faceVertices()).get(0);
    float[] neck = new float[3 * loop.length];
    for (int i = 0; i < loop.length; i++) {
      System.arraycopy(head.positions(), 3 * loop[i], neck, 3 * i, 3);
    }
    Mesh bust = Shoulders.attach(head, neck, new Shoulders.Shape(0.4, 0.22, 0.07, 0.02, 0.01, 0.08, 0.004));
    float[] b = bust.bounds();
    assertEquals(0.4, b[3] - b[0], 0.01);
    assertTrue(bust.vertexCount() > head.vertexCount());
    float[] hb = head.bounds();
    assertEquals(hb[4], b[4], 1e-6, "the head's top is unchanged");
    // The neck enters the shoulders: the edge of the shoulders' neck hole hugs the neck (no gap
    // wider than an edge), and no shoulder surface spans the inside of the neck.
    dev.topos.geometry.ClosestPointOnMesh neckSurface = new dev.topos.geometry.ClosestPointOnMesh(head);
    float[] p = bust.positions();
    int holeVertices = 0;
    double chest = b[1] + 0.01;
    for (int[] l : BoundaryLoops.find(bust.vertexCount(), bust.faceVertices())) {
      if (p[3 * l[0] + 1] < chest) {
        continue; // the bust's chest cut
      }
      for (int v : l) {
        double d = neckSurface.distance(p[3 * v], p[3 * v + 1], p[3 * v + 2]);
        if (d > 1e-6) {
          holeVertices++; // a shoulder vertex (head vertices lie on the head)
          assertTrue(d < 0.008, "shoulder hole vertex " + d * 1000 + " mm from the neck");
        }
      }
    }
    assertTrue(holeVertices > 20, "hole vertices " + holeVertices);
  }

  @Test
  void theMouthCanBeOpenedOrSealed() {
    Mesh head = TestMeshes.headTriangles();
    Region[] regions = TestMeshes.topology().regions();
    RegionMesh input = new RegionMesh(head, regions);
    RegionMesh open = MouthCavity.apply(input, MouthCavity.Mode.OPEN);
    RegionMesh sealed = MouthCavity.apply(input, MouthCavity.Mode.SEALED);
    assertEquals(2, BoundaryLoops.find(open.mesh().vertexCount(), open.mesh().faceVertices()).size());
    assertEquals(1, BoundaryLoops.find(sealed.mesh().vertexCount(), sealed.mesh().faceVertices()).size());
    assertTrue(open.mesh().vertexCount() < head.vertexCount());
    assertEquals(input, MouthCavity.apply(input, MouthCavity.Mode.KEEP));
  }

  @Test
  void smoothNoiseHasUnitSpreadAndIsSmooth() {
    SmoothNoise noise = new SmoothNoise(new SplittableRandom(8), 0.05, 8);
    SplittableRandom r = new SplittableRandom(9);
    double sum = 0;
    double sq = 0;
    double step = 0;
    int n = 20000;
    for (int i = 0; i < n; i++) {
      double x = r.nextDouble() - 0.5;
      double y = r.nextDouble() - 0.5;
      double z = r.nextDouble() - 0.5;
      double v = noise.at(x, y, z);
      sum += v;
      sq += v * v;
      step = Math.max(step, Math.abs(noise.at(x + 0.0005, y, z) - v));
    }
    double mean = sum / n;
    assertEquals(0, mean, 0.1);
    assertEquals(1, Math.sqrt(sq / n - mean * mean), 0.2);
    assertTrue(step < 0.3, "half a millimetre changes the field by at most " + step);
    assertEquals(noise.at(0.01, 0.02, 0.03), new SmoothNoise(new SplittableRandom(8), 0.05, 8).at(0.01, 0.02, 0.03));
  }
}
