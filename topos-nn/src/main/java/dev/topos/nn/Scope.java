package dev.topos.nn;

import ai.djl.ndarray.NDArray;

/** Moving results into the caller's scope manager (see the package javadoc). */
public final class Scope {
  private Scope() {}

  /**
   * Attaches {@code result} to the manager of {@code like} and returns it: for the result of an
   * operation whose first operand was a parameter or constant, which DJL would otherwise leave in
   * the model's manager.
   */
  public static NDArray into(NDArray result, NDArray like) {
    result.attach(like.getManager());
    return result;
  }
}
