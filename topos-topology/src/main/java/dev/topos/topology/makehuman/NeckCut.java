package dev.topos.topology.makehuman;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cuts the head and neck out of MakeHuman's body along one clean edge loop of the quad mesh.
 *
 * <p>An edge loop is followed quad-style: from edge (p, c) the loop continues along the single
 * edge at c that shares no face with (p, c). The loop through the seed vertex (a front-midline
 * vertex at the base of the neck) that runs sideways closes after 42 edges around the neck; the
 * faces reachable from the top of the head without crossing it are the head.
 */
final class NeckCut {
  /**
   * hm08 vertex at the front midline of the neck base (y = 5.48 dm, just above the clavicles). Its
   * loop is the cut: 42 vertices, rising from 5.47 dm at the front to 5.85 dm at the back.
   */
  static final int SEED_VERTEX = 1522;

  private NeckCut() {}

  /** Indices (into faceVertices) of the faces above the loop. */
  static int[] headFaces(float[] positions, List<int[]> faces) {
    Map<Long, List<Integer>> edgeFaces = new HashMap<>();
    Map<Integer, Set<Integer>> neighbours = new HashMap<>();
    for (int f = 0; f < faces.size(); f++) {
      int[] q = faces.get(f);
      for (int k = 0; k < q.length; k++) {
        int a = q[k];
        int b = q[(k + 1) % q.length];
        edgeFaces.computeIfAbsent(key(a, b), x -> new ArrayList<>()).add(f);
        neighbours.computeIfAbsent(a, x -> new HashSet<>()).add(b);
        neighbours.computeIfAbsent(b, x -> new HashSet<>()).add(a);
      }
    }
    List<Integer> loop = edgeLoop(positions, edgeFaces, neighbours);
    Set<Long> cut = new HashSet<>();
    for (int i = 0; i < loop.size(); i++) {
      cut.add(key(loop.get(i), loop.get((i + 1) % loop.size())));
    }
    int top = 0;
    for (int f = 0; f < faces.size(); f++) {
      for (int v : faces.get(f)) {
        if (positions[3 * v + 1] > positions[3 * faces.get(top)[0] + 1]) {
          top = f;
        }
      }
    }
    boolean[] seen = new boolean[faces.size()];
    ArrayDeque<Integer> stack = new ArrayDeque<>();
    stack.push(top);
    seen[top] = true;
    while (!stack.isEmpty()) {
      int f = stack.pop();
      int[] q = faces.get(f);
      for (int k = 0; k < q.length; k++) {
        long e = key(q[k], q[(k + 1) % q.length]);
        if (cut.contains(e)) {
          continue;
        }
        for (int g : edgeFaces.get(e)) {
          if (!seen[g]) {
            seen[g] = true;
            stack.push(g);
          }
        }
      }
    }
    return java.util.stream.IntStream.range(0, faces.size()).filter(f -> seen[f]).toArray();
  }

  private static List<Integer> edgeLoop(float[] positions, Map<Long, List<Integer>> edgeFaces, Map<Integer, Set<Integer>> neighbours) {
    int seed = SEED_VERTEX;
    // Start sideways: the neighbour that moves most in x and least in y.
    int next = neighbours.get(seed).stream()
        .min((a, b) -> Double.compare(sideways(positions, seed, a), sideways(positions, seed, b)))
        .orElseThrow();
    List<Integer> loop = new ArrayList<>(List.of(seed, next));
    while (loop.size() < 1000) {
      int prev = loop.get(loop.size() - 2);
      int cur = loop.get(loop.size() - 1);
      Set<Integer> incoming = new HashSet<>(edgeFaces.get(key(prev, cur)));
      List<Integer> candidates = new ArrayList<>();
      for (int n : neighbours.get(cur)) {
        if (n != prev && java.util.Collections.disjoint(edgeFaces.get(key(n, cur)), incoming)) {
          candidates.add(n);
        }
      }
      if (candidates.size() != 1) {
        throw new IllegalStateException("neck edge loop meets an irregular vertex " + cur + " (" + candidates.size() + " ways on)");
      }
      int c = candidates.get(0);
      if (c == seed) {
        return loop;
      }
      loop.add(c);
    }
    throw new IllegalStateException("neck edge loop does not close");
  }

  private static double sideways(float[] p, int from, int to) {
    double dx = Math.abs(p[3 * to] - p[3 * from]);
    double dy = Math.abs(p[3 * to + 1] - p[3 * from + 1]);
    return -dx + 5 * dy;
  }

  private static long key(int a, int b) {
    return a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
  }

  static int[] sortedUnique(int[] values) {
    return Arrays.stream(values).distinct().sorted().toArray();
  }
}
