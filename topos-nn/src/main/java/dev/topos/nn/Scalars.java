package dev.topos.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with a constant whose memory PyTorch owns, for every operation that a backward pass
 * goes through. DJL's {@code NDArray.mul(Number)} (and {@code div}, {@code maximum}, {@code minimum}
 * with a number) wraps the number in a tensor over a Java direct buffer and closes that tensor when
 * the operation returns; autograd keeps it to compute the gradient, and once a garbage collection has
 * freed the buffer the backward pass reads whatever now lies there (docs/VAE.md, "A use-after-free in
 * scalar arithmetic"). A constant made by {@code full} lives in PyTorch's own storage, which autograd's
 * reference keeps alive after the handle here is closed.
 */
public final class Scalars {
  private Scalars() {}

  /** {@code x * c}, in the scope of x. */
  public static NDArray times(NDArray x, float c) {
    try (NDArray k = constant(x, c)) {
      return x.mul(k);
    }
  }

  /** {@code max(x, c)} elementwise, in the scope of x. */
  public static NDArray atLeast(NDArray x, float c) {
    try (NDArray k = constant(x, c)) {
      return x.maximum(k);
    }
  }

  private static NDArray constant(NDArray like, float c) {
    return like.getManager().full(new Shape(), c, like.getDataType()); // [] PyTorch's storage, not a Java buffer
  }
}
