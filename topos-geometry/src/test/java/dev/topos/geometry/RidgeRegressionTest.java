package dev.topos.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class RidgeRegressionTest {
  private static final int P = 12;
  private static final int T = 3;

  /** Rows of features with scales from 0.01 to 100 (the last the constant) and targets linear in them plus noise. */
  private static double[][][] rows(int n, double noise, long seed) {
    Random random = new Random(seed);
    double[][] f = new double[n][P];
    double[][] y = new double[n][T];
    for (int i = 0; i < n; i++) {
      for (int m = 0; m < P - 1; m++) {
        f[i][m] = Math.pow(10, m % 5 - 2) * (random.nextGaussian() + 0.3 * m);
      }
      f[i][P - 1] = 1;
      for (int j = 0; j < T; j++) {
        double v = 0.5 * j - 1;
        for (int m = 0; m < P - 1; m++) {
          v += (m + j) % 3 * f[i][m] / Math.pow(10, m % 5 - 2);
        }
        y[i][j] = v + noise * random.nextGaussian();
      }
    }
    return new double[][][] {f, y};
  }

  private static RidgeRegression fitted(double[][] f, double[][] y) {
    RidgeRegression r = new RidgeRegression(P, T);
    for (int i = 0; i < f.length; i++) {
      r.add(f[i], y[i]);
    }
    return r;
  }

  @Test
  void matchesTheDenseNormalEquations() {
    int n = 700; // two full blocks of 256 and a part
    double ridge = 0.3;
    double[][][] data = rows(n, 0.5, 1);
    float[] w = fitted(data[0], data[1]).solve(ridge);
    DMatrixRMaj f = new DMatrixRMaj(data[0]);
    DMatrixRMaj y = new DMatrixRMaj(data[1]);
    DMatrixRMaj a = new DMatrixRMaj(P, P);
    CommonOps_DDRM.multTransA(f, f, a);
    DMatrixRMaj b = new DMatrixRMaj(P, T);
    CommonOps_DDRM.multTransA(f, y, b);
    for (int m = 0; m < P - 1; m++) {
      double mean = 0;
      double squares = 0;
      for (int i = 0; i < n; i++) {
        mean += data[0][i][m] / n;
        squares += data[0][i][m] * data[0][i][m] / n;
      }
      a.add(m, m, ridge * n * (squares - mean * mean));
    }
    DMatrixRMaj expected = new DMatrixRMaj(P, T);
    CommonOps_DDRM.solve(a, b, expected);
    for (int j = 0; j < w.length; j++) {
      assertEquals(expected.data[j], w[j], 1e-5 * (1 + Math.abs(expected.data[j])), "entry " + j);
    }
  }

  @Test
  void recoversExactLinearTargetsWithoutARidge() {
    double[][][] data = rows(300, 0, 2);
    float[] w = fitted(data[0], data[1]).solve(0);
    for (int m = 0; m < P - 1; m++) {
      for (int j = 0; j < T; j++) {
        assertEquals((m + j) % 3 / Math.pow(10, m % 5 - 2), w[m * T + j], 1e-4 * (1 + Math.abs(w[m * T + j])), "feature " + m);
      }
    }
    for (int j = 0; j < T; j++) {
      assertEquals(0.5 * j - 1, w[(P - 1) * T + j], 1e-3, "constant, target " + j);
    }
  }

  @Test
  void aHeavyRidgeLeavesTheTargetsMean() {
    double[][][] data = rows(400, 0.5, 3);
    float[] w = fitted(data[0], data[1]).solve(1e9);
    for (int j = 0; j < T; j++) {
      double mean = 0;
      for (double[] y : data[1]) {
        mean += y[j] / data[1].length;
      }
      double[] meanFeatures = new double[P];
      for (double[] f : data[0]) {
        for (int m = 0; m < P; m++) {
          meanFeatures[m] += f[m] / data[0].length;
        }
      }
      double predicted = 0;
      for (int m = 0; m < P; m++) {
        predicted += meanFeatures[m] * w[m * T + j];
      }
      assertEquals(mean, predicted, 1e-3, "target " + j);
    }
  }

  @Test
  void moreRowsAfterASolveCountAndTheSameRowsGiveTheSameBits() {
    double[][][] data = rows(600, 0.5, 4);
    RidgeRegression r = new RidgeRegression(P, T);
    for (int i = 0; i < 300; i++) {
      r.add(data[0][i], data[1][i]);
    }
    float[] half = r.solve(0.1);
    for (int i = 300; i < 600; i++) {
      r.add(data[0][i], data[1][i]);
    }
    assertEquals(600, r.rows());
    float[] all = r.solve(0.1);
    assertArrayEquals(fitted(data[0], data[1]).solve(0.1), all);
    assertEquals(false, java.util.Arrays.equals(half, all));
  }

  @Test
  void refusesBadRowsAndTooFewOfThem() {
    RidgeRegression r = new RidgeRegression(P, T);
    assertThrows(IllegalArgumentException.class, () -> r.add(new double[P - 1], new double[T]));
    double[] noConstant = new double[P];
    assertThrows(IllegalArgumentException.class, () -> r.add(noConstant, new double[T]));
    double[][][] data = rows(P, 0.5, 5);
    for (int i = 0; i < P; i++) {
      r.add(data[0][i], data[1][i]);
    }
    assertThrows(IllegalStateException.class, () -> r.solve(0.1));
    assertThrows(IllegalArgumentException.class, () -> r.solve(Double.NaN));
  }
}
