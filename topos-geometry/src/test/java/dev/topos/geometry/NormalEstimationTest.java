package dev.topos.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NormalEstimationTest {

  /** n points spread evenly over a sphere (Fibonacci lattice). */
  static float[] sphere(int n, double radius, double cx) {
    float[] p = new float[3 * n];
    double golden = Math.PI * (3 - Math.sqrt(5));
    for (int i = 0; i < n; i++) {
      double y = 1 - 2 * (i + 0.5) / n;
      double r = Math.sqrt(1 - y * y);
      p[3 * i] = (float) (cx + radius * r * Math.cos(golden * i));
      p[3 * i + 1] = (float) (radius * y);
      p[3 * i + 2] = (float) (radius * r * Math.sin(golden * i));
    }
    return p;
  }

  /** Two unit spheres side by side (centres at x = -1.6 and 1.6), 700 points each. */
  static float[] twoSpheres() {
    float[] a = sphere(700, 1, -1.6);
    float[] b = sphere(700, 1, 1.6);
    float[] p = new float[a.length + b.length];
    System.arraycopy(a, 0, p, 0, a.length);
    System.arraycopy(b, 0, p, a.length, b.length);
    return p;
  }

  /** Points whose normal points toward their own sphere's centre (cx, 0, 0), in per cent. */
  static double inwardPercent(float[] points, float[] normals, double... centres) {
    int inward = 0;
    int n = points.length / 3;
    for (int i = 0; i < n; i++) {
      double cx = points[3 * i] < 0 ? centres[0] : centres[centres.length - 1];
      double dot = normals[3 * i] * (points[3 * i] - cx) + normals[3 * i + 1] * points[3 * i + 1] + normals[3 * i + 2] * points[3 * i + 2];
      inward += dot < 0 ? 1 : 0;
    }
    return 100.0 * inward / n;
  }

  @Test
  void normalsOfASphereAreUnitAndOutward() {
    float[] p = sphere(800, 1, 0);
    for (NormalEstimation.Orientation o : NormalEstimation.Orientation.values()) {
      float[] n = NormalEstimation.estimate(p, 12, o);
      for (int i = 0; i < 800; i++) {
        double len = Math.sqrt(n[3 * i] * n[3 * i] + n[3 * i + 1] * n[3 * i + 1] + n[3 * i + 2] * n[3 * i + 2]);
        assertEquals(1, len, 1e-5);
        assertTrue(n[3 * i] * p[3 * i] + n[3 * i + 1] * p[3 * i + 1] + n[3 * i + 2] * p[3 * i + 2] > 0.95, o + " normal " + i);
      }
    }
  }

  /**
   * Two spheres side by side: the faces that look at each other look toward the common centroid,
   * so orienting away from it gets them wrong; the spanning tree carries each sphere's outward sign.
   */
  @Test
  void propagationGetsRightWhatTheCentroidRuleGetsWrong() {
    float[] p = twoSpheres();
    double fromCentroid = inwardPercent(p, NormalEstimation.estimate(p, 12, NormalEstimation.Orientation.FROM_CENTROID), -1.6, 1.6);
    double propagated = inwardPercent(p, NormalEstimation.estimate(p, 12), -1.6, 1.6);
    assertTrue(fromCentroid > 5, "from the centroid: " + fromCentroid + " % inward");
    assertEquals(0, propagated, 1e-9, "propagated: " + propagated + " % inward");
  }

  /** The quadrics take the signs that propagation gave the planes, every one; below 6 neighbours the plane is kept. */
  @Test
  void quadricsTakeThePlanesSignsAndFewNeighboursKeepThePlane() {
    float[] p = twoSpheres();
    for (NormalEstimation.Orientation o : NormalEstimation.Orientation.values()) {
      float[] plane = NormalEstimation.estimate(p, 12, o, NormalEstimation.Fit.PLANE);
      float[] quadric = NormalEstimation.estimate(p, 12, o, NormalEstimation.Fit.QUADRIC);
      for (int i = 0; i < p.length; i += 3) {
        assertTrue(plane[i] * quadric[i] + plane[i + 1] * quadric[i + 1] + plane[i + 2] * quadric[i + 2] > 0.5, o + " point " + i / 3);
      }
    }
    assertEquals(0, inwardPercent(p, NormalEstimation.estimate(p, 12), -1.6, 1.6), 1e-9);
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        NormalEstimation.estimate(p, 5, NormalEstimation.Orientation.PROPAGATED, NormalEstimation.Fit.PLANE),
        NormalEstimation.estimate(p, 5, NormalEstimation.Orientation.PROPAGATED, NormalEstimation.Fit.QUADRIC));
  }

  /** A surface fitted to the points gives their normals its signs, where it is near and agrees on the line. */
  @Test
  void aFittedSurfaceGivesTheSigns() {
    Mesh ball = TestMeshes.sphere(1, 48, 24);
    float[] p = sphere(500, 1.01, 0); // just off the surface
    float[] n = NormalEstimation.estimate(p, 12);
    SplittableRandom random = new SplittableRandom(3);
    float[] scrambled = n.clone();
    for (int i = 0; i < 500; i++) {
      if (random.nextBoolean()) {
        for (int k = 0; k < 3; k++) {
          scrambled[3 * i + k] = -scrambled[3 * i + k];
        }
      }
    }
    assertTrue(inwardPercent(p, scrambled, 0) > 30);
    assertEquals(0, inwardPercent(p, NormalOrientation.alongSurface(p, scrambled, ball, 0.5, 0.05), 0), 1e-9);
    // beyond the distance limit the surface decides nothing
    float[] far = NormalOrientation.alongSurface(p, scrambled, ball, 0.5, 0.001);
    assertEquals(inwardPercent(p, scrambled, 0), inwardPercent(p, far, 0), 1e-9);
  }

  /**
   * On randomly sampled curved surfaces a neighbourhood lies to one side of its point, and the plane
   * through it tilts; the quadric takes most of that out. A sphere and a saddle (z = (x^2 - y^2) / 0.1),
   * 3,000 uniform random points each, 12 neighbours: mean angle to the true normal (plane 1.08 and 0.93
   * degrees, quadric 0.003 and 0.05).
   */
  @Test
  void quadricNormalsBeatThePlaneOnCurvedRandomSamples() {
    SplittableRandom random = new SplittableRandom(19);
    int n = 3000;
    float[] sphere = new float[3 * n];
    float[] sphereTruth = new float[3 * n];
    float[] saddle = new float[3 * n];
    float[] saddleTruth = new float[3 * n];
    for (int i = 0; i < n; i++) {
      double z = 2 * random.nextDouble() - 1;
      double phi = 2 * Math.PI * random.nextDouble();
      double r = Math.sqrt(1 - z * z);
      double[] d = {r * Math.cos(phi), r * Math.sin(phi), z};
      for (int c = 0; c < 3; c++) {
        sphere[3 * i + c] = (float) (0.08 * d[c]);
        sphereTruth[3 * i + c] = (float) d[c];
      }
      double x = 0.1 * (2 * random.nextDouble() - 1);
      double y = 0.1 * (2 * random.nextDouble() - 1);
      saddle[3 * i] = (float) x;
      saddle[3 * i + 1] = (float) y;
      saddle[3 * i + 2] = (float) ((x * x - y * y) / 0.1);
      double[] g = {-2 * x / 0.1, 2 * y / 0.1, 1}; // the normal of z - (x^2 - y^2)/0.1 = 0
      double gl = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
      for (int c = 0; c < 3; c++) {
        saddleTruth[3 * i + c] = (float) (g[c] / gl);
      }
    }
    for (float[][] surface : new float[][][] {{sphere, sphereTruth}, {saddle, saddleTruth}}) {
      double plane = meanAngleDegrees(NormalEstimation.estimate(surface[0], 12, NormalEstimation.Orientation.PROPAGATED,
          NormalEstimation.Fit.PLANE), surface[1]);
      double quadric = meanAngleDegrees(NormalEstimation.estimate(surface[0], 12, NormalEstimation.Orientation.PROPAGATED,
          NormalEstimation.Fit.QUADRIC), surface[1]);
      assertTrue(plane > 0.5, "plane " + plane); // 1.08 on the sphere, 0.93 on the saddle
      assertTrue(quadric < 0.1 * plane, "quadric " + quadric + " against plane " + plane);
    }
  }

  /** Mean angle between the lines of two normal fields, degrees (signs ignored). */
  static double meanAngleDegrees(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i += 3) {
      double dot = Math.abs(a[i] * b[i] + a[i + 1] * b[i + 1] + a[i + 2] * b[i + 2]);
      sum += Math.toDegrees(Math.acos(Math.min(1, dot)));
    }
    return sum / (a.length / 3);
  }
}
