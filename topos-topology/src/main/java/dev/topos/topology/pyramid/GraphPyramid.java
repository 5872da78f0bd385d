package dev.topos.topology.pyramid;

import dev.topos.geometry.Mesh;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The template graph pyramid of the TOPOS-VAE decoder: the reference head's vertices clustered by
 * nested voxel grids, from every vertex (level 0) up to a few hundred coarse nodes (the coarsest
 * level, one latent token per node).
 *
 * <p><b>Clustering.</b> Positions are taken in the {@link VaeFrame} (unit ball). Each vertex gets a
 * base cell {@code c0 = floor((p + 1) / cell0)} per axis. Level 0 is every vertex, in vertex order.
 * Level {@code k >= 1} groups the vertices by {@code c0 >> k}, i.e. by cells of edge
 * {@code cell0 * 2^k}; its nodes are the occupied cells sorted by packed cell key
 * ({@code ix << 42 | iy << 21 | iz}), so the node order is deterministic. Because every level is
 * derived from the same base cells by shifting, clusters are nested: each node of level k lies in
 * exactly one node of level k+1 (its {@code parent}), and each vertex has exactly one ancestor per
 * level. A node's position is the mean of its level-0 vertices.
 *
 * <p><b>Edges.</b> Level 0 uses the polygon edges of the head mesh (quad sides, no diagonals). At
 * level k two nodes are neighbours when any mesh edge joins a vertex of one to a vertex of the
 * other; self loops are dropped. Each level carries its graph as CSR ({@link Adjacency}) and, via
 * {@link Adjacency#padded()}, as a -1 padded neighbour table.
 */
public final class GraphPyramid {

  private final PyramidSpec spec;
  private final VaeFrame frame;
  private final List<PyramidLevel> levels;
  private final int[][] ancestors;

  private GraphPyramid(PyramidSpec spec, VaeFrame frame, List<PyramidLevel> levels, int[][] ancestors) {
    this.spec = spec;
    this.frame = frame;
    this.levels = List.copyOf(levels);
    this.ancestors = ancestors;
  }

  /** The pyramid of a head mesh (metres), in the head's own {@link VaeFrame}, with its polygon edges. */
  public static GraphPyramid of(Mesh head, PyramidSpec spec) {
    VaeFrame frame = VaeFrame.of(head.positions());
    return build(frame, frame.toUnit(head.positions()), polygonEdges(head), spec);
  }

  /**
   * The pyramid of unit-frame positions [V*3] and undirected edges [E*2].
   *
   * @param frame the frame the positions were mapped with, handed back by {@link #frame()}
   */
  public static GraphPyramid build(VaeFrame frame, float[] unitPositions, int[] edgePairs, PyramidSpec spec) {
    int vertexCount = unitPositions.length / 3;
    long[] base = baseCells(unitPositions, spec.cell0());
    List<PyramidLevel> levels = new ArrayList<>();
    int[][] ancestors = new int[spec.depth() + 1][];
    ancestors[0] = new int[vertexCount];
    for (int v = 0; v < vertexCount; v++) {
      ancestors[0][v] = v;
    }
    long[][] keys = new long[spec.depth() + 1][];
    keys[0] = base;
    for (int k = 1; k <= spec.depth(); k++) {
      long[] vertexKeys = new long[vertexCount];
      for (int v = 0; v < vertexCount; v++) {
        vertexKeys[v] = shift(base[v], k);
      }
      long[] nodes = Arrays.stream(vertexKeys).distinct().sorted().toArray();
      keys[k] = nodes;
      ancestors[k] = new int[vertexCount];
      for (int v = 0; v < vertexCount; v++) {
        ancestors[k][v] = Arrays.binarySearch(nodes, vertexKeys[v]);
      }
    }
    for (int k = 0; k <= spec.depth(); k++) {
      int n = keys[k].length;
      float[] positions = new float[3 * n];
      int[] counts = new int[n];
      double[] sums = new double[3 * n];
      for (int v = 0; v < vertexCount; v++) {
        int node = ancestors[k][v];
        counts[node]++;
        for (int a = 0; a < 3; a++) {
          sums[3 * node + a] += unitPositions[3 * v + a];
        }
      }
      for (int i = 0; i < 3 * n; i++) {
        positions[i] = (float) (sums[i] / counts[i / 3]);
      }
      int[] parent = new int[0];
      if (k < spec.depth()) {
        parent = new int[n];
        for (int v = 0; v < vertexCount; v++) {
          parent[ancestors[k][v]] = ancestors[k + 1][v];
        }
      }
      int[] mapped = new int[edgePairs.length];
      for (int e = 0; e < edgePairs.length; e++) {
        mapped[e] = ancestors[k][edgePairs[e]];
      }
      levels.add(new PyramidLevel(k, positions, keys[k], counts, parent, Adjacency.fromEdges(n, mapped)));
    }
    return new GraphPyramid(spec, frame, levels, ancestors);
  }

  /** Unique undirected polygon edges of a mesh (consecutive corners of each face), [E*2], each pair (low, high), sorted. */
  public static int[] polygonEdges(Mesh mesh) {
    int[] starts = mesh.faceStarts();
    int[] corners = mesh.faceVertices();
    long[] keys = new long[corners.length];
    int k = 0;
    for (int f = 0; f < mesh.faceCount(); f++) {
      int size = starts[f + 1] - starts[f];
      for (int c = 0; c < size; c++) {
        int a = corners[starts[f] + c];
        int b = corners[starts[f] + (c + 1) % size];
        keys[k++] = ((long) Math.min(a, b) << 32) | Math.max(a, b);
      }
    }
    long[] unique = Arrays.stream(keys).distinct().sorted().toArray();
    int[] out = new int[2 * unique.length];
    for (int e = 0; e < unique.length; e++) {
      out[2 * e] = (int) (unique[e] >>> 32);
      out[2 * e + 1] = (int) unique[e];
    }
    return out;
  }

  /**
   * The finest cell for which the coarsest level of {@code depth} has about {@code target} nodes,
   * by bisection on the logarithm of the cell size (the count is only roughly monotone in the cell,
   * so the result is the best of the candidates tried). Used to choose the presets' constants.
   */
  public static double cell0ForTarget(float[] unitPositions, int depth, int target) {
    double lo = Math.log(1e-4);
    double hi = Math.log(2.0);
    double best = Math.exp(hi);
    int bestError = Integer.MAX_VALUE;
    for (int it = 0; it < 60; it++) {
      double mid = 0.5 * (lo + hi);
      int count = coarseCount(unitPositions, Math.exp(mid), depth);
      if (Math.abs(count - target) < bestError) {
        bestError = Math.abs(count - target);
        best = Math.exp(mid);
      }
      if (count > target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return best;
  }

  private static int coarseCount(float[] unitPositions, double cell0, int depth) {
    long[] base = baseCells(unitPositions, cell0);
    return (int) Arrays.stream(base).map(key -> shift(key, depth)).distinct().count();
  }

  private static long[] baseCells(float[] unitPositions, double cell0) {
    int vertexCount = unitPositions.length / 3;
    long[] keys = new long[vertexCount];
    for (int v = 0; v < vertexCount; v++) {
      long ix = cell(unitPositions[3 * v], cell0);
      long iy = cell(unitPositions[3 * v + 1], cell0);
      long iz = cell(unitPositions[3 * v + 2], cell0);
      keys[v] = (ix << 42) | (iy << 21) | iz;
    }
    return keys;
  }

  private static long cell(float coordinate, double cellSize) {
    long c = (long) Math.floor((coordinate + 1.0) / cellSize);
    return Math.max(0, Math.min(c, (1 << 21) - 1));
  }

  private static long shift(long key, int k) {
    long mask = (1L << 21) - 1;
    long ix = (key >>> 42) & mask;
    long iy = (key >>> 21) & mask;
    long iz = key & mask;
    return ((ix >> k) << 42) | ((iy >> k) << 21) | (iz >> k);
  }

  public PyramidSpec spec() {
    return spec;
  }

  /** The frame the reference positions were mapped into the unit ball with. */
  public VaeFrame frame() {
    return frame;
  }

  /** Levels 0..depth, fine to coarse. */
  public List<PyramidLevel> levels() {
    return levels;
  }

  public PyramidLevel level(int k) {
    return levels.get(k);
  }

  /** Index of the coarsest level. */
  public int depth() {
    return levels.size() - 1;
  }

  public PyramidLevel coarsest() {
    return levels.get(depth());
  }

  /** Node of level k that holds vertex v. */
  public int ancestor(int vertex, int k) {
    return ancestors[k][vertex];
  }

  /** For every vertex its node at level k, [V] (a copy). */
  public int[] ancestors(int k) {
    return ancestors[k].clone();
  }

  /** Node counts per level, fine to coarse. */
  public int[] sizes() {
    return levels.stream().mapToInt(PyramidLevel::size).toArray();
  }
}
