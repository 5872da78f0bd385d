package dev.topos.nn.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.topos.nn.GraphConv;
import dev.topos.nn.GraphMean;
import dev.topos.nn.GroupNorm;
import dev.topos.nn.ParameterSet;

/**
 * A pre-activation graph residual block: {@code x + conv2(SiLU(GN(conv1(SiLU(GN(x))))))}, each
 * {@link GraphConv} with its own self and neighbour weights. Features {@code [n, B, W]}.
 */
record GraphResBlock(GroupNorm norm1, GraphConv conv1, GroupNorm norm2, GraphConv conv2) {

  static GraphResBlock declare(ParameterSet p, String name, int width, int groups) {
    return new GraphResBlock(
        GroupNorm.declare(p, name + ".norm1", width, groups),
        GraphConv.declare(p, name + ".conv1", width, width, 1.0),
        GroupNorm.declare(p, name + ".norm2", width, groups),
        GraphConv.declare(p, name + ".conv2", width, width, 0.2)); // the residual branch starts small
  }

  /** {@code x [n, B, W] -> [n, B, W]}. */
  NDArray forward(NDArray x, GraphMean mean) {
    NDArray h = conv1.forward(silu(norm1.forward(x)), mean); // [n, B, W]
    h = conv2.forward(silu(norm2.forward(h)), mean); // [n, B, W]
    return x.add(h);
  }

  static NDArray silu(NDArray x) {
    return x.mul(Activation.sigmoid(x));
  }
}
