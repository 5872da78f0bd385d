package dev.topos.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StrayPointsTest {
  /** 4,000 points on a sphere of radius 0.1 (a head-sized body), seeded. */
  static float[] sphere(int n, double radius, long seed) {
    return new SurfaceSampler(TestMeshes.sphere((float) radius, 48, 24)).samplePoints(n, seed, SurfaceSampler.NormalMode.FACE)
        .positions();
  }

  static float[] concat(float[]... parts) {
    int length = 0;
    for (float[] p : parts) {
      length += p.length;
    }
    float[] out = new float[length];
    int at = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  static float[] scaled(float[] xyz, float s) {
    float[] out = xyz.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] *= s;
    }
    return out;
  }

  static int keptAmong(StrayPoints.Result r, int from, int to) {
    int k = 0;
    for (int i = from; i < to; i++) {
      k += r.kept()[i] ? 1 : 0;
    }
    return k;
  }

  @Test
  void aCleanSurfaceIsKeptWhole() {
    StrayPoints.Result r = StrayPoints.find(sphere(4000, 0.1, 1));
    assertEquals(1, r.pieces());
    assertEquals(4000, r.keptCount());
    PointCloud cloud = new PointCloud(sphere(4000, 0.1, 1), null);
    assertSame(cloud, r.apply(cloud));
  }

  @Test
  void farPiecesAndSpecksOutsideTheBodysBoxGoWhateverTheUnits() {
    float[] body = sphere(4000, 0.1, 2);
    // a stand 0.5 m to the side (large: 300 points), three specks a metre off, and 12 specks just
    // above the crown (4-7 cm: near, but outside the body's box)
    float[] stand = sphere(300, 0.03, 3);
    for (int i = 0; i < stand.length; i += 3) {
      stand[i] += 0.6f;
    }
    float[] far = {1, 1, 1, -1, 0.5f, 0, 0, -1.2f, 0.3f};
    SplittableRandom random = new SplittableRandom(4);
    float[] crown = new float[3 * 12];
    for (int i = 0; i < crown.length; i += 3) {
      crown[i] = (float) random.nextDouble(-0.1, 0.1);
      crown[i + 1] = (float) (0.1 + random.nextDouble(0.04, 0.07));
      crown[i + 2] = (float) random.nextDouble(-0.1, 0.1);
    }
    float[] all = concat(body, stand, far, crown);
    StrayPoints.Result r = StrayPoints.find(all);
    assertEquals(4000, keptAmong(r, 0, 4000));
    assertEquals(4000, r.keptCount());
    assertEquals(300 + 3 + 12, r.dropped());
    // scale-free: the same decision in millimetres
    StrayPoints.Result mm = StrayPoints.find(scaled(all, 1000));
    assertArrayEquals(r.kept(), mm.kept());
    assertEquals(1000 * r.linkDistance(), mm.linkDistance(), 1e-6 * mm.linkDistance());
    // the kept points are the body's, in order, with their normals
    float[] normals = scaled(all, -1);
    PointCloud kept = r.apply(new PointCloud(all, normals));
    assertArrayEquals(body, kept.positions());
    assertArrayEquals(Arrays.copyOf(normals, body.length), kept.normals());
  }

  @Test
  void nearPiecesStayAndSpecksInsideTheBodysBoxStay() {
    float[] body = sphere(4000, 0.1, 5);
    // a shell apart from the body, 6 cm off its side (a hair piece, shoulders scanned apart): large and near
    float[] shell = sphere(800, 0.04, 6);
    for (int i = 0; i < shell.length; i += 3) {
      shell[i] += 0.2f;
    }
    // specks inside the body, 5 cm from its surface (within its box): they move neither its box nor its top
    float[] inside = {0.05f, 0, 0, 0.03f, -0.04f, 0, 0, 0, -0.05f};
    StrayPoints.Result r = StrayPoints.find(concat(body, shell, inside));
    assertEquals(4000 + 800 + 3, r.keptCount());
    assertTrue(r.pieces() >= 2 + 3, "pieces " + r.pieces());
  }

  @Test
  void unevenlySpacedPointsWidenTheLinkInsteadOfFallingApart() {
    // a photogrammetry habit: the face dense (3,000 points within 3 cm of the front), the rest of the
    // head sparse (1,500 points over the whole sphere); the first link, set by the dense points, leaves
    // the sparse ones alone outside the face's box, a third of the points
    float[] sparse = sphere(1500, 0.1, 7);
    float[] dense = new float[3 * 3000];
    float[] candidates = sphere(200_000, 0.1, 8);
    int k = 0;
    for (int i = 0; i < candidates.length && k < dense.length; i += 3) {
      if (candidates[i + 2] > 0 && Math.hypot(candidates[i], candidates[i + 1]) < 0.03) {
        System.arraycopy(candidates, i, dense, k, 3);
        k += 3;
      }
    }
    assertEquals(dense.length, k);
    float[] all = concat(dense, sparse);
    double firstLink = StrayPoints.LINK_SPACINGS * StrayPoints.typicalSpacing(all, new KdTree(all));
    StrayPoints.Result r = StrayPoints.find(all);
    assertTrue(r.linkDistance() >= 2 * firstLink, "link " + r.linkDistance() + " from " + firstLink);
    assertTrue(r.dropped() <= StrayPoints.MAX_DROPPED_SHARE * 4500, "dropped " + r.dropped());
    assertEquals(3000, keptAmong(r, 0, 3000));
  }

  @Test
  void tooFewOrCoincidentPointsAreKeptWhole() {
    float[] few = {0, 0, 0, 1, 1, 1, 5, 5, 5};
    assertEquals(3, StrayPoints.find(few).keptCount());
    float[] same = new float[3 * 100]; // all at the origin
    assertEquals(100, StrayPoints.find(same).keptCount());
  }
}
