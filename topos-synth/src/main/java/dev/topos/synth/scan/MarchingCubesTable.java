package dev.topos.synth.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * The marching-cubes triangle table, derived rather than typed in: for each of the 256 inside /
 * outside patterns of a cube's corners, every face contributes iso-line segments between its
 * crossing edges (on an ambiguous face, with two diagonal inside corners, each inside corner is
 * cut off on its own, so neighbouring cubes always agree and the surface is closed); the
 * segments form closed cycles around the cube, each cycle is oriented so its normal points from
 * the inside corners to the outside ones and is fanned into triangles.
 *
 * <p>Corner c of a cube sits at offset (c &amp; 1, (c &gt;&gt; 1) &amp; 1, (c &gt;&gt; 2) &amp; 1). Edge e joins
 * corners {@link #EDGE_CORNERS}[e][0] and [1] along axis {@code e / 4} (0 = x, 1 = y, 2 = z),
 * starting at the first corner. The table is immutable once built.
 */
final class MarchingCubesTable {
  /** The two corners of each edge; the first is the one with the lower coordinate. */
  static final int[][] EDGE_CORNERS = {
      {0, 1}, {2, 3}, {4, 5}, {6, 7}, // along x
      {0, 2}, {1, 3}, {4, 6}, {5, 7}, // along y
      {0, 4}, {1, 5}, {2, 6}, {3, 7}, // along z
  };

  /** Corners of each face in cyclic order. */
  private static final int[][] FACES = {
      {0, 2, 6, 4}, // x = 0
      {1, 3, 7, 5}, // x = 1
      {0, 1, 5, 4}, // y = 0
      {2, 3, 7, 6}, // y = 1
      {0, 1, 3, 2}, // z = 0
      {4, 5, 7, 6}, // z = 1
  };

  private final int[][] triangles = new int[256][];

  MarchingCubesTable() {
    for (int config = 0; config < 256; config++) {
      triangles[config] = build(config);
    }
  }

  /** Edge indices of the triangles for a corner pattern (bit c set = corner c inside), 3 per triangle, counter-clockwise seen from outside. */
  int[] triangles(int config) {
    return triangles[config];
  }

  private static int edgeOf(int a, int b) {
    for (int e = 0; e < 12; e++) {
      int[] c = EDGE_CORNERS[e];
      if (c[0] == a && c[1] == b || c[0] == b && c[1] == a) {
        return e;
      }
    }
    throw new IllegalArgumentException("no edge " + a + "-" + b);
  }

  private static double[] corner(int c) {
    return new double[] {c & 1, (c >> 1) & 1, (c >> 2) & 1};
  }

  private static double[] midpoint(int e) {
    double[] a = corner(EDGE_CORNERS[e][0]);
    double[] b = corner(EDGE_CORNERS[e][1]);
    return new double[] {(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2};
  }

  private static int[] build(int config) {
    // Segment graph over crossing edges: each crossing edge has exactly two segment neighbours.
    int[][] link = new int[12][2];
    int[] degree = new int[12];
    for (int[] face : FACES) {
      boolean[] in = new boolean[4];
      for (int k = 0; k < 4; k++) {
        in[k] = (config >> face[k] & 1) != 0;
      }
      int[] crossing = new int[4]; // face edge k joins face corners k and k+1
      int count = 0;
      for (int k = 0; k < 4; k++) {
        if (in[k] != in[(k + 1) % 4]) {
          crossing[count++] = k;
        }
      }
      if (count == 2) {
        connect(link, degree, edgeOf(face[crossing[0]], face[(crossing[0] + 1) % 4]),
            edgeOf(face[crossing[1]], face[(crossing[1] + 1) % 4]));
      } else if (count == 4) {
        // Ambiguous face: cut each inside corner off on its own.
        for (int k = 0; k < 4; k++) {
          if (in[k]) {
            int before = edgeOf(face[(k + 3) % 4], face[k]);
            int after = edgeOf(face[k], face[(k + 1) % 4]);
            connect(link, degree, before, after);
          }
        }
      }
    }
    List<Integer> out = new ArrayList<>();
    boolean[] used = new boolean[12];
    for (int start = 0; start < 12; start++) {
      if (degree[start] == 0 || used[start]) {
        continue;
      }
      List<Integer> cycle = new ArrayList<>();
      int prev = -1;
      int cur = start;
      while (!used[cur]) {
        used[cur] = true;
        cycle.add(cur);
        int nxt = link[cur][0] != prev ? link[cur][0] : link[cur][1];
        if (link[cur][0] == link[cur][1]) {
          nxt = link[cur][0];
        }
        prev = cur;
        cur = nxt;
      }
      // Orientation: the polygon normal (Newell) must point from inside to outside corners.
      double nx = 0;
      double ny = 0;
      double nz = 0;
      for (int i = 0; i < cycle.size(); i++) {
        double[] a = midpoint(cycle.get(i));
        double[] b = midpoint(cycle.get((i + 1) % cycle.size()));
        nx += (a[1] - b[1]) * (a[2] + b[2]);
        ny += (a[2] - b[2]) * (a[0] + b[0]);
        nz += (a[0] - b[0]) * (a[1] + b[1]);
      }
      double gx = 0;
      double gy = 0;
      double gz = 0;
      for (int e : cycle) {
        int a = EDGE_CORNERS[e][0];
        int b = EDGE_CORNERS[e][1];
        int inside = (config >> a & 1) != 0 ? a : b;
        int outside = inside == a ? b : a;
        double[] pi = corner(inside);
        double[] po = corner(outside);
        gx += po[0] - pi[0];
        gy += po[1] - pi[1];
        gz += po[2] - pi[2];
      }
      if (nx * gx + ny * gy + nz * gz < 0) {
        java.util.Collections.reverse(cycle);
      }
      for (int i = 1; i + 1 < cycle.size(); i++) {
        out.add(cycle.get(0));
        out.add(cycle.get(i));
        out.add(cycle.get(i + 1));
      }
    }
    int[] result = new int[out.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = out.get(i);
    }
    return result;
  }

  private static void connect(int[][] link, int[] degree, int a, int b) {
    link[a][degree[a]++] = b;
    link[b][degree[b]++] = a;
  }
}
