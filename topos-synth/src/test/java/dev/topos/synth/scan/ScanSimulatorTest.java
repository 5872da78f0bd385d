package dev.topos.synth.scan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.ClosestPointOnMesh;
import dev.topos.geometry.KdTree;
import dev.topos.geometry.Mesh;
import dev.topos.geometry.PointCloud;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.Region;
import dev.topos.topology.space.HeadModel;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScanSimulatorTest {
  static ReferenceTopology topology;
  static Mesh head;
  static ClosestPointOnMesh headSurface;
  static KdTree headVertices;

  @BeforeAll
  static void load() {
    HeadModel model = HeadModel.loadBundled();
    topology = model.topology();
    head = model.sample(11).headMesh();
    headSurface = new ClosestPointOnMesh(head);
    headVertices = new KdTree(head.positions());
  }

  static double meanDistanceMm(PointCloud points) {
    return Arrays.stream(headSurface.distances(points.positions())).average().orElseThrow() * 1000;
  }

  @ParameterizedTest
  @EnumSource(ScanFamily.class)
  void everyFamilyChangesTheTopologyAndStaysOnTheHead(ScanFamily family) {
    ScanSimulator simulator = new ScanSimulator(topology, ScanOptions.clean());
    Scan scan = simulator.simulate(head, 5, family);
    assertEquals(family, scan.family());
    assertEquals(family.key(), scan.parameters().get("family"));
    assertNotEquals(topology.vertexCount(), scan.mesh().vertexCount());
    assertEquals(3 * scan.mesh().faceCount(), scan.mesh().faceVertices().length, "a triangle mesh");
    assertEquals(4096, scan.points().size());
    double mean = meanDistanceMm(scan.points());
    switch (family) {
      case REMESHED, DECIMATED, PARTIAL -> assertTrue(mean < 1.0, family + ": mean distance " + mean + " mm");
      case MARCHING_CUBES -> {
        double voxel = ((Number) scan.parameters().get("voxelMm")).doubleValue();
        assertTrue(mean < voxel, "mean distance " + mean + " mm, voxel " + voxel + " mm");
        assertTrue(mean < 0.5 * voxel, "mean distance " + mean + " mm, voxel " + voxel + " mm");
      }
      case NOISY -> {
        double sd = ((Number) scan.parameters().get("noiseSdMm")).doubleValue();
        assertTrue(sd >= 0.5 && sd <= 1.5, "noise sd " + sd);
        assertTrue(mean > 0.2 && mean < 2.5, "mean distance " + mean + " mm with noise sd " + sd + " mm");
      }
      default -> throw new AssertionError(family);
    }
  }

  @Test
  void allBaseOperationsMeetTheirAccuracyOverSeveralSeeds() {
    ScanSimulator simulator = new ScanSimulator(topology, ScanOptions.clean());
    for (ScanFamily family : List.of(ScanFamily.REMESHED, ScanFamily.DECIMATED, ScanFamily.MARCHING_CUBES)) {
      for (long seed = 100; seed < 103; seed++) {
        Scan scan = simulator.simulate(head, seed, family);
        double mean = meanDistanceMm(scan.points());
        double bound = family == ScanFamily.MARCHING_CUBES
            ? ((Number) scan.parameters().get("voxelMm")).doubleValue() : 1.0;
        assertTrue(mean < bound, family + " seed " + seed + ": " + mean + " mm");
      }
    }
  }

  /** Back-of-head vertices: scalp behind the ears and above the nape. */
  static int[] backOfHead() {
    Region[] r = topology.regions();
    float[] p = head.positions();
    return java.util.stream.IntStream.range(0, r.length)
        .filter(v -> r[v] == Region.SCALP && p[3 * v + 2] < -0.11 && p[3 * v + 1] > -0.06).toArray();
  }

  static double coveredFraction(int[] vertices, Mesh scan) {
    ClosestPointOnMesh s = new ClosestPointOnMesh(scan);
    float[] p = head.positions();
    int near = 0;
    for (int v : vertices) {
      if (s.distance(p[3 * v], p[3 * v + 1], p[3 * v + 2]) < 0.003) {
        near++;
      }
    }
    return near / (double) vertices.length;
  }

  @Test
  void partialScansMissMostOfTheBackOfTheHead() {
    int[] back = backOfHead();
    assertTrue(back.length > 100, "back-of-head vertices: " + back.length);
    ScanSimulator simulator = new ScanSimulator(topology, ScanOptions.clean());
    double full = coveredFraction(back, simulator.simulate(head, 3, ScanFamily.REMESHED).mesh());
    assertTrue(full > 0.95, "a full scan covers the back: " + full);
    ScanSimulator defaults = new ScanSimulator(topology, ScanOptions.defaults());
    for (long seed = 0; seed < 4; seed++) {
      Scan scan = defaults.simulate(head, seed, ScanFamily.PARTIAL);
      double f = coveredFraction(back, scan.mesh());
      assertTrue(f < 0.5, "seed " + seed + ": " + f + " of the back covered, " + scan.parameters());
    }
  }

  @Test
  void theSameSeedGivesTheSameBytesAndOtherSeedsDiffer() {
    ScanSimulator simulator = new ScanSimulator(topology, ScanOptions.defaults());
    for (long seed : new long[] {42, 43, 44}) {
      Scan a = simulator.simulate(head, seed);
      Scan b = simulator.simulate(head, seed);
      assertArrayEquals(a.mesh().positions(), b.mesh().positions());
      assertArrayEquals(a.mesh().faceVertices(), b.mesh().faceVertices());
      assertArrayEquals(a.points().positions(), b.points().positions());
      assertArrayEquals(a.points().normals(), b.points().normals());
      assertEquals(a.parameters(), b.parameters());
    }
    Scan a = simulator.simulate(head, 1, ScanFamily.REMESHED);
    Scan b = simulator.simulate(head, 2, ScanFamily.REMESHED);
    assertFalse(Arrays.equals(a.mesh().positions(), b.mesh().positions()));
    assertFalse(Arrays.equals(a.points().positions(), b.points().positions()));
  }

  @Test
  void namingTheDrawnFamilyChangesNothing() {
    ScanSimulator simulator = new ScanSimulator(topology, ScanOptions.defaults());
    Scan drawn = simulator.simulate(head, 7);
    Scan named = simulator.simulate(head, 7, drawn.family());
    assertArrayEquals(drawn.points().positions(), named.points().positions());
    assertEquals(drawn.parameters(), named.parameters());
  }

  @Test
  void regionsPassedWithTheHeadWorkLikeTheTopology() {
    Scan a = new ScanSimulator(topology, ScanOptions.defaults()).simulate(head, 9);
    Scan b = new ScanSimulator(ScanOptions.defaults()).simulate(head, topology.regions(), 9);
    assertArrayEquals(a.mesh().positions(), b.mesh().positions());
    assertThrows(IllegalStateException.class, () -> new ScanSimulator(ScanOptions.defaults()).simulate(head, 9));
    assertThrows(IllegalArgumentException.class,
        () -> new ScanSimulator(ScanOptions.defaults()).simulate(head, new Region[3], 9));
  }

  @Test
  void thePointCloudHasExactlyTheRequestedPoints() {
    Scan scan = new ScanSimulator(topology, ScanOptions.defaults().withPoints(1000)).simulate(head, 3);
    assertEquals(1000, scan.points().size());
    assertEquals(3000, scan.points().normals().length);
  }

  @Test
  void sampledNormalsAreUnitAndPointOutwardOnTheFace() {
    double[] centre = new double[3];
    float[] hp = head.positions();
    for (int v = 0; v < head.vertexCount(); v++) {
      for (int k = 0; k < 3; k++) {
        centre[k] += hp[3 * v + k] / head.vertexCount();
      }
    }
    Region[] regions = topology.regions();
    ScanSimulator simulator = new ScanSimulator(topology, ScanOptions.defaults().withModifiers(0, 0, 0.6, 0.3, 0.5));
    for (ScanFamily family : ScanFamily.values()) {
      Scan scan = simulator.simulate(head, 21, family);
      float[] p = scan.points().positions();
      float[] n = scan.points().normals();
      int face = 0;
      int outward = 0;
      for (int i = 0; i < scan.points().size(); i++) {
        double len = Math.sqrt(n[3 * i] * n[3 * i] + n[3 * i + 1] * n[3 * i + 1] + n[3 * i + 2] * n[3 * i + 2]);
        assertEquals(1.0, len, 1e-4, "unit normal");
        int nearest = headVertices.nearest(p[3 * i], p[3 * i + 1], p[3 * i + 2]);
        if (regions[nearest] != Region.FACE) {
          continue;
        }
        face++;
        double dot = 0;
        for (int k = 0; k < 3; k++) {
          dot += n[3 * i + k] * (p[3 * i + k] - centre[k]);
        }
        if (dot > 0) {
          outward++;
        }
      }
      assertTrue(face > 200, family + ": face points " + face);
      double fraction = outward / (double) face;
      assertTrue(fraction > (family == ScanFamily.NOISY ? 0.85 : 0.95), family + ": outward " + fraction);
    }
  }

  @Test
  void defaultScansAreValidAndRecordTheirChoices() {
    ScanSimulator simulator = new ScanSimulator(topology, ScanOptions.defaults());
    Map<ScanFamily, Integer> seen = new EnumMap<>(ScanFamily.class);
    for (long seed = 200; seed < 220; seed++) {
      Scan scan = simulator.simulate(head, seed);
      seen.merge(scan.family(), 1, Integer::sum);
      Mesh m = scan.mesh();
      for (float x : m.positions()) {
        assertTrue(Float.isFinite(x));
      }
      for (float x : scan.points().positions()) {
        assertTrue(Float.isFinite(x));
      }
      assertNotEquals(topology.vertexCount(), m.vertexCount());
      Map<String, Object> params = scan.parameters();
      for (String key : List.of("family", "base", "retriangulationFlips", "mouth", "hair", "shoulders", "holes",
          "noiseSdMm", "points", "pointSeed")) {
        assertTrue(params.containsKey(key), "missing " + key + " in " + params);
      }
      assertJsonReady(params);
      assertThrows(UnsupportedOperationException.class, () -> params.put("x", 1));
      // Much of the scan lies near the head, hair and noise included (shoulders add far points).
      double[] d = headSurface.distances(scan.points().positions());
      Arrays.sort(d);
      double quantile = d[(int) (d.length * (Boolean.TRUE.equals(params.get("shoulders")) ? 0.2 : 0.5))] * 1000;
      assertTrue(quantile < 10, "seed " + seed + ": distance quantile " + quantile + " mm, " + params);
    }
    assertTrue(seen.size() >= 4, "families drawn: " + seen);
  }

  static void assertJsonReady(Object value) {
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        assertTrue(e.getKey() instanceof String);
        assertJsonReady(e.getValue());
      }
    } else if (value instanceof List<?> list) {
      list.forEach(ScanSimulatorTest::assertJsonReady);
    } else {
      assertTrue(value instanceof Number || value instanceof String || value instanceof Boolean,
          "not JSON-ready: " + value + " (" + value.getClass() + ")");
      if (value instanceof Double x) {
        assertTrue(Double.isFinite(x));
      }
    }
  }

  @Test
  void optionsRejectNonsense() {
    Map<ScanFamily, Double> zero = new EnumMap<>(ScanFamily.class);
    assertThrows(IllegalArgumentException.class, () -> ScanOptions.defaults().withFamilyWeights(zero));
    assertThrows(IllegalArgumentException.class, () -> ScanOptions.defaults().withPoints(0));
    assertThrows(IllegalArgumentException.class, () -> ScanOptions.defaults().withModifiers(1.5, 0, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> ScanOptions.defaults().withMouth(0.7, 0.7));
    assertThrows(IllegalArgumentException.class, () -> new Interval(2, 1));
  }

  @Test
  void familyWeightsSelectTheFamilies() {
    Map<ScanFamily, Double> only = new EnumMap<>(ScanFamily.class);
    only.put(ScanFamily.DECIMATED, 1.0);
    ScanSimulator simulator = new ScanSimulator(topology, ScanOptions.clean().withFamilyWeights(only));
    for (long seed = 0; seed < 3; seed++) {
      assertEquals(ScanFamily.DECIMATED, simulator.simulate(head, seed).family());
    }
  }
}
