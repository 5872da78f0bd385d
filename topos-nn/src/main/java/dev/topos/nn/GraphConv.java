package dev.topos.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * A graph convolution with separate weights for the node itself and for the mean of its neighbours:
 * {@code y_i = x_i W_self + b + (mean_{j ~ i} x_j) W_nbr}. Features are laid out {@code [n, B, D]}.
 *
 * @param self the node's own term (with the bias), D_in -> D_out
 * @param neighbour the neighbour-mean weight, [D_in, D_out]
 */
public record GraphConv(Linear self, NDArray neighbour) {

  /** Declares {@code name.self} and {@code name.nbr}; each starts at {@code gain / sqrt(2 D_in)} so their sum has the gain. */
  public static GraphConv declare(ParameterSet params, String name, int in, int out, double gain) {
    double half = gain / Math.sqrt(2);
    return new GraphConv(
        Linear.declare(params, name + ".self", in, out, half),
        params.add(name + ".nbr", new Shape(in, out), Init.fanIn(in, half)));
  }

  /** {@code x [n, B, D_in] -> [n, B, D_out]}. */
  public NDArray forward(NDArray x, GraphMean mean) {
    return self.forward(x).add(mean.apply(x.matMul(neighbour))); // mean is linear: mean(x) W = mean(x W)
  }
}
