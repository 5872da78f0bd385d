package dev.topos.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UmeyamaTest {
  private static final double TOL = 1e-9;

  /** Rotation by angle about a unit axis (Rodrigues), row-major. */
  private static double[] rotation(double ax, double ay, double az, double angle) {
    double n = Math.sqrt(ax * ax + ay * ay + az * az);
    ax /= n;
    ay /= n;
    az /= n;
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    double t = 1 - c;
    return new double[] {
        t * ax * ax + c, t * ax * ay - s * az, t * ax * az + s * ay,
        t * ax * ay + s * az, t * ay * ay + c, t * ay * az - s * ax,
        t * ax * az - s * ay, t * ay * az + s * ax, t * az * az + c};
  }

  private static double[] randomPoints(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] p = new double[3 * n];
    for (int i = 0; i < p.length; i++) {
      p[i] = r.nextDouble(-0.1, 0.1);
    }
    return p;
  }

  private static double det(double[] m) {
    return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
  }

  @Test
  void recoversAKnownSimilarity() {
    Similarity truth = new Similarity(rotation(1, 2, 3, 0.7), 1.7, new double[] {0.1, -0.2, 0.3});
    double[] src = randomPoints(30, 1);
    double[] dst = truth.apply(src);
    Similarity s = Umeyama.similarity(src, dst);
    assertArrayEquals(truth.rotation(), s.rotation(), TOL);
    assertEquals(1.7, s.scale(), TOL);
    assertArrayEquals(truth.translation(), s.translation(), TOL);
    assertArrayEquals(dst, s.apply(src), TOL);
  }

  @Test
  void weightsIgnoreOutliers() {
    Similarity truth = new Similarity(rotation(0, 1, 0, -1.1), 0.8, new double[] {1, 2, 3});
    double[] src = randomPoints(20, 2);
    double[] dst = truth.apply(src);
    double[] w = new double[20];
    java.util.Arrays.fill(w, 2.5);
    for (int i = 0; i < 5; i++) {
      dst[3 * i] += 0.5; // outliers with zero weight
      w[i] = 0;
    }
    Similarity s = Umeyama.similarity(src, dst, w);
    assertArrayEquals(truth.rotation(), s.rotation(), TOL);
    assertEquals(0.8, s.scale(), TOL);
    assertArrayEquals(truth.translation(), s.translation(), TOL);
  }

  @Test
  void rigidKeepsUnitScale() {
    Similarity truth = new Similarity(rotation(1, 0, 0, 2.0), 1, new double[] {-0.05, 0, 0.02});
    double[] src = randomPoints(10, 3);
    Similarity s = Umeyama.rigid(src, truth.apply(src));
    assertEquals(1.0, s.scale(), 0);
    assertArrayEquals(truth.rotation(), s.rotation(), TOL);
    assertArrayEquals(truth.translation(), s.translation(), TOL);
  }

  @Test
  void reflectionIsNeverReturned() {
    // dst is a mirror image of src (x -> -x): the best proper rotation is returned, det = +1.
    double[] src = randomPoints(25, 4);
    double[] dst = src.clone();
    for (int i = 0; i < dst.length; i += 3) {
      dst[i] = -dst[i];
    }
    Similarity s = Umeyama.similarity(src, dst);
    assertEquals(1.0, det(s.rotation()), TOL);
    assertTrue(s.scale() > 0 && s.scale() < 1, "scale " + s.scale());

    // Coplanar points (z = 0) rotated: exact recovery despite the zero singular value.
    double[] flat = randomPoints(8, 5);
    for (int i = 2; i < flat.length; i += 3) {
      flat[i] = 0;
    }
    Similarity truth = new Similarity(rotation(0.3, -1, 0.2, 2.5), 1.7, new double[] {0.1, -0.2, 0.3});
    Similarity f = Umeyama.similarity(flat, truth.apply(flat));
    assertEquals(1.0, det(f.rotation()), TOL);
    assertArrayEquals(truth.rotation(), f.rotation(), TOL);
    assertEquals(1.7, f.scale(), TOL);
  }

  @Test
  void inverseAndComposition() {
    Similarity a = new Similarity(rotation(1, 1, 0, 0.4), 2.0, new double[] {1, 0, -1});
    double[] p = {0.3, -0.4, 0.5, 1, 2, 3};
    assertArrayEquals(p, a.inverse().apply(a.apply(p)), 1e-12);
    Similarity id = a.andThen(a.inverse());
    assertArrayEquals(Similarity.identity().rotation(), id.rotation(), 1e-12);
    assertEquals(1.0, id.scale(), 1e-12);
    assertArrayEquals(new double[3], id.translation(), 1e-12);
    float[] f = a.apply(new float[] {0.3f, -0.4f, 0.5f});
    double[] d = a.apply(new double[] {0.3f, -0.4f, 0.5f});
    assertArrayEquals(new float[] {(float) d[0], (float) d[1], (float) d[2]}, f);
  }
}
