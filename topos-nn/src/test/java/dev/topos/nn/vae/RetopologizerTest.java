package dev.topos.nn.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.topos.geometry.KdTree;
import dev.topos.geometry.Mesh;
import dev.topos.geometry.Normals;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.Region;
import dev.topos.topology.pyramid.VaeFrame;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Encoding by averaged point subsets, and refinement in both directions, on an untrained model. */
class RetopologizerTest {
  static final int POINTS = 256; // the encoder takes any N; fewer points keep the test fast
  static Mesh head;
  static Region[] regions;
  static TopoVae vae;
  static VaeExample scan; // a deformed reference head, every vertex a point, unit frame

  @BeforeAll
  static void build() {
    ReferenceTopology topology = ReferenceTopology.loadBundled();
    head = topology.head();
    regions = topology.regions();
    VaeConfig config = VaeConfig.cpuSmall().withPoints(POINTS);
    vae = TopoVae.create(config, head, 7);
    float[] p = TestBatches.deform(vae.template().positions(), new SplittableRandom(3));
    float[] n = Normals.vertexNormals(p, head.triangles());
    float[] points = new float[2 * p.length];
    for (int v = 0; v < p.length / 3; v++) {
      System.arraycopy(p, 3 * v, points, 6 * v, 3);
      System.arraycopy(n, 3 * v, points, 6 * v + 3, 3);
    }
    scan = new VaeExample(points, null, null, new VaeFrame(0, 0, 0, 1), "test");
  }

  @AfterAll
  static void close() {
    vae.close();
  }

  @Test
  void theLatentIsTheMeanOfThePosteriorMeansOfTheSubsetsDrawnFromTheSeed() {
    int k = 4;
    float[] latent = new Retopologizer(vae, regions, k).encodeDecode(scan, 9).latent();
    SplittableRandom rng = new SplittableRandom(9);
    float[] expected = null;
    try (NDManager scope = NDManager.newBaseManager()) {
      for (int i = 0; i < k; i++) {
        float[] mean = vae.encode(scope.create(scan.subsample(POINTS, rng), new Shape(1, POINTS, 6))).mean()
            .toFloatArray(); // [L*C]
        if (expected == null) {
          expected = new float[mean.length];
        }
        for (int j = 0; j < mean.length; j++) {
          expected[j] += mean[j] / k;
        }
      }
    }
    assertArrayEquals(expected, latent, 1e-5f);
    float[] single = new Retopologizer(vae, regions, 1).encodeDecode(scan, 9).latent();
    double diff = 0;
    for (int j = 0; j < single.length; j++) {
      diff = Math.max(diff, Math.abs(single[j] - latent[j]));
    }
    assertTrue(diff > 1e-4, "one subset gives another latent than four: " + diff);
  }

  /**
   * Measured (unit frame): scan to head 0.0324 -> 0.0249, head to scan (pulled vertices) 0.0410 ->
   * 0.0220 (0.54x); without the head-to-scan term the latter only reaches 0.0271 (0.66x), which the
   * 0.6x bound rejects.
   */
  @Test
  void refinementPullsTheHeadOntoTheScanInBothDirections() {
    Retopologizer r = new Retopologizer(vae, regions, 2);
    double[] before = distances(r.encodeDecode(scan, 1).positions());
    double[] after = distances(r.refine(scan, 40, 1).positions());
    assertTrue(after[0] < 0.85 * before[0], "scan to head: " + before[0] + " -> " + after[0]);
    assertTrue(after[1] < 0.6 * before[1], "head to scan: " + before[1] + " -> " + after[1]);
  }

  /** Vertices the scan pulls on: not in the mouth cavity, the scalp or the neck. */
  static boolean pulled(int v) {
    return regions[v] != Region.MOUTH_CAVITY && regions[v] != Region.SCALP && regions[v] != Region.NECK;
  }

  /** {mean distance from scan points to the nearest vertex, from {@link #pulled} vertices to the nearest scan point}. */
  static double[] distances(float[] vertices) {
    float[] xyz = new float[scan.scanPoints().length / 2];
    for (int i = 0; i < xyz.length / 3; i++) {
      System.arraycopy(scan.scanPoints(), 6 * i, xyz, 3 * i, 3);
    }
    KdTree toHead = new KdTree(vertices);
    KdTree toScan = new KdTree(xyz);
    double a = 0;
    for (int i = 0; i < xyz.length / 3; i++) {
      a += Math.sqrt(toHead.nearestDistanceSquared(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]));
    }
    double b = 0;
    int m = 0;
    for (int v = 0; v < vertices.length / 3; v++) {
      if (pulled(v)) {
        b += Math.sqrt(toScan.nearestDistanceSquared(vertices[3 * v], vertices[3 * v + 1], vertices[3 * v + 2]));
        m++;
      }
    }
    return new double[] {a / (xyz.length / 3), b / m};
  }

  /**
   * A hair cap (the scan's scalp points 10 mm out along their normals) does not pull the scalp out:
   * scalp vertices move outward by under 1 mm on average (measured: -1.71 mm, i.e. inward). When
   * asked to fit the scalp too, they follow the cap: more than 2 mm out (measured +3.45 mm).
   * Untrained model, unit frame scaled to mm.
   */
  @Test
  void aHairCapPullsTheScalpOutOnlyWhenTheScalpIsFitted() {
    assertTrue(scalpMovesOut(false) < 1, "the scalp followed the hair cap");
    assertTrue(scalpMovesOut(true) > 2, "the fitted scalp stayed put");
  }

  /** Mean outward move of the scalp vertices under refinement against a 10 mm hair cap, mm. */
  static double scalpMovesOut(boolean fitScalpAndNeck) {
    float[] capped = scan.scanPoints().clone();
    float lift = 0.077f; // 10 mm at the head's 0.13 m radius
    for (int v = 0; v < capped.length / 6; v++) {
      if (regions[v] == Region.SCALP) {
        for (int k = 0; k < 3; k++) {
          capped[6 * v + k] += lift * capped[6 * v + 3 + k];
        }
      }
    }
    VaeExample hairy = new VaeExample(capped, null, null, scan.frame(), "test");
    Retopologizer r = new Retopologizer(vae, regions, 2);
    float[] before = r.encodeDecode(hairy, 1).positions();
    float[] after = r.refine(hairy, 40, 1, fitScalpAndNeck).positions();
    float[] normals = Normals.vertexNormals(before, head.triangles());
    double out = 0;
    int n = 0;
    for (int v = 0; v < regions.length; v++) {
      if (regions[v] == Region.SCALP) {
        for (int k = 0; k < 3; k++) {
          out += (after[3 * v + k] - before[3 * v + k]) * normals[3 * v + k];
        }
        n++;
      }
    }
    return out / n / lift * 10;
  }

  @Test
  void atLeastOneSubsetIsNeeded() {
    assertThrows(IllegalArgumentException.class, () -> new Retopologizer(vae, regions, 0));
  }
}
