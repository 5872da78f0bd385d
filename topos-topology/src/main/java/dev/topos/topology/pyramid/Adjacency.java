package dev.topos.topology.pyramid;

import java.util.Arrays;

/**
 * An undirected graph on {@code n} nodes in compressed sparse row form: the neighbours of node
 * {@code i} are {@code cols[rowStart[i] .. rowStart[i+1]-1]}, ascending, without self loops or
 * duplicates, and every edge is stored in both directions. Arrays are shared, not copied: do not
 * mutate them.
 *
 * @param rowStart offsets, [n+1], starting at 0
 * @param cols neighbour indices, [nnz] (nnz = twice the edge count)
 */
public record Adjacency(int[] rowStart, int[] cols) {

  public Adjacency {
    if (rowStart.length == 0 || rowStart[0] != 0 || rowStart[rowStart.length - 1] != cols.length) {
      throw new IllegalArgumentException("rowStart must start at 0 and end at " + cols.length);
    }
  }

  /** The graph of the given undirected edges (pairs of node indices, [E*2]); self loops and repeats are dropped. */
  public static Adjacency fromEdges(int n, int[] edgePairs) {
    long[] keys = new long[edgePairs.length];
    int k = 0;
    for (int e = 0; e < edgePairs.length; e += 2) {
      int a = edgePairs[e];
      int b = edgePairs[e + 1];
      if (a < 0 || a >= n || b < 0 || b >= n) {
        throw new IllegalArgumentException("edge " + e / 2 + " (" + a + ", " + b + ") is out of range 0.." + (n - 1));
      }
      if (a != b) {
        keys[k++] = ((long) a << 32) | b;
        keys[k++] = ((long) b << 32) | a;
      }
    }
    keys = Arrays.copyOf(keys, k);
    Arrays.sort(keys);
    int[] rowStart = new int[n + 1];
    int[] cols = new int[k];
    int nnz = 0;
    long previous = -1;
    for (long key : keys) {
      if (key == previous) {
        continue;
      }
      previous = key;
      rowStart[(int) (key >>> 32) + 1]++;
      cols[nnz++] = (int) key;
    }
    for (int i = 0; i < n; i++) {
      rowStart[i + 1] += rowStart[i];
    }
    return new Adjacency(rowStart, Arrays.copyOf(cols, nnz));
  }

  /** Number of nodes. */
  public int size() {
    return rowStart.length - 1;
  }

  /** Number of stored (directed) entries, twice the edge count. */
  public int nonZeros() {
    return cols.length;
  }

  public int degree(int i) {
    return rowStart[i + 1] - rowStart[i];
  }

  /** Degree of every node, [n]. */
  public int[] degrees() {
    int[] d = new int[size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = degree(i);
    }
    return d;
  }

  public int maxDegree() {
    int m = 0;
    for (int i = 0; i < size(); i++) {
      m = Math.max(m, degree(i));
    }
    return m;
  }

  /** Neighbour table [n][maxDegree], each row the ascending neighbours then -1 padding. */
  public int[][] padded() {
    int width = maxDegree();
    int[][] out = new int[size()][width];
    for (int i = 0; i < out.length; i++) {
      Arrays.fill(out[i], -1);
      System.arraycopy(cols, rowStart[i], out[i], 0, degree(i));
    }
    return out;
  }

  /** Whether j is a neighbour of i. */
  public boolean hasEdge(int i, int j) {
    return Arrays.binarySearch(cols, rowStart[i], rowStart[i + 1], j) >= 0;
  }

  /** Connected component of every node, [n], components numbered 0.. in order of their smallest node. */
  public int[] componentLabels() {
    int[] label = new int[size()];
    Arrays.fill(label, -1);
    int[] stack = new int[size()];
    int next = 0;
    for (int s = 0; s < size(); s++) {
      if (label[s] >= 0) {
        continue;
      }
      int top = 0;
      stack[top++] = s;
      label[s] = next;
      while (top > 0) {
        int i = stack[--top];
        for (int c = rowStart[i]; c < rowStart[i + 1]; c++) {
          int j = cols[c];
          if (label[j] < 0) {
            label[j] = next;
            stack[top++] = j;
          }
        }
      }
      next++;
    }
    return label;
  }

  /** Number of connected components (isolated nodes count as one each). */
  public int componentCount() {
    int max = -1;
    for (int l : componentLabels()) {
      max = Math.max(max, l);
    }
    return max + 1;
  }
}
