package dev.topos.nn.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.topology.fit.NormalOffsets;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Gaussian over a model's error, and the correction it gives from normal offsets alone. */
class ErrorModesTest {
  static final int V = 40;

  /** Errors of a smooth low-rank kind: each of 3 hidden factors moves every vertex in all three axes. */
  static float[][] errors(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] basis = new float[3][3 * V];
    SplittableRandom b = new SplittableRandom(99);
    for (float[] row : basis) {
      for (int j = 0; j < row.length; j++) {
        row[j] = (float) (b.nextDouble(-1, 1) * 0.002); // metres
      }
    }
    float[][] out = new float[n][3 * V];
    for (int i = 0; i < n; i++) {
      for (float[] row : basis) {
        double z = gaussian(r);
        for (int j = 0; j < 3 * V; j++) {
          out[i][j] += (float) (z * row[j]);
        }
      }
      for (int j = 0; j < 3 * V; j++) {
        out[i][j] += 0.0005f + (float) (gaussian(r) * 1e-5); // a common offset and a little noise
      }
    }
    return out;
  }

  static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  static double meanNorm(float[] e) {
    double s = 0;
    for (int v = 0; v < V; v++) {
      s += Math.sqrt(e[3 * v] * e[3 * v] + e[3 * v + 1] * e[3 * v + 1] + e[3 * v + 2] * e[3 * v + 2]);
    }
    return s / V;
  }

  /** Every vertex seen along +Z only: the offsets are the errors' z parts. */
  static NormalOffsets zOffsets(float[] error, double noise, SplittableRandom r) {
    int[] vertices = new int[V];
    float[] normals = new float[3 * V];
    double[] offsets = new double[V];
    for (int v = 0; v < V; v++) {
      vertices[v] = v;
      normals[3 * v + 2] = 1;
      offsets[v] = error[3 * v + 2] + noise * gaussian(r);
    }
    return new NormalOffsets(vertices, normals, offsets);
  }

  @Test
  void theCorrectionRecoversTheErrorAlongTheSurfaceFromItsNormalPart() {
    ErrorModes modes = ErrorModes.fit(errors(300, 1), 3);
    assertEquals(3, modes.count());
    SplittableRandom r = new SplittableRandom(5);
    double before = 0;
    double after = 0;
    double tangentialBefore = 0;
    double tangentialAfter = 0;
    for (float[] truth : errors(20, 2)) {
      float[] head = new float[3 * V]; // the model's head is the origin; the truth is head + error
      float[] corrected = modes.correct(head, zOffsets(truth, 1e-5, r), 1e-4);
      float[] left = new float[3 * V];
      float[] tangential = new float[3 * V];
      float[] tangentialLeft = new float[3 * V];
      for (int j = 0; j < 3 * V; j++) {
        left[j] = truth[j] - corrected[j];
        boolean along = j % 3 != 2;
        tangential[j] = along ? truth[j] : 0;
        tangentialLeft[j] = along ? left[j] : 0;
      }
      before += meanNorm(truth);
      after += meanNorm(left);
      tangentialBefore += meanNorm(tangential);
      tangentialAfter += meanNorm(tangentialLeft);
    }
    assertTrue(after < 0.05 * before, "error " + before + " -> " + after);
    assertTrue(tangentialAfter < 0.05 * tangentialBefore, "error along the surface " + tangentialBefore + " -> " + tangentialAfter);
  }

  @Test
  void withoutObservationsTheHeadMovesByTheMeanErrorOnly() {
    ErrorModes modes = ErrorModes.fit(errors(300, 1), 3);
    float[] head = new float[3 * V];
    float[] out = modes.correct(head, new NormalOffsets(new int[0], new float[0], new double[0]), 0.003);
    assertArrayEquals(modes.meanError(), out);
    assertEquals(0.0005, out[0], 2e-4);
  }

  @Test
  void noisyOffsetsAreTrustedLessThanTheirNoise() {
    ErrorModes modes = ErrorModes.fit(errors(300, 1), 3);
    SplittableRandom r = new SplittableRandom(6);
    float[] truth = errors(1, 3)[0];
    float[] head = new float[3 * V];
    // offsets with 5 mm of noise against errors of about 2 mm: trusted at 1 um they make things worse
    // than trusted at their real noise
    SplittableRandom same = new SplittableRandom(6);
    float[] trusting = modes.correct(head, zOffsets(truth, 0.005, r), 1e-6);
    float[] wary = modes.correct(head, zOffsets(truth, 0.005, same), 0.005);
    float[] leftTrusting = new float[3 * V];
    float[] leftWary = new float[3 * V];
    for (int j = 0; j < 3 * V; j++) {
      leftTrusting[j] = truth[j] - trusting[j];
      leftWary[j] = truth[j] - wary[j];
    }
    assertTrue(meanNorm(leftWary) < meanNorm(leftTrusting), meanNorm(leftWary) + " vs " + meanNorm(leftTrusting));
  }

  @Test
  void aLowWeightTakesAnOutlierOutOfTheCorrection() {
    ErrorModes modes = ErrorModes.fit(errors(300, 1), 3);
    float[] truth = errors(1, 4)[0];
    float[] head = new float[3 * V];
    NormalOffsets clean = zOffsets(truth, 0, new SplittableRandom(7));
    double[] spoilt = clean.offsets().clone();
    for (int v = 0; v < 6; v++) {
      spoilt[v] += 0.008; // a hair cap over six vertices: 8 mm out
    }
    NormalOffsets withHair = new NormalOffsets(clean.vertices(), clean.normals(), spoilt);
    double[] weights = new double[V];
    java.util.Arrays.fill(weights, 1);
    double[] ignoring = weights.clone();
    for (int v = 0; v < 6; v++) {
      ignoring[v] = 1e-6;
    }
    double sigma = 1e-4;
    double plain = leftOver(truth, modes.correct(head, withHair, sigma));
    double unitWeights = leftOver(truth, modes.correct(head, withHair, sigma, weights));
    double robust = leftOver(truth, modes.correct(head, withHair, sigma, ignoring));
    double ideal = leftOver(truth, modes.correct(head, clean, sigma));
    assertEquals(plain, unitWeights, 1e-9); // weights of 1 are the unweighted correction
    assertTrue(plain > 5 * ideal, plain + " vs " + ideal);
    assertTrue(robust < 1.5 * ideal + 1e-6, robust + " vs " + ideal);
    NormalOffsets none = new NormalOffsets(new int[0], new float[0], new double[0]);
    assertThrows(IllegalArgumentException.class, () -> modes.correct(head, withHair, sigma, new double[V - 1]));
    double[] zero = weights.clone();
    zero[3] = 0;
    assertThrows(IllegalArgumentException.class, () -> modes.correct(head, withHair, sigma, zero));
    double[] big = weights.clone();
    big[3] = 1.5;
    assertThrows(IllegalArgumentException.class, () -> modes.correct(head, withHair, sigma, big));
    assertArrayEquals(modes.meanError(), modes.correct(head, none, sigma, new double[0]));
    double[] nan = weights.clone();
    nan[3] = Double.NaN;
    assertThrows(IllegalArgumentException.class, () -> modes.correct(head, withHair, sigma, nan));
    // a weight w is noise sigma / sqrt(w): a quarter everywhere is twice the noise
    double[] quarter = new double[V];
    java.util.Arrays.fill(quarter, 0.25);
    float[] byWeights = modes.correct(head, withHair, 0.002, quarter);
    float[] byNoise = modes.correct(head, withHair, 0.004);
    for (int j = 0; j < 3 * V; j++) {
      assertEquals(byNoise[j], byWeights[j], 1e-7);
    }
  }

  static double leftOver(float[] truth, float[] corrected) {
    float[] left = new float[truth.length];
    for (int j = 0; j < truth.length; j++) {
      left[j] = truth[j] - corrected[j];
    }
    return meanNorm(left);
  }

  @Test
  void writtenModesReadBackAndWriteTheSameBytes(@TempDir Path dir) throws IOException {
    ErrorModes modes = ErrorModes.fit(errors(50, 4), 5);
    Path a = dir.resolve("a.bin");
    modes.write(a);
    ErrorModes read = ErrorModes.read(a);
    assertEquals(modes, read); // fit() already rounds to what the file holds
    assertEquals(50, read.heads());
    Path b = dir.resolve("b.bin");
    read.write(b);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  @Test
  void theResidualMeanIsWrittenAndVersionOneFilesReadWithout(@TempDir Path dir) throws IOException {
    ErrorModes plain = ErrorModes.fit(errors(50, 4), 5);
    assertArrayEquals(new float[3 * V], plain.residualMean());
    float[] residual = new float[3 * V];
    for (int j = 0; j < residual.length; j++) {
      residual[j] = 1e-4f * (j % 7 - 3);
    }
    ErrorModes modes = plain.withResidualMean(residual);
    Path file = dir.resolve("v2.bin");
    modes.write(file);
    ErrorModes read = ErrorModes.read(file);
    assertEquals(modes, read);
    assertArrayEquals(residual, read.residualMean());
    // a version-1 file (session 7's): the same bytes with version 1 and no residual mean
    byte[] bytes = Files.readAllBytes(file);
    byte[] v1 = java.util.Arrays.copyOf(bytes, bytes.length - 4 * 3 * V);
    java.nio.ByteBuffer.wrap(v1).putInt(4, 1);
    Path old = dir.resolve("v1.bin");
    Files.write(old, v1);
    ErrorModes readOld = ErrorModes.read(old);
    assertEquals(plain, readOld);
    assertArrayEquals(new float[3 * V], readOld.residualMean());
    byte[] v3 = bytes.clone();
    java.nio.ByteBuffer.wrap(v3).putInt(4, 3);
    Path future = dir.resolve("v3.bin");
    Files.write(future, v3);
    assertEquals(future + ": unsupported error-modes version 3", assertThrows(IOException.class, () -> ErrorModes.read(future)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> plain.withResidualMean(new float[3]));
  }

  @Test
  void truncatedAndOverlongFilesAreRefusedWithTheirName(@TempDir Path dir) throws IOException {
    Path good = dir.resolve("good.bin");
    ErrorModes.fit(errors(20, 4), 3).write(good);
    byte[] bytes = Files.readAllBytes(good);
    Path cut = dir.resolve("cut.bin");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 7));
    assertEquals(cut + ": truncated error-modes file", assertThrows(IOException.class, () -> ErrorModes.read(cut)).getMessage());
    Path longer = dir.resolve("long.bin");
    Files.write(longer, java.util.Arrays.copyOf(bytes, bytes.length + 1));
    assertEquals(longer + ": corrupt error-modes file: bytes after the residual mean",
        assertThrows(IOException.class, () -> ErrorModes.read(longer)).getMessage());
    Path huge = dir.resolve("huge.bin");
    byte[] header = java.util.Arrays.copyOf(bytes, bytes.length);
    java.nio.ByteBuffer.wrap(header).putInt(12, Integer.MAX_VALUE); // the mode count
    Files.write(huge, header);
    assertTrue(assertThrows(IOException.class, () -> ErrorModes.read(huge)).getMessage().contains("corrupt error-modes header"));
  }

  @Test
  void otherFilesAndBadSizesAreRefused() {
    IOException e = assertThrows(IOException.class, () -> ErrorModes.read(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})));
    assertEquals("not a TOPOS error-modes file", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ErrorModes.fit(errors(5, 1), 5));
    ErrorModes modes = ErrorModes.fit(errors(20, 1), 2);
    NormalOffsets none = new NormalOffsets(new int[0], new float[0], new double[0]);
    assertThrows(IllegalArgumentException.class, () -> modes.correct(new float[9], none, 0.003));
    assertThrows(IllegalArgumentException.class, () -> modes.correct(new float[3 * V], none, 0));
    assertThrows(IllegalArgumentException.class, () -> modes.correct(new float[3 * V],
        new NormalOffsets(new int[] {V}, new float[] {0, 0, 1}, new double[] {0.001}), 0.003));
  }
}
