package dev.topos.nn;

import ai.djl.ndarray.NDManager;
import dev.topos.topology.pyramid.Adjacency;

/** How {@link GraphMean} is computed. */
public enum GraphOp {
  /**
   * A sparse (COO) row-normalised adjacency times the features, {@code A [n, n] x [n, B*D]}.
   * DJL's PyTorch engine supports COO matmul with autograd on CPU (it cannot create CSR tensors);
   * on the decoder's finest level this is 3-30x faster than {@link #GATHER}.
   */
  SPARSE,
  /** A padded neighbour gather {@code x[nbr] [n, K, B, D]} and a masked mean: any engine, slower. */
  GATHER;

  /** The aggregation over {@code graph}; its constant tensors are created in {@code manager}. */
  public GraphMean over(Adjacency graph, NDManager manager) {
    return switch (this) {
      case SPARSE -> new SparseGraphMean(graph, manager);
      case GATHER -> new GatherGraphMean(graph, manager);
    };
  }
}
