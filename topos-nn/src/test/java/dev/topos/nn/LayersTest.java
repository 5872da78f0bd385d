package dev.topos.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The small layers against values computed by hand or in Java. */
class LayersTest {

  @Test
  void fourierFeaturesKeepXyzThenSinesThenCosines() {
    FourierFeatures f = new FourierFeatures(2);
    assertEquals(15, f.size());
    try (NDManager m = NDManager.newBaseManager()) {
      float[] got = f.encode(m.create(new float[] {0.25f, 0f, -0.5f}, new Shape(1, 3))).toFloatArray();
      double[] expected = {0.25, 0, -0.5,
          Math.sin(Math.PI * 0.25), Math.sin(2 * Math.PI * 0.25), 0, 0, Math.sin(-0.5 * Math.PI), Math.sin(-Math.PI),
          Math.cos(Math.PI * 0.25), Math.cos(2 * Math.PI * 0.25), 1, 1, Math.cos(-0.5 * Math.PI), Math.cos(-Math.PI)};
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], got[i], 1e-6, "feature " + i);
      }
    }
  }

  @Test
  void groupNormNormalisesEachSampleAndGroupOverNodesAndChannels() {
    int n = 7;
    int b = 3;
    int d = 8;
    int groups = 2;
    SplittableRandom r = new SplittableRandom(5);
    float[] x = new float[n * b * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (r.nextGaussian() * 3 + 1);
    }
    try (NDManager m = NDManager.newBaseManager()) {
      ParameterSet p = ParameterSet.fresh(m, 1);
      GroupNorm norm = GroupNorm.declare(p, "gn", d, groups);
      float[] got = norm.forward(m.create(x, new Shape(n, b, d))).toFloatArray();
      int per = d / groups;
      for (int s = 0; s < b; s++) {
        for (int g = 0; g < groups; g++) {
          double sum = 0;
          double sq = 0;
          for (int i = 0; i < n; i++) {
            for (int c = g * per; c < (g + 1) * per; c++) {
              sum += x[(i * b + s) * d + c];
            }
          }
          double mean = sum / (n * per);
          for (int i = 0; i < n; i++) {
            for (int c = g * per; c < (g + 1) * per; c++) {
              sq += Math.pow(x[(i * b + s) * d + c] - mean, 2);
            }
          }
          double std = Math.sqrt(sq / (n * per) + 1e-5);
          for (int i = 0; i < n; i++) {
            for (int c = g * per; c < (g + 1) * per; c++) {
              int at = (i * b + s) * d + c;
              assertEquals((x[at] - mean) / std, got[at], 1e-5);
            }
          }
        }
      }
    }
  }

  @Test
  void linearIsXwPlusB() {
    try (NDManager m = NDManager.newBaseManager()) {
      Linear l = new Linear(m.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3)), m.create(new float[] {1, 0, -1}));
      NDArray y = l.forward(m.create(new float[] {1, 1}, new Shape(1, 2)));
      assertArrayEquals(new float[] {6, 7, 8}, y.toFloatArray());
    }
  }
}
