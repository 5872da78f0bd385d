package dev.topos.synth.scan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The boundary loops of an oriented triangle mesh: chains of half-edges that have no twin, walked
 * in the direction of the triangles' orientation (so a loop runs clockwise around its hole when
 * seen from outside).
 */
final class BoundaryLoops {
  private BoundaryLoops() {}

  /**
   * All boundary loops, each an ordered vertex list; longest (most vertices) first. A vertex where
   * two loops touch (a bow-tie) may appear in both.
   *
   * @param vertexCount V
   * @param triangles [T*3]
   */
  static List<int[]> find(int vertexCount, int[] triangles) {
    // Outgoing half-edges per vertex, CSR.
    int[] start = new int[vertexCount + 1];
    for (int i = 0; i < triangles.length; i++) {
      start[triangles[i] + 1]++;
    }
    for (int v = 0; v < vertexCount; v++) {
      start[v + 1] += start[v];
    }
    int[] to = new int[triangles.length];
    int[] fill = Arrays.copyOf(start, vertexCount);
    for (int t = 0; t < triangles.length; t += 3) {
      for (int k = 0; k < 3; k++) {
        int a = triangles[t + k];
        int b = triangles[t + (k + 1) % 3];
        to[fill[a]++] = b;
      }
    }
    // A half-edge a -> b is on the boundary if there is no b -> a.
    boolean[] boundary = new boolean[to.length];
    int count = 0;
    for (int a = 0; a < vertexCount; a++) {
      for (int s = start[a]; s < start[a + 1]; s++) {
        int b = to[s];
        boolean twin = false;
        for (int r = start[b]; r < start[b + 1]; r++) {
          if (to[r] == a) {
            twin = true;
            break;
          }
        }
        if (!twin) {
          boundary[s] = true;
          count++;
        }
      }
    }
    List<int[]> loops = new ArrayList<>();
    if (count == 0) {
      return loops;
    }
    boolean[] used = new boolean[to.length];
    int[] buffer = new int[count + 1];
    for (int a0 = 0; a0 < vertexCount; a0++) {
      for (int s0 = start[a0]; s0 < start[a0 + 1]; s0++) {
        if (!boundary[s0] || used[s0]) {
          continue;
        }
        int n = 0;
        int s = s0;
        int a = a0;
        while (s >= 0 && !used[s]) {
          used[s] = true;
          buffer[n++] = a;
          a = to[s];
          s = -1;
          for (int r = start[a]; r < start[a + 1]; r++) {
            if (boundary[r] && !used[r]) {
              s = r;
              break;
            }
          }
        }
        if (n >= 3) {
          loops.add(Arrays.copyOf(buffer, n));
        }
      }
    }
    loops.sort((x, y) -> Integer.compare(y.length, x.length));
    return loops;
  }
}
