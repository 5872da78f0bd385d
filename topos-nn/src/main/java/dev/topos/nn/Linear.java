package dev.topos.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * An affine map on the last axis: {@code y = x W + b}.
 *
 * @param weight [in, out]
 * @param bias [out]
 */
public record Linear(NDArray weight, NDArray bias) {

  /**
   * Declares {@code name.w} (LeCun normal scaled by {@code gain}) and {@code name.b} (zeros).
   *
   * @param gain 1 for a plain layer; smaller for layers that should start near zero
   */
  public static Linear declare(ParameterSet params, String name, int in, int out, double gain) {
    NDArray w = params.add(name + ".w", new Shape(in, out), Init.fanIn(in, gain));
    NDArray b = params.add(name + ".b", new Shape(out), Init.zeros());
    return new Linear(w, b);
  }

  /** {@code x [..., in] -> [..., out]}, in the scope of x. */
  public NDArray forward(NDArray x) {
    return x.matMul(weight).add(bias);
  }

  public long inFeatures() {
    return weight.getShape().get(0);
  }

  public long outFeatures() {
    return weight.getShape().get(1);
  }
}
