package dev.topos.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KdTreeTest {

  private static float[] randomPoints(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] p = new float[3 * n];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) r.nextDouble(-1, 1);
    }
    return p;
  }

  private static double d2(float[] p, int i, double x, double y, double z) {
    double dx = p[3 * i] - x;
    double dy = p[3 * i + 1] - y;
    double dz = p[3 * i + 2] - z;
    return dx * dx + dy * dy + dz * dz;
  }

  /** Indices sorted by (distance, index): the brute-force truth. */
  private static List<Integer> byDistance(float[] p, double x, double y, double z) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < p.length / 3; i++) {
      idx.add(i);
    }
    idx.sort(Comparator.<Integer>comparingDouble(i -> d2(p, i, x, y, z)).thenComparingInt(i -> i));
    return idx;
  }

  @Test
  void matchesBruteForceOn2000RandomPoints() {
    float[] p = randomPoints(2000, 42);
    KdTree tree = new KdTree(p);
    SplittableRandom r = new SplittableRandom(7);
    for (int q = 0; q < 300; q++) {
      double x = r.nextDouble(-1.2, 1.2);
      double y = r.nextDouble(-1.2, 1.2);
      double z = r.nextDouble(-1.2, 1.2);
      List<Integer> truth = byDistance(p, x, y, z);

      assertEquals(truth.get(0), tree.nearest(x, y, z));
      KdTree.Neighbor nn = tree.nearestNeighbor(x, y, z);
      assertEquals(d2(p, truth.get(0), x, y, z), nn.distanceSquared(), 0.0);

      double[] dist = new double[5];
      int[] k5 = tree.kNearest(x, y, z, 5, dist);
      assertArrayEquals(truth.subList(0, 5).stream().mapToInt(Integer::intValue).toArray(), k5);
      for (int i = 0; i < 5; i++) {
        assertEquals(d2(p, k5[i], x, y, z), dist[i], 0.0);
      }

      double radius = 0.15;
      int[] within = tree.withinRadius(x, y, z, radius);
      int[] expected = truth.stream().filter(i -> d2(p, i, x, y, z) <= radius * radius)
          .mapToInt(Integer::intValue).sorted().toArray();
      assertArrayEquals(expected, within);
    }
  }

  @Test
  void bulkNearestMatchesSingleQueries() {
    float[] p = randomPoints(500, 1);
    float[] q = randomPoints(100, 2);
    KdTree tree = new KdTree(p);
    int[] idx = new int[100];
    double[] d = new double[100];
    tree.nearestAll(q, idx, d);
    for (int i = 0; i < 100; i++) {
      assertEquals(tree.nearest(q[3 * i], q[3 * i + 1], q[3 * i + 2]), idx[i]);
      assertEquals(tree.nearestDistanceSquared(q[3 * i], q[3 * i + 1], q[3 * i + 2]), d[i], 0.0);
    }
  }

  @Test
  void concurrentQueriesAgreeWithSequentialOnes() {
    float[] p = randomPoints(5000, 11);
    float[] q = randomPoints(20_000, 12);
    KdTree tree = new KdTree(p);
    int[] sequential = new int[20_000];
    tree.nearestAll(q, sequential, null);
    int[] parallel = java.util.stream.IntStream.range(0, 20_000).parallel()
        .map(i -> tree.nearest(q[3 * i], q[3 * i + 1], q[3 * i + 2])).toArray();
    assertArrayEquals(sequential, parallel);
  }

  @Test
  void duplicatesTiesAndEdgeCases() {
    // 10,000 identical points: the 3-way partition keeps the build fast; ties go to the smallest index.
    float[] same = new float[3 * 10_000];
    java.util.Arrays.fill(same, 0.5f);
    KdTree tree = new KdTree(same);
    assertEquals(0, tree.nearest(0, 0, 0));
    assertArrayEquals(new int[] {0, 1, 2}, tree.kNearest(1, 1, 1, 3));
    assertEquals(10_000, tree.withinRadius(0.5, 0.5, 0.5, 0).length);

    KdTree empty = new KdTree(new float[0]);
    assertEquals(-1, empty.nearest(0, 0, 0));
    assertNull(empty.nearestNeighbor(0, 0, 0));
    assertEquals(0, empty.kNearest(0, 0, 0, 3).length);
    assertEquals(0, empty.withinRadius(0, 0, 0, 1).length);

    KdTree small = new KdTree(new float[] {0, 0, 0, 1, 0, 0});
    assertArrayEquals(new int[] {1, 0}, small.kNearest(2, 0, 0, 5));
  }

  @Test
  void largeSortedGridBuildsWithoutDeepRecursion() {
    int n = 300_000;
    float[] p = new float[3 * n];
    for (int i = 0; i < n; i++) {
      p[3 * i] = i * 1e-3f;
    }
    KdTree tree = new KdTree(p);
    assertEquals(123_456, tree.nearest(123.456, 0.0001, 0));
  }
}
