package dev.topos.nn;

import ai.djl.ndarray.NDArray;

/** Pairwise squared Euclidean distances between two batched point sets, by one matrix product. */
public final class SquaredDistances {
  private SquaredDistances() {}

  /** {@code a [B, L, 3]}, {@code b [B, M, 3]} -> {@code [B, L, M]}, clamped at 0 (rounding), in the scope of a. */
  public static NDArray of(NDArray a, NDArray b) {
    NDArray aSq = a.square().sum(new int[] {2}, true); // [B, L, 1]
    NDArray bSq = b.square().sum(new int[] {2}, true).transpose(0, 2, 1); // [B, 1, M]
    NDArray cross = a.matMul(b.transpose(0, 2, 1)); // [B, L, M]
    return Scalars.atLeast(aSq.add(bSq).sub(Scalars.times(cross, 2f)), 0f); // [B, L, M]
  }
}
