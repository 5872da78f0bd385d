package dev.topos.topology.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.Mesh;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.Region;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Gaussian over heads and its fit to a scan's normal offsets. */
class ShapeModesTest {
  private static final int FIELDS = 6;
  private static ReferenceTopology topology;
  private static ShapeModes shape;

  @BeforeAll
  static void fitOnHeadsFromAKnownGaussian() {
    topology = ReferenceTopology.loadBundled();
    SplittableRandom r = new SplittableRandom(1);
    float[][] heads = new float[200][];
    for (int i = 0; i < heads.length; i++) {
      heads[i] = head(coordinates(r));
    }
    shape = ShapeModes.fit(heads, 12);
  }

  static double[] coordinates(SplittableRandom r) {
    double[] z = new double[FIELDS];
    for (int f = 0; f < FIELDS; f++) {
      z[f] = r.nextGaussian();
    }
    return z;
  }

  /** The reference head plus FIELDS smooth fields (a sine of the position along a fixed direction), 3 mm each per unit of z. */
  static float[] head(double[] z) {
    float[] p = topology.head().positions().clone(); // [V*3]
    for (int f = 0; f < FIELDS; f++) {
      double[] dir = {Math.cos(f), Math.sin(f * 1.7), Math.cos(f * 2.3)};
      double norm = Math.sqrt(dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2]);
      for (int v = 0; v < p.length / 3; v++) {
        double phase = 20 * (p[3 * v] * Math.sin(f) + p[3 * v + 1] * Math.cos(f) + p[3 * v + 2] * 0.5) + f;
        double amount = 0.003 * z[f] * Math.sin(phase) / norm;
        for (int c = 0; c < 3; c++) {
          p[3 * v + c] += (float) (amount * dir[c]);
        }
      }
    }
    return p;
  }

  static double meanError(float[] a, float[] b) {
    double sum = 0;
    for (int v = 0; v < a.length / 3; v++) {
      double dx = a[3 * v] - b[3 * v];
      double dy = a[3 * v + 1] - b[3 * v + 1];
      double dz = a[3 * v + 2] - b[3 * v + 2];
      sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
    return sum / (a.length / 3.0);
  }

  /** Fits the shape modes to {@code truth}'s vertices as a scan, from {@code start}, in {@code passes} passes. */
  static float[] fitTo(float[] truth, float[] start, int passes) {
    Mesh head = topology.head();
    boolean[] observable = new boolean[truth.length / 3];
    for (int v = 0; v < observable.length; v++) {
      observable[v] = topology.regions()[v] != Region.MOUTH_CAVITY;
    }
    float[] scanNormals = head.withPositions(truth).vertexNormals();
    float[] current = start;
    for (int pass = 0; pass < passes; pass++) {
      NormalOffsets seen = NormalOffsets.observe(current, head.withPositions(current).vertexNormals(), observable, truth, scanNormals, 0.010);
      current = shape.fit(current, seen, null, 0.0002);
    }
    return current;
  }

  static float[] moved(float[] p, double tx, double ty, double tz, double tiltRadians) {
    float[] out = new float[p.length];
    double c = Math.cos(tiltRadians);
    double s = Math.sin(tiltRadians);
    for (int v = 0; v < p.length / 3; v++) { // a tilt about +X (nodding), then the shift
      out[3 * v] = (float) (p[3 * v] + tx);
      out[3 * v + 1] = (float) (c * p[3 * v + 1] - s * p[3 * v + 2] + ty);
      out[3 * v + 2] = (float) (s * p[3 * v + 1] + c * p[3 * v + 2] + tz);
    }
    return out;
  }

  @Test
  void theExactSurfacePlacesTheVerticesOfAHeadItWasNotFittedOn() {
    float[] truth = head(coordinates(new SplittableRandom(2)));
    float[] start = shape.gaussian().mean();
    double before = meanError(start, truth);
    double after = meanError(fitTo(truth, start, 3), truth);
    assertTrue(before > 0.002, "the test head is " + before * 1000 + " mm from the mean");
    assertTrue(after < 0.1 * before && after < 0.0003, "fitted to " + after * 1000 + " mm from " + before * 1000 + " mm");
  }

  /** The scan's points alone (each at its closest point on the head, three vertices mixed) place the head too. */
  @Test
  void theScanPointsAtTheirClosestPointsPlaceTheVerticesToo() {
    float[] truth = head(coordinates(new SplittableRandom(5)));
    float[] start = shape.gaussian().mean();
    boolean[] observable = new boolean[truth.length / 3];
    java.util.Arrays.fill(observable, true);
    float[] scanNormals = topology.head().withPositions(truth).vertexNormals();
    float[] current = start;
    for (int pass = 0; pass < 3; pass++) {
      SurfaceOffsets seen = SurfaceOffsets.atScanPoints(current, topology.head().triangles(), observable, truth, scanNormals, 0.010);
      current = shape.fit(current, seen, null, 0.0002);
    }
    double before = meanError(start, truth);
    double after = meanError(current, truth);
    assertTrue(after < 0.1 * before && after < 0.0003, "fitted to " + after * 1000 + " mm from " + before * 1000 + " mm");
  }

  @Test
  void aShiftedAndTiltedScanIsFittedInItsOwnFrame() {
    float[] truth = head(coordinates(new SplittableRandom(3)));
    float[] start = shape.gaussian().mean();
    double still = meanError(fitTo(truth, start, 3), truth);
    float[] movedTruth = moved(truth, 0.3, -0.2, 1.0, Math.toRadians(3));
    double moved = meanError(fitTo(movedTruth, moved(start, 0.3, -0.2, 1.0, 0), 4), movedTruth);
    assertTrue(moved < 2 * still + 0.0001, "3 degrees and a metre away: " + moved * 1000 + " mm, in place " + still * 1000 + " mm");
  }

  @Test
  void noObservationsGiveTheMeanWhereverTheHeadIs() {
    float[] start = moved(head(coordinates(new SplittableRandom(4))), 0.05, 0, 0, 0);
    float[] out = shape.fit(start, new NormalOffsets(new int[0], new float[0], new double[0]), null, 0.001);
    float[] mean = shape.gaussian().mean();
    double[] shift = new double[3];
    for (int i = 0; i < start.length; i++) {
      shift[i % 3] += (start[i] - mean[i]) / (start.length / 3.0);
    }
    for (int i = 0; i < out.length; i++) {
      assertEquals(mean[i] + shift[i % 3], out[i], 1e-6, "coordinate " + i);
    }
  }

  @Test
  void badWeightsAndSigmasAreRefused() {
    float[] mean = shape.gaussian().mean();
    NormalOffsets one = new NormalOffsets(new int[] {7}, new float[] {0, 0, 1}, new double[] {0.001});
    assertThrows(IllegalArgumentException.class, () -> shape.fit(mean, one, new double[] {0}, 0.001));
    assertThrows(IllegalArgumentException.class, () -> shape.fit(mean, one, new double[] {Double.NaN}, 0.001));
    assertThrows(IllegalArgumentException.class, () -> shape.fit(mean, one, new double[] {1, 1}, 0.001));
    assertThrows(IllegalArgumentException.class, () -> shape.fit(mean, one, null, 0));
    assertThrows(IllegalArgumentException.class, () -> shape.fit(new float[9], one, null, 0.001));
    assertThrows(IllegalArgumentException.class, () -> shape.fit(mean, one, null, Double.POSITIVE_INFINITY));
    NormalOffsets outside = new NormalOffsets(new int[] {mean.length / 3}, new float[] {0, 0, 1}, new double[] {0.001});
    assertThrows(IllegalArgumentException.class, () -> shape.fit(mean, outside, null, 0.001));
  }

  @Test
  void aWrittenFileReadsBackAndABadOneSaysWhy(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("shape-modes.bin");
    shape.write(file);
    ShapeModes read = ShapeModes.read(file);
    assertEquals(shape, read);
    assertArrayEquals(shape.gaussian().modes(), read.gaussian().modes());
    byte[] bytes = Files.readAllBytes(file);
    bytes[0] = 'X';
    IOException e = assertThrows(IOException.class, () -> ShapeModes.read(new ByteArrayInputStream(bytes)));
    assertEquals("not a TOPOS shape-modes file", e.getMessage());
    byte[] cut = java.util.Arrays.copyOf(Files.readAllBytes(file), 100);
    e = assertThrows(IOException.class, () -> ShapeModes.read(new ByteArrayInputStream(cut)));
    assertEquals("truncated shape-modes file", e.getMessage());
  }
}
