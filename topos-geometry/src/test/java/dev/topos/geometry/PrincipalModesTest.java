package dev.topos.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Gaussian of samples: its fit, its samples and its 16-bit storage. */
class PrincipalModesTest {
  /** 400 samples of mean + 3 a u + 1 b w (u, w orthonormal, a, b ~ N(0, 1)) in 30 dimensions, plus 0.01 noise. */
  static float[][] samples(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int d = 30;
    float[][] out = new float[400][d];
    for (float[] s : out) {
      double a = r.nextGaussian();
      double b = r.nextGaussian();
      for (int j = 0; j < d; j++) {
        double u = (j < 15 ? 1 : -1) / Math.sqrt(d);
        double w = (j % 2 == 0 ? 1 : -1) / Math.sqrt(d);
        s[j] = (float) (0.5 + j * 0.01 + 3 * a * u + b * w + 0.01 * r.nextGaussian());
      }
    }
    return out;
  }

  @Test
  void theModesAreThePrincipalDirectionsScaledByTheirStandardDeviations() {
    PrincipalModes g = PrincipalModes.fit(samples(1), 2);
    assertEquals(2, g.count());
    assertEquals(30, g.dimension());
    assertEquals(400, g.samples());
    for (int j = 0; j < 30; j++) {
      assertEquals(0.5 + j * 0.01, g.mean()[j], 0.15, "mean " + j); // sd of a coordinate 0.58, of its mean over 400 samples 0.029
    }
    double first = 0;
    double second = 0;
    double cross = 0;
    for (int j = 0; j < 30; j++) {
      first += g.modes()[j] * g.modes()[j];
      second += g.modes()[30 + j] * g.modes()[30 + j];
      cross += g.modes()[j] * g.modes()[30 + j];
      assertEquals(Math.abs((j < 15 ? 1 : -1) / Math.sqrt(30)), Math.abs(g.modes()[j]) / 3, 0.02, "first mode's direction at " + j);
    }
    assertEquals(3, Math.sqrt(first), 0.3); // its standard deviation, 3
    assertEquals(1, Math.sqrt(second), 0.1);
    assertEquals(0, cross, 1e-3);
  }

  @Test
  void aSampleIsTheMeanPlusTheModesTimesItsCoordinates() {
    PrincipalModes g = PrincipalModes.fit(samples(2), 2);
    float[] s = g.sample(new double[] {2, -1});
    for (int j = 0; j < 30; j++) {
      assertEquals(g.mean()[j] + 2 * g.modes()[j] - g.modes()[30 + j], s[j], 1e-5);
    }
    assertArrayEquals(g.mean(), g.sample(new double[2]));
    assertThrows(IllegalArgumentException.class, () -> g.sample(new double[3]));
  }

  @Test
  void aWrittenGaussianReadsBackBitForBit() throws IOException {
    PrincipalModes g = PrincipalModes.fit(samples(3), 2);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    g.write(new DataOutputStream(bytes));
    assertEquals(3 * 4 + 30 * 4 + 2 * (4 + 30 * 2), bytes.size());
    PrincipalModes read = PrincipalModes.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 1000, 10, "test");
    assertEquals(g, read);
    assertArrayEquals(g.modes(), read.modes());
  }

  @Test
  void aHeaderOutOfRangeIsCorrupt() throws IOException {
    PrincipalModes g = PrincipalModes.fit(samples(4), 2);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    g.write(new DataOutputStream(bytes));
    IOException e = assertThrows(IOException.class,
        () -> PrincipalModes.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 10, 10, "shape-modes"));
    assertTrue(e.getMessage().startsWith("corrupt shape-modes header"), e.getMessage());
  }

  @Test
  void aHeaderAskingForMoreThanOneArrayIsCorruptNotAnOutOfMemoryError() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(3_000_000); // D
    out.writeInt(1_000); // K: 3e9 values, over 2^31
    out.writeInt(1_001);
    IOException e = assertThrows(IOException.class,
        () -> PrincipalModes.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 3_000_000, 100_000, "error-modes"));
    assertTrue(e.getMessage().startsWith("corrupt error-modes header"), e.getMessage());
  }

  @Test
  void tooFewSamplesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> PrincipalModes.fit(new float[][] {{1, 2, 3}}, 1));
    assertThrows(IllegalArgumentException.class, () -> PrincipalModes.fit(samples(5), 400));
  }
}
