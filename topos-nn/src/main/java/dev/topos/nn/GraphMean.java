package dev.topos.nn;

import ai.djl.ndarray.NDArray;

/**
 * The mean of each node's neighbours' features on a fixed graph: {@code y_i = (1/deg i) sum_{j ~ i} x_j}
 * (zero for a node without neighbours). Features are laid out {@code [n, B, D]}: n nodes, B batch,
 * D channels. Implementations must agree to float rounding; {@link GraphOp} picks one.
 */
public interface GraphMean {

  /** {@code x [n, B, D] -> [n, B, D]}, in the scope of x; differentiable in x. */
  NDArray apply(NDArray x);

  /** Number of nodes n. */
  int size();
}
