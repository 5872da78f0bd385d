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

  static FeedForwardCalibration fit(Pair[] pairs, int headModes, int projections, double ridge) {
    float[][] heads = new float[pairs.length][];
    float[][] errors = new float[pairs.length][];
    for (int i = 0; i < pairs.length; i++) {
      heads[i] = pairs[i].head();
      errors[i] = new float[D];
      for (int j = 0; j < D; j++) {
        errors[i][j] = pairs[i].truth()[j] - pairs[i].head()[j];
      }
    }
    PrincipalModes headBasis = headModes == 0 ? null : PrincipalModes.fit(heads, headModes);
    PrincipalModes errorBasis = PrincipalModes.fit(errors, 8);
    float[] proj = FeedForwardCalibration.projections(projections, LATENT, 5);
    double[][] features = new double[pairs.length][];
    double[][] targets = new double[pairs.length][];
    for (int i = 0; i < pairs.length; i++) {
      features[i] = FeedForwardCalibration.features(headBasis, proj, projections, heads[i], pairs[i].latent());
      targets[i] = FeedForwardCalibration.targets(errorBasis, errors[i]);
    }
    float[] w = FeedForwardCalibration.ridgeRegression(features, targets, ridge);
    return new FeedForwardCalibration(headBasis, projections, LATENT, 5, errorBasis, w, pairs.length, ridge);
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
    FeedForwardCalibration both = fit(train, 6, 24, 1e-6);
    double calibrated = meanError(both, held);
    // the network is off by several millimetres; what is left is the 16-bit bases and the noise
    assertTrue(network > 3e-3, "the made-up network is off by " + network);
    assertTrue(calibrated < 0.02 * network, "calibrated " + calibrated + " against " + network);
    // without the latent the missing shape cannot be known: the head alone leaves it
    double headOnly = meanError(fit(train, 6, 0, 1e-6), held);
    assertTrue(headOnly > 10 * calibrated, "head features alone " + headOnly + " against " + calibrated);
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
    // a head or latent of the wrong size is refused, not read past
    assertThrows(IllegalArgumentException.class, () -> c.apply(new float[D - 3], p.latent()));
    assertThrows(IllegalArgumentException.class, () -> c.apply(p.head(), new float[LATENT + 1]));
  }

  @Test
  void theProjectionsFollowTheirSeed() {
    assertArrayEquals(FeedForwardCalibration.projections(3, 7, 11), FeedForwardCalibration.projections(3, 7, 11));
    assertTrue(!Arrays.equals(FeedForwardCalibration.projections(3, 7, 11), FeedForwardCalibration.projections(3, 7, 12)));
  }
}
