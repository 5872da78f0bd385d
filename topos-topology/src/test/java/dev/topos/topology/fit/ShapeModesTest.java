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

  /**
   * The fit is the posterior mean of the documented model, computed here densely and independently:
   * t = mean + shift + U a + translation + rotation about the mean's centroid, each observation
   * n . sum_k w_k (t_k - head_k) = offset with noise sigma / sqrt(weight), a ~ N(0, I).
   */
  @Test
  void theFitIsThePosteriorMeanOfItsModelForBarycentricObservations() {
    SplittableRandom r = new SplittableRandom(11);
    float[] head = moved(head(coordinates(r)), 0.01, -0.005, 0.002, 0);
    int v = head.length / 3;
    int m = 60;
    int[] corners = new int[3 * m];
    double[] weights = new double[3 * m];
    float[] normals = new float[3 * m];
    double[] offsets = new double[m];
    double[] observationWeights = new double[m];
    for (int o = 0; o < m; o++) {
      double a = r.nextDouble();
      double b = r.nextDouble() * (1 - a);
      double[] w = {a, b, 1 - a - b};
      double[] n = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
      double len = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
      for (int k = 0; k < 3; k++) {
        corners[3 * o + k] = r.nextInt(v);
        weights[3 * o + k] = w[k];
        normals[3 * o + k] = (float) (n[k] / len);
      }
      offsets[o] = 0.002 * r.nextGaussian();
      observationWeights[o] = 0.1 + 0.9 * r.nextDouble();
    }
    double sigma = 0.0005;
    SurfaceOffsets seen = new SurfaceOffsets(corners, weights, normals, offsets);
    float[] fitted = shape.fit(head, seen, observationWeights, sigma);

    float[] mean = shape.gaussian().mean();
    float[] modes = shape.gaussian().modes();
    int k = shape.count();
    int columns = k + 6;
    double[] shift = new double[3];
    double[] centroid = new double[3];
    for (int i = 0; i < head.length; i++) {
      shift[i % 3] += (head[i] - mean[i]) / v;
      centroid[i % 3] += mean[i] / v;
    }
    // the displacement of every vertex for a unit step along each column, [columns][3V]
    double[][] direction = new double[columns][head.length];
    for (int j = 0; j < k; j++) {
      for (int i = 0; i < head.length; i++) {
        direction[j][i] = modes[j * head.length + i];
      }
    }
    for (int c = 0; c < 3; c++) {
      for (int u = 0; u < v; u++) {
        direction[k + c][3 * u + c] = ShapeModes.TRANSLATION_SD_METRES;
        double[] arm = {mean[3 * u] - centroid[0], mean[3 * u + 1] - centroid[1], mean[3 * u + 2] - centroid[2]};
        double[] axis = new double[3];
        axis[c] = 1;
        double[] cross = {axis[1] * arm[2] - axis[2] * arm[1], axis[2] * arm[0] - axis[0] * arm[2], axis[0] * arm[1] - axis[1] * arm[0]};
        for (int e = 0; e < 3; e++) {
          direction[k + 3 + c][3 * u + e] = cross[e] * ShapeModes.ROTATION_SD_RADIANS;
        }
      }
    }
    org.ejml.data.DMatrixRMaj h = new org.ejml.data.DMatrixRMaj(columns, columns);
    org.ejml.data.DMatrixRMaj g = new org.ejml.data.DMatrixRMaj(columns, 1);
    for (int c = 0; c < columns; c++) {
      h.set(c, c, 1);
    }
    for (int o = 0; o < m; o++) {
      double[] row = new double[columns];
      double residual = offsets[o];
      for (int q = 3 * o; q < 3 * o + 3; q++) {
        for (int e = 0; e < 3; e++) {
          int at = 3 * corners[q] + e;
          residual += weights[q] * normals[3 * o + e] * (head[at] - mean[at] - shift[e]);
          for (int c = 0; c < columns; c++) {
            row[c] += weights[q] * normals[3 * o + e] * direction[c][at];
          }
        }
      }
      double precision = observationWeights[o] / (sigma * sigma);
      for (int c = 0; c < columns; c++) {
        g.add(c, 0, precision * row[c] * residual);
        for (int d = 0; d < columns; d++) {
          h.add(c, d, precision * row[c] * row[d]);
        }
      }
    }
    org.ejml.data.DMatrixRMaj a = new org.ejml.data.DMatrixRMaj(columns, 1);
    assertTrue(org.ejml.dense.row.CommonOps_DDRM.solve(h, g, a));
    double worst = 0;
    for (int i = 0; i < head.length; i++) {
      double expected = mean[i] + shift[i % 3];
      for (int c = 0; c < columns; c++) {
        expected += a.get(c) * direction[c][i];
      }
      worst = Math.max(worst, Math.abs(expected - fitted[i]));
    }
    assertTrue(worst < 1e-6, "the fit is " + worst * 1000 + " mm from the dense posterior mean");
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
