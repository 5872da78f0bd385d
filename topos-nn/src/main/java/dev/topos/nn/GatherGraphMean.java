package dev.topos.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.topos.topology.pyramid.Adjacency;

/** {@link GraphOp#GATHER}: gather the -1 padded neighbour table, weight by {@code 1/deg i} (0 on padding), sum. */
final class GatherGraphMean implements GraphMean {

  private final NDArray neighbours; // int64 [n*K], padding replaced by node 0 (int64: see MeshLosses.toLong)
  private final NDArray weights; // [n, K, 1, 1]: 1/deg i, or 0 on padding
  private final int size;
  private final int width;

  GatherGraphMean(Adjacency graph, NDManager manager) {
    size = graph.size();
    width = Math.max(1, graph.maxDegree());
    long[] flat = new long[size * width];
    float[] w = new float[size * width];
    int[][] table = graph.padded();
    for (int i = 0; i < size; i++) {
      for (int k = 0; k < table[i].length; k++) {
        if (table[i][k] >= 0) {
          flat[i * width + k] = table[i][k];
          w[i * width + k] = 1f / graph.degree(i);
        }
      }
    }
    neighbours = manager.create(flat);
    weights = manager.create(w, new Shape(size, width, 1, 1));
  }

  @Override
  public NDArray apply(NDArray x) {
    Shape s = x.getShape();
    NDArray gathered = x.get(neighbours).reshape(size, width, s.get(1), s.get(2)); // [n, K, B, D]
    return gathered.mul(weights).sum(new int[] {1}); // [n, B, D]
  }

  @Override
  public int size() {
    return size;
  }
}
