package dev.topos.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.topos.topology.pyramid.Adjacency;
import java.nio.FloatBuffer;

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
   * The COO matrix, copied into storage of its own and checked. DJL 0.36's {@code createCoo} builds
   * the sparse tensor over two temporary arrays whose direct buffers it releases on return, while
   * PyTorch's {@code sparse_coo_tensor} keeps pointing at them: after the next garbage collection
   * the indices are garbage ("addmm: index out of row bound"). Cloning at once gives the tensor its
   * own storage; one product against the same sum done here in Java proves the copy is intact.
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
    for (int attempt = 0; attempt < 3; attempt++) {
      NDArray owned;
      try (NDArray borrowed = manager.createCoo(FloatBuffer.wrap(weights), new long[][] {rows, cols}, new Shape(size, size))) {
        owned = borrowed.duplicate();
      }
      try (NDManager check = manager.newSubManager()) {
        NDArray result = owned.matMul(check.create(probe, new Shape(size, 1)));
        result.attach(check);
        float[] got = result.toFloatArray();
        boolean intact = true;
        for (int i = 0; i < size && intact; i++) {
          intact = Math.abs(got[i] - expected[i]) <= 1e-4 * (1 + Math.abs(expected[i]));
        }
        if (intact) {
          return owned;
        }
      } catch (RuntimeException e) {
        // a corrupted index fails the product; build again
      }
      owned.close();
    }
    throw new IllegalStateException("the engine could not build an intact sparse COO matrix of " + size + " nodes");
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
