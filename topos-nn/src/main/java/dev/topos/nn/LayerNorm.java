package dev.topos.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Layer normalisation over the last axis with a learned scale and shift (eps 1e-5, PyTorch's
 * default).
 *
 * @param gamma scale, [D]
 * @param beta shift, [D]
 */
public record LayerNorm(NDArray gamma, NDArray beta) {

  private static final float EPS = 1e-5f;

  /** Declares {@code name.gamma} (ones) and {@code name.beta} (zeros). */
  public static LayerNorm declare(ParameterSet params, String name, int width) {
    return new LayerNorm(
        params.add(name + ".gamma", new Shape(width), Init.ones()),
        params.add(name + ".beta", new Shape(width), Init.zeros()));
  }

  /** {@code x [..., D] -> [..., D]}, in the scope of x. */
  public NDArray forward(NDArray x) {
    return ai.djl.nn.norm.LayerNorm.layerNorm(x, new Shape(gamma.getShape().get(0)), gamma, beta, EPS).singletonOrThrow();
  }
}
