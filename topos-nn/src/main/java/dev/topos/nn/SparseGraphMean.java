package dev.topos.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import dev.topos.topology.pyramid.Adjacency;

/** {@link GraphOp#SPARSE}: a sparse COO matrix of weights {@code 1/deg i} times the features. */
final class SparseGraphMean implements GraphMean {

  private final NDArray matrix; // sparse COO [n, n]
  private final int size;

  SparseGraphMean(Adjacency graph, NDManager manager) {
    size = graph.size();
    int nnz = graph.nonZeros();
    long[] rows = new long[nnz];
    long[] cols = new long[nnz];
    float[] weights = new float[nnz];
    for (int i = 0; i < size; i++) {
      for (int c = graph.rowStart()[i]; c < graph.rowStart()[i + 1]; c++) {
        rows[c] = i;
        cols[c] = graph.cols()[c];
        weights[c] = 1f / graph.degree(i);
      }
    }
    matrix = build(manager, weights, rows, cols);
  }

  /**
   * The COO matrix, in storage that PyTorch owns, checked. DJL's {@code createCoo} is not used: it
   * builds the sparse tensor over temporary arrays whose Java direct buffers it releases on return,
   * while the tensor keeps pointing at them (after a garbage collection the indices were garbage:
   * "addmm: index out of row bound"); even cloning at once leaves a window in which a collection can
   * free them. Instead a natively allocated dense zero matrix gets the weights by an indexed put
   * (which copies) and {@code toSparse} copies again into a new COO tensor: about 4 bytes x n^2 of
   * scratch once per model build (76 MB on the 4,368-vertex level). One product against the same
   * sum done here in Java proves the matrix is intact.
   */
  private NDArray build(NDManager manager, float[] weights, long[] rows, long[] cols) {
    float[] probe = new float[size];
    for (int i = 0; i < size; i++) {
      probe[i] = 1 + (i % 7);
    }
    double[] expected = new double[size];
    for (int c = 0; c < rows.length; c++) {
      expected[(int) rows[c]] += weights[c] * probe[(int) cols[c]];
    }
    NDArray owned;
    try (NDManager scratch = manager.newSubManager()) {
      NDArray dense = scratch.zeros(new Shape(size, size)); // [n, n], allocated by the engine
      dense.set(new NDIndex("{}, {}", scratch.create(rows), scratch.create(cols)), scratch.create(weights));
      owned = dense.toSparse(SparseFormat.COO); // [n, n] COO, storage of its own
      owned.attach(manager);
      NDArray result = owned.matMul(scratch.create(probe, new Shape(size, 1))); // [n, 1]
      float[] got = result.toFloatArray();
      for (int i = 0; i < size; i++) {
        if (!(Math.abs(got[i] - expected[i]) <= 1e-4 * (1 + Math.abs(expected[i])))) {
          owned.close();
          throw new IllegalStateException("the engine built a wrong sparse matrix for a graph of " + size + " nodes");
        }
      }
    }
    return owned;
  }

  @Override
  public NDArray apply(NDArray x) {
    Shape s = x.getShape();
    NDArray flat = x.reshape(s.get(0), s.get(1) * s.get(2)); // [n, B*D]
    return Scope.into(matrix.matMul(flat), x).reshape(s); // [n, B, D]
  }

  @Override
  public int size() {
    return size;
  }
}
