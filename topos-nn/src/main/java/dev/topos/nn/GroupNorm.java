package dev.topos.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Group normalisation for node features laid out {@code [n, B, D]} (nodes first, see the decoder):
 * per sample b and per group of {@code D / G} consecutive channels, mean and variance are taken
 * over all n nodes and the group's channels; then a learned per-channel scale and shift. Samples
 * never mix, so a batch gives the same result as its samples one by one. eps 1e-5.
 *
 * @param gamma scale, [D]
 * @param beta shift, [D]
 * @param groups G, a divisor of D
 */
public record GroupNorm(NDArray gamma, NDArray beta, int groups) {

  private static final float EPS = 1e-5f;

  public GroupNorm {
    long width = gamma.getShape().get(0);
    if (groups < 1 || width % groups != 0) {
      throw new IllegalArgumentException(groups + " groups do not divide width " + width);
    }
  }

  /** Declares {@code name.gamma} (ones) and {@code name.beta} (zeros). */
  public static GroupNorm declare(ParameterSet params, String name, int width, int groups) {
    return new GroupNorm(
        params.add(name + ".gamma", new Shape(width), Init.ones()),
        params.add(name + ".beta", new Shape(width), Init.zeros()),
        groups);
  }

  /** {@code x [n, B, D] -> [n, B, D]}, in the scope of x. */
  public NDArray forward(NDArray x) {
    Shape s = x.getShape();
    long n = s.get(0);
    long batch = s.get(1);
    long width = s.get(2);
    long per = width / groups;
    // The statistics of a (sample, group) are those of a layer norm over [n, D/G] once the group
    // is moved in front: the fused layer_norm kernel is 2.5x faster (forward and backward) than
    // sums over axes {0, 3}, transposes included.
    NDArray g = x.reshape(n, batch, groups, per).transpose(1, 2, 0, 3); // [B, G, n, D/G]
    NDManager scope = x.getManager();
    NDArray normed = ai.djl.nn.norm.LayerNorm.layerNorm(g, new Shape(n, per), scope.ones(new Shape(n, per)),
        scope.zeros(new Shape(n, per)), EPS).singletonOrThrow(); // [B, G, n, D/G]
    return normed.transpose(2, 0, 1, 3).reshape(n, batch, width).mul(gamma).add(beta); // [n, B, D]
  }
}
