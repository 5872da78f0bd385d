package dev.topos.nn.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.topos.geometry.ClosestPointOnMesh;
import dev.topos.geometry.KdTree;
import dev.topos.geometry.Mesh;
import dev.topos.geometry.Normals;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.Region;
import dev.topos.topology.pyramid.VaeFrame;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Encoding by averaged point subsets, and refinement in both directions, on an untrained model. */
class RetopologizerTest {
  static final int POINTS = 256; // the encoder takes any N; fewer points keep the test fast
  static final double HEAD_RADIUS_METRES = 0.13; // the frame's scale: refinement's limits are in metres
  static Mesh head;
  static Region[] regions;
  static TopoVae vae;
  static VaeExample scan; // a deformed reference head, every vertex a point, unit frame of a 0.13 m radius

  @BeforeAll
  static void build() {
    ReferenceTopology topology = ReferenceTopology.loadBundled();
    head = topology.head();
    regions = topology.regions();
    VaeConfig config = VaeConfig.cpuSmall().withPoints(POINTS);
    vae = TopoVae.create(config, head, 7);
    scan = TestBatches.deformedExample(vae.template(), 3, new VaeFrame(0, 0, 0, HEAD_RADIUS_METRES));
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
   * Measured (unit frame, session 13: the scan-to-surface loss, prior 0.1): scan to surface 0.0152
   * -> 0.0099 (0.65x), head to scan (pulled vertices) 0.0410 -> 0.0260 (0.63x); without the head-to-scan
   * term the latter only reaches 0.0332 (0.81x), which the 0.72x bound rejects. Refining an untrained model
   * is chaotic: PyTorch's multi-threaded sums differ in the last bits from run to run and Adam's
   * normalised steps amplify them (with the loss of sessions 3-12 the scan-to-head figure ranged
   * 0.0249-0.0307 with the suite's test order), so the bounds leave room.
   */
  @Test
  void refinementPullsTheHeadOntoTheScanInBothDirections() {
    // No match or placement limits (an untrained model's head lies far from the scan), but the best
    // iterate: without it the result depended on the order the suite ran tests in (0.0249 alone,
    // 0.0307 in the full suite), refinement of an untrained model being chaotic.
    double inf = Double.POSITIVE_INFINITY;
    Retopologizer r = new Retopologizer(vae, regions, 2, new Retopologizer.Limits(inf, inf, inf, inf, true));
    double[] before = distances(r.encodeDecode(scan, 1).positions());
    double[] after = distances(r.refine(scan, 40, 1).positions());
    System.out.printf("refinement: scan to surface %.4f -> %.4f, head to scan %.4f -> %.4f%n", before[0], after[0], before[1], after[1]);
    assertTrue(after[0] < 0.85 * before[0], "scan to surface: " + before[0] + " -> " + after[0]);
    assertTrue(after[1] < 0.72 * before[1], "head to scan: " + before[1] + " -> " + after[1]);
  }

  /** Vertices the scan pulls on: not in the mouth cavity, the scalp or the neck. */
  static boolean pulled(int v) {
    return regions[v] != Region.MOUTH_CAVITY && regions[v] != Region.SCALP && regions[v] != Region.NECK;
  }

  /** {mean distance from scan points to the head's surface, from {@link #pulled} vertices to the nearest scan point}. */
  static double[] distances(float[] vertices) {
    float[] xyz = new float[scan.scanPoints().length / 2];
    for (int i = 0; i < xyz.length / 3; i++) {
      System.arraycopy(scan.scanPoints(), 6 * i, xyz, 3 * i, 3);
    }
    KdTree toScan = new KdTree(xyz);
    double a = 0;
    for (double d : new ClosestPointOnMesh(vertices, head.triangles()).distances(xyz)) {
      a += d;
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
   * A hair cap (the scan's scalp points 6 mm out along their normals, within the 10 mm match
   * limit) does not pull the scalp out: scalp vertices move outward by under 1 mm on average
   * (measured: -1.60 mm, i.e. inward; -2.11 mm before session 13). When asked to fit the scalp too,
   * they follow the cap, over 2 mm farther out than when left to follow (measured: +1.37 mm; +2.36
   * before session 13). Untrained model, no limits (see the test below for those).
   */
  @Test
  void aHairCapPullsTheScalpOutOnlyWhenTheScalpIsFitted() {
    // Measured: -2.05 to -2.12 mm left to follow, 2.34-2.36 mm fitted, once 1.00 mm (PyTorch's threads add in
    // a varying order, and 40 Adam steps on an untrained model amplify it), so the bounds leave room;
    // session 13 (the scan-to-surface loss, prior 0.1): -1.60 to -1.67 and 1.35-1.37 mm.
    double following = scalpMovesOut(false);
    double fitted = scalpMovesOut(true);
    assertTrue(following < 1, "the scalp followed the hair cap");
    assertTrue(fitted > 0.75 && fitted - following > 2, "the fitted scalp stayed put");
  }

  /** Mean outward move of the scalp vertices under refinement against a 6 mm hair cap, mm. */
  static double scalpMovesOut(boolean fitScalpAndNeck) {
    double moved = scalpMovesOutMm(fitScalpAndNeck);
    System.out.printf("hair cap, fit scalp %s: %.3f mm%n", fitScalpAndNeck, moved);
    return moved;
  }

  static double scalpMovesOutMm(boolean fitScalpAndNeck) {
    float[] capped = scan.scanPoints().clone();
    float lift = (float) (0.006 / HEAD_RADIUS_METRES); // 6 mm in the unit frame
    for (int v = 0; v < capped.length / 6; v++) {
      if (regions[v] == Region.SCALP) {
        for (int k = 0; k < 3; k++) {
          capped[6 * v + k] += lift * capped[6 * v + 3 + k];
        }
      }
    }
    VaeExample hairy = new VaeExample(capped, null, null, scan.frame(), "test");
    Retopologizer r = new Retopologizer(vae, regions, 2, Retopologizer.Limits.NONE);
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
    return out / n * HEAD_RADIUS_METRES * 1000;
  }

  /**
   * Leftover body (a disc of points 30 mm below the head, 0.3 m across, like shoulders that the
   * conditioning kept) cannot drag the placement beyond 5 mm and 2 % with the default limits;
   * without limits it does (measured, untrained model: scale 0.9802 and shifts of at most 2.2 mm
   * with limits; scale 0.9679 and shifts up to 2.9 mm without).
   */
  @Test
  void leftoverBodyCannotDragThePlacementBeyondTheLimits() {
    float[] clean = scan.scanPoints();
    int body = 2000;
    float[] withBody = java.util.Arrays.copyOf(clean, clean.length + 6 * body);
    float minY = Float.POSITIVE_INFINITY;
    for (int i = 0; i < clean.length / 6; i++) {
      minY = Math.min(minY, clean[6 * i + 1]);
    }
    float y = (float) (minY - 0.03 / HEAD_RADIUS_METRES);
    SplittableRandom rng = new SplittableRandom(5);
    for (int i = 0; i < body; i++) {
      double rad = 0.15 / HEAD_RADIUS_METRES * Math.sqrt(rng.nextDouble());
      double ang = 2 * Math.PI * rng.nextDouble();
      int o = clean.length + 6 * i;
      withBody[o] = (float) (rad * Math.cos(ang));
      withBody[o + 1] = y;
      withBody[o + 2] = (float) (rad * Math.sin(ang));
      withBody[o + 4] = 1; // normal up
    }
    VaeExample bodied = new VaeExample(withBody, null, null, scan.frame(), "test");
    float[] limited = new Retopologizer(vae, regions, 2, Retopologizer.Limits.DEFAULT).refine(bodied, 60, 1).placement();
    float[] free = new Retopologizer(vae, regions, 2, Retopologizer.Limits.NONE).refine(bodied, 60, 1).placement();
    double shiftMm = 1000 * HEAD_RADIUS_METRES;
    System.out.printf("leftover body: placement shift (%.2f, %.2f, %.2f) mm, scale %.4f with limits; "
        + "(%.2f, %.2f, %.2f) mm, scale %.4f without%n", limited[0] * shiftMm, limited[1] * shiftMm, limited[2] * shiftMm,
        Math.exp(limited[3]), free[0] * shiftMm, free[1] * shiftMm, free[2] * shiftMm, Math.exp(free[3]));
    for (int a = 0; a < 3; a++) {
      assertTrue(Math.abs(limited[a]) * shiftMm <= 5 + 1e-3, "shift " + limited[a] * shiftMm + " mm");
    }
    assertTrue(Math.abs(limited[3]) <= 0.02 + 1e-6, "log-scale " + limited[3]);
    double freeMax = Math.max(Math.abs(free[3]) / 0.02, Math.max(Math.abs(free[0]), Math.max(Math.abs(free[1]),
        Math.abs(free[2]))) * shiftMm / 5);
    assertTrue(freeMax > 1, "without limits the placement stayed within them too: nothing was tested");
  }

  /** A calibration that adds a fixed shift: the feed-forward answer gets it, the network's and a face scan's do not. */
  @Test
  void theCalibrationIsTheFeedForwardAnswersAlone() {
    int d = 3 * head.vertexCount();
    int latentSize = vae.tokens() * vae.config().latentChannels();
    float[] shift = new float[d];
    for (int v = 0; v < head.vertexCount(); v++) {
      shift[3 * v] = 0.01f; // unit frame
    }
    dev.topos.geometry.PrincipalModes errors = new dev.topos.geometry.PrincipalModes(shift, new float[d], 2);
    float[] weights = new float[(latentSize + 1) * 2]; // [the latent, 1 constant] x [mean, 1 direction]
    weights[2 * latentSize] = 1; // the constant times the mean error
    FeedForwardCalibration c = new FeedForwardCalibration(null, latentSize, errors, weights, 10, 0.1, 0, 1);
    Retopologizer network = new Retopologizer(vae, regions);
    Retopologizer calibrated = network.withCalibration(c);
    float[] own = network.encodeDecode(scan, 9).positions();
    float[] ff = calibrated.feedForward(scan, 9).positions();
    for (int j = 0; j < d; j++) {
      assertEquals(own[j] + shift[j], ff[j], 0f);
    }
    assertArrayEquals(own, calibrated.encodeDecode(scan, 9).positions()); // the correction starts here
    assertArrayEquals(ff, calibrated.refine(scan, 0, 9).positions()); // no steps: the feed-forward answer
    // refinement starts from the calibrated head and keeps the calibration's shift on every iterate:
    // the result is the decoded head at its latent, shifted, then placed (e^s x + t)
    Retopologizer.Result refined = calibrated.refine(scan, 3, 9);
    float[] decoded = calibrated.decode(refined.latent());
    float[] pose = refined.placement();
    double scale = Math.exp(pose[3]);
    for (int j = 0; j < d; j++) {
      assertEquals(scale * (decoded[j] + shift[j]) + pose[j % 3], refined.positions()[j], 1e-5, "value " + j);
    }
    assertFalse(Arrays.equals(refined.positions(), network.refine(scan, 3, 9).positions()), "refinement ignored the calibration");
    assertArrayEquals(own, network.feedForward(scan, 9).positions());
    assertTrue(calibrated.isCalibrated() && calibrated.observingOnly(java.util.Set.of(Region.NOSE)).isCalibrated());
    assertFalse(calibrated.forFaceScans().isCalibrated(), "fitted on whole scans: not for a face alone");
    FeedForwardCalibration other = new FeedForwardCalibration(null, latentSize + 1, errors, new float[(latentSize + 2) * 2], 10, 0.1, 0, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> network.withCalibration(other));
    assertTrue(e.getMessage().contains("calibration.bin"), e.getMessage());
  }

  @Test
  void observingOnlyNeedsAVertexTheScanCanPullOn() {
    Retopologizer r = new Retopologizer(vae, regions);
    assertThrows(IllegalArgumentException.class, () -> r.observingOnly(java.util.Set.of()));
    assertThrows(IllegalArgumentException.class, () -> r.observingOnly(java.util.Set.of(Region.SCALP, Region.NECK)));
    assertThrows(IllegalArgumentException.class, () -> r.observingOnly(java.util.Set.of(Region.MOUTH_CAVITY)));
    r.observingOnly(java.util.Set.of(Region.NOSE)); // a region with vertices to pull: fine
  }

  @Test
  void atLeastOneSubsetIsNeededAndLimitsArePositive() {
    assertThrows(IllegalArgumentException.class, () -> new Retopologizer(vae, regions, 0));
    assertThrows(IllegalArgumentException.class, () -> new Retopologizer.Limits(0, 1, 1, 1, true));
    assertThrows(IllegalArgumentException.class, () -> new Retopologizer.Limits(1, -1, 1, 1, true));
    assertThrows(IllegalArgumentException.class, () -> new Retopologizer.Limits(1, 1, Double.NaN, 1, true));
    assertThrows(IllegalArgumentException.class, () -> new Retopologizer.Limits(1, 1, 1, 0, true));
    assertThrows(IllegalArgumentException.class, () -> new Retopologizer.Encoding(1, 0));
  }

  @Test
  void anEncodingPassTakesWhatTheScanHasBetweenTheTrainedCountAndItsOwn() {
    Retopologizer.Encoding e = Retopologizer.Encoding.DEFAULT;
    assertEquals(4096, e.pointsFor(8192, 1024)); // a big scan: its own count
    assertEquals(2000, e.pointsFor(2000, 1024)); // every point once
    assertEquals(1024, e.pointsFor(300, 1024)); // a small scan repeats points, as in training
  }

  /**
   * With the scan out of reach (every point moved 5 head radii away, so no vertex finds one within
   * 10 mm), the shape fit must not hand back the shape modes' mean: the correction stops after the
   * error modes, exactly as without shape modes.
   */
  @Test
  void theShapeFitIsSkippedWhenTooLittleOfTheScanIsNearTheHead() {
    int d = 3 * head.vertexCount();
    float[] zeroMode = new float[d];
    ErrorModes errorModes = new ErrorModes(new float[d], zeroMode, 2);
    dev.topos.topology.fit.ShapeModes shape = new dev.topos.topology.fit.ShapeModes(
        new dev.topos.geometry.PrincipalModes(head.positions().clone(), zeroMode, 2));
    float[] far = scan.scanPoints().clone(); // [P*6] unit-frame xyz and normal
    for (int p = 0; p < far.length / 6; p++) {
      far[6 * p] += 5;
    }
    VaeExample away = new VaeExample(far, scan.targetPositions(), scan.targetNormals(), scan.frame(), scan.family());
    Retopologizer corrector = new Retopologizer(vae, regions).withErrorModes(errorModes);
    Retopologizer.Result ff = corrector.encodeDecode(away, 3);
    float[] without = corrector.correct(away, ff).positions();
    float[] with = corrector.withShapeModes(shape).correct(away, ff).positions();
    assertArrayEquals(without, with);
    assertArrayEquals(ff.positions(), without, 1e-7f); // zero modes, nothing seen: the head is unchanged
    // with the scan in reach (the head is the scan itself, one point per vertex) the shape fit runs;
    // with zero modes it can only move the reference head (the mean) onto the deformed scan
    float[] onScan = new float[3 * head.vertexCount()]; // [V*3] unit frame
    for (int v = 0; v < head.vertexCount(); v++) {
      System.arraycopy(scan.scanPoints(), 6 * v, onScan, 3 * v, 3);
    }
    Retopologizer.Result given = new Retopologizer.Result(onScan, ff.latent(), ff.placement());
    float[] start = corrector.correct(scan, given).positions();
    float[] near = corrector.withShapeModes(shape).correct(scan, given).positions();
    assertArrayEquals(onScan, start, 1e-6f); // nothing to correct: zero error modes, offsets 0
    double moved = 0;
    for (int i = 0; i < near.length; i++) {
      moved = Math.max(moved, Math.abs(near[i] - start[i]));
    }
    assertTrue(moved > 0.01, "the shape fit left the head in place: " + moved + " (unit frame)");
  }

  @Test
  void aShapeFitNeedsPassesAndAPositiveFiniteNoiseAndScale() {
    assertThrows(IllegalArgumentException.class, () -> new Retopologizer.ShapeFit(0, 0.001, 0.001, true));
    assertThrows(IllegalArgumentException.class, () -> new Retopologizer.ShapeFit(1, 0, 0.001, true));
    assertThrows(IllegalArgumentException.class, () -> new Retopologizer.ShapeFit(1, 0.001, Double.POSITIVE_INFINITY, true));
    assertThrows(IllegalArgumentException.class, () -> new Retopologizer.ShapeFit(1, Double.NaN, 0.001, true));
    dev.topos.topology.fit.ShapeModes small = new dev.topos.topology.fit.ShapeModes(
        new dev.topos.geometry.PrincipalModes(new float[9], new float[9], 2));
    assertThrows(IllegalArgumentException.class, () -> new Retopologizer(vae, regions).withShapeModes(small));
  }
}
