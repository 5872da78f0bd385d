package dev.topos.nn.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.PrincipalModes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feed-forward calibration: a ridge regression from a decoded head and its latent to the
 * head's error. A made-up "network" shrinks every head towards the mean and drops a part of it
 * that its latent still knows; the calibration must learn both from training pairs alone.
 */
class FeedForwardCalibrationTest {
  static final int V = 30;
  static final int D = 3 * V;
  static final int LATENT = 12;

  /** A truth, the shrunk and shifted head the "network" returns, and the latent it had. */
  record Pair(float[] truth, float[] head, float[] latent) {}

  static final float[][] SHAPES = shapes();

  static float[][] shapes() {
    SplittableRandom r = new SplittableRandom(3);
    float[][] s = new float[4][D];
    for (float[] row : s) {
      for (int j = 0; j < D; j++) {
        row[j] = (float) r.nextDouble(-0.01, 0.01);
      }
    }
    return s;
  }

  static Pair pair(SplittableRandom r) {
    double[] z = new double[SHAPES.length];
    float[] truth = new float[D];
    for (int k = 0; k < z.length; k++) {
      z[k] = ErrorModesTest.gaussian(r);
      for (int j = 0; j < D; j++) {
        truth[j] += (float) (z[k] * SHAPES[k][j]);
      }
    }
    float[] latent = new float[LATENT];
    for (int c = 0; c < LATENT; c++) {
      latent[c] = (float) ErrorModesTest.gaussian(r);
    }
    latent[0] = (float) z[3]; // the latent knows the last shape...
    float[] head = new float[D];
    for (int j = 0; j < D; j++) {
      // ...which the decoded head lacks; the rest is shrunk by 30 %, with a common offset and a little noise
      head[j] = 0.7f * (truth[j] - (float) (z[3] * SHAPES[3][j])) + 0.001f + (float) (ErrorModesTest.gaussian(r) * 1e-5);
    }
    return new Pair(truth, head, latent);
  }

  /** The builder's fit on these pairs, both bases on all of them (8 error directions, projections seeded 5). */
  static FeedForwardCalibration fit(Pair[] pairs, int headModes, int projections, double ridge) {
    int n = pairs.length;
    float[][] heads = new float[n][];
    float[][] latents = new float[n][];
    float[][] errors = new float[n][];
    for (int i = 0; i < n; i++) {
      heads[i] = pairs[i].head();
      latents[i] = pairs[i].latent();
      errors[i] = difference(pairs[i].truth(), pairs[i].head());
    }
    return FeedForwardCalibrationBuilder.fit(heads, latents, errors,
        new FeedForwardCalibrationBuilder.Settings(n, n, headModes, projections, 8, ridge, 5));
  }

  /** The pairs with each latent swapped for another pair's: a latent that says nothing about its head. */
  static Pair[] withForeignLatents(Pair[] pairs) {
    Pair[] out = new Pair[pairs.length];
    for (int i = 0; i < pairs.length; i++) {
      out[i] = new Pair(pairs[i].truth(), pairs[i].head(), pairs[(i + 1) % pairs.length].latent());
    }
    return out;
  }

  static double meanError(FeedForwardCalibration c, Pair[] pairs) {
    double s = 0;
    for (Pair p : pairs) {
      float[] h = c == null ? p.head() : c.apply(p.head(), p.latent());
      s += meanNorm(difference(p.truth(), h));
    }
    return s / pairs.length;
  }

  static double meanNorm(float[] e) {
    double s = 0;
    for (int v = 0; v < V; v++) {
      s += Math.sqrt(e[3 * v] * e[3 * v] + e[3 * v + 1] * e[3 * v + 1] + e[3 * v + 2] * e[3 * v + 2]);
    }
    return s / V;
  }

  static float[] difference(float[] a, float[] b) {
    float[] d = new float[a.length];
    for (int j = 0; j < a.length; j++) {
      d[j] = a[j] - b[j];
    }
    return d;
  }

  static Pair[] pairs(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Pair[] out = new Pair[n];
    for (int i = 0; i < n; i++) {
      out[i] = pair(r);
    }
    return out;
  }

  @Test
  void learnsTheShrinkAndTheMissingPartFromTrainingPairs() {
    Pair[] train = pairs(400, 1);
    Pair[] held = pairs(50, 2);
    double network = meanError(null, held);
    FeedForwardCalibration raw = fit(train, 6, 0, 1e-6);
    double calibrated = meanError(raw, held);
    // the network is off by several millimetres; what is left is the 16-bit bases and the noise
    assertTrue(network > 3e-3, "the made-up network is off by " + network);
    assertTrue(calibrated < 0.02 * network, "calibrated " + calibrated + " against " + network);
    assertEquals(6 + LATENT + 1, raw.featureCount());
    // fitted through projections, carried back onto the latent: as good
    FeedForwardCalibration projected = fit(train, 6, 24, 1e-6);
    assertEquals(raw.featureCount(), projected.featureCount());
    assertTrue(meanError(projected, held) < 0.02 * network, "through projections " + meanError(projected, held));
    // a latent that says nothing about its head: the missing shape cannot be known
    double foreign = meanError(fit(withForeignLatents(train), 6, 0, 1e-6), held);
    assertTrue(foreign > 10 * calibrated, "foreign latents " + foreign + " against " + calibrated);
    // a heavy ridge leaves the constant alone (it is not penalised): the head plus the mean error
    FeedForwardCalibration heavy = fit(train, 6, 24, 1e3);
    float[] meanError = heavy.errorBasis().mean();
    double worst = 0;
    for (Pair p : held) {
      float[] h = heavy.apply(p.head(), p.latent());
      for (int j = 0; j < D; j++) {
        worst = Math.max(worst, Math.abs(h[j] - (p.head()[j] + meanError[j])));
      }
    }
    assertTrue(worst < 1e-4, "heavy ridge: " + worst + " m from the head plus the mean error");
    assertTrue(meanError[0] < -5e-4, "the made-up network's common offset is in the mean error: " + meanError[0]);
  }

  @Test
  void roundTripsBitForBitAndRefusesBadFiles(@TempDir Path dir) throws IOException {
    FeedForwardCalibration c = fit(pairs(100, 4), 5, 10, 1e-3);
    Path file = dir.resolve("calibration.bin");
    c.write(file);
    FeedForwardCalibration read = FeedForwardCalibration.read(file);
    assertEquals(c, read);
    Pair p = pairs(1, 9)[0];
    assertArrayEquals(c.apply(p.head(), p.latent()), read.apply(p.head(), p.latent()));
    byte[] bytes = Files.readAllBytes(file);
    IOException truncated = assertThrows(IOException.class,
        () -> FeedForwardCalibration.read(new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length - 3))));
    assertEquals("truncated calibration file", truncated.getMessage());
    byte[] extra = Arrays.copyOf(bytes, bytes.length + 1);
    assertThrows(IOException.class, () -> FeedForwardCalibration.read(new ByteArrayInputStream(extra)));
    byte[] wrong = bytes.clone();
    wrong[0] = 'X';
    IOException notOne = assertThrows(IOException.class, () -> FeedForwardCalibration.read(new ByteArrayInputStream(wrong)));
    assertEquals("not a TOPOS calibration file", notOne.getMessage());
    byte[] sessionEleven = bytes.clone();
    sessionEleven[7] = 1; // the version's last byte: format 1 (latent projections) is refused with what to do
    IOException old = assertThrows(IOException.class, () -> FeedForwardCalibration.read(new ByteArrayInputStream(sessionEleven)));
    assertTrue(old.getMessage().contains("refit it with `topos train calibration`"), old.getMessage());
    byte[] future = bytes.clone();
    future[7] = 3;
    assertEquals("unsupported calibration version 3",
        assertThrows(IOException.class, () -> FeedForwardCalibration.read(new ByteArrayInputStream(future))).getMessage());
    // a head or latent of the wrong size is refused, not read past
    assertThrows(IllegalArgumentException.class, () -> c.apply(new float[D - 3], p.latent()));
    assertThrows(IllegalArgumentException.class, () -> c.apply(p.head(), new float[LATENT + 1]));
  }

  /**
   * As many projections as the latent has values, without a ridge: the same least squares in other
   * coordinates, so the weights carried back onto the latent give the plain fit's heads.
   */
  @Test
  void weightsOnProjectionsCarriedBackOntoTheLatentAreThePlainFits() {
    Pair[] train = pairs(300, 6);
    FeedForwardCalibration plain = fit(train, 6, 0, 0);
    FeedForwardCalibration projected = fit(train, 6, LATENT, 0);
    for (Pair p : pairs(20, 7)) {
      float[] a = plain.apply(p.head(), p.latent());
      float[] b = projected.apply(p.head(), p.latent());
      for (int j = 0; j < D; j++) {
        assertEquals(a[j], b[j], 1e-6, "value " + j);
      }
    }
  }

  @Test
  void theProjectionsFollowTheirSeedAndTheRecordTellsHowItWasFitted() {
    assertEquals(24, fit(pairs(100, 4), 5, 24, 1e-3).latentProjections());
    assertEquals(0, fit(pairs(100, 4), 5, 0, 1e-3).latentProjections());
    assertArrayEquals(LatentProjections.make(3, 7, 11), LatentProjections.make(3, 7, 11));
    assertTrue(!Arrays.equals(LatentProjections.make(3, 7, 11), LatentProjections.make(3, 7, 12)));
  }
}
