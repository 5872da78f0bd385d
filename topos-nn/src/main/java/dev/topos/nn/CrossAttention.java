package dev.topos.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Multi-head scaled dot-product cross-attention without masking: queries from {@code x}, keys and
 * values from {@code context}. Letters: B batch, L queries, M context tokens, D width, H heads,
 * E head width. No positional term enters, so the output does not depend on the order of the
 * context tokens (up to the summation order of the softmax).
 *
 * @param q query projection, D -> H*E
 * @param k key projection, D -> H*E
 * @param v value projection, D -> H*E
 * @param out output projection, H*E -> D
 * @param heads H
 * @param headWidth E
 */
public record CrossAttention(Linear q, Linear k, Linear v, Linear out, int heads, int headWidth) {

  /**
   * Declares {@code name.q}, {@code name.k}, {@code name.v}, {@code name.out}; the output starts at
   * gain {@code outGain}. Keys and values have separate matrices: slicing one fused projection
   * costs a full-size zero fill per slice in the backward pass.
   */
  public static CrossAttention declare(ParameterSet params, String name, int width, int heads, int headWidth, double outGain) {
    int inner = heads * headWidth;
    return new CrossAttention(
        Linear.declare(params, name + ".q", width, inner, 1.0),
        Linear.declare(params, name + ".k", width, inner, 1.0),
        Linear.declare(params, name + ".v", width, inner, 1.0),
        Linear.declare(params, name + ".out", inner, width, outGain),
        heads, headWidth);
  }

  /** {@code x [B, L, D]}, {@code context [B, M, D]} -> {@code [B, L, D]}. */
  public NDArray forward(NDArray x, NDArray context) {
    return forward(x, context, null);
  }

  /**
   * As {@link #forward(NDArray, NDArray)}, with {@code logitBias} (broadcastable to
   * {@code [B, H, L, M]}, or null) added to the scaled scores before the softmax. A bias that is a
   * function of each context token's own data keeps the output independent of the context order.
   */
  public NDArray forward(NDArray x, NDArray context, NDArray logitBias) {
    long batch = x.getShape().get(0);
    long queries = x.getShape().get(1);
    long tokens = context.getShape().get(1);
    int inner = heads * headWidth;
    NDArray qh = Scalars.times(q.forward(x), (float) (1.0 / Math.sqrt(headWidth))) // [B, L, H*E], pre-scaled
        .reshape(batch, queries, heads, headWidth).transpose(0, 2, 1, 3); // [B, H, L, E]
    NDArray kh = k.forward(context).reshape(batch, tokens, heads, headWidth).transpose(0, 2, 3, 1); // [B, H, E, M]
    NDArray vh = v.forward(context).reshape(batch, tokens, heads, headWidth).transpose(0, 2, 1, 3); // [B, H, M, E]
    NDArray scores = qh.matMul(kh); // [B, H, L, M]
    if (logitBias != null) {
      scores = scores.add(logitBias); // [B, H, L, M]
    }
    NDArray weights = scores.softmax(3); // [B, H, L, M]
    NDArray mixed = weights.matMul(vh) // [B, H, L, E]
        .transpose(0, 2, 1, 3).reshape(new Shape(batch, queries, inner)); // [B, L, H*E]
    return out.forward(mixed); // [B, L, D]
  }
}
