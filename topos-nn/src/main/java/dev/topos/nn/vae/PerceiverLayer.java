package dev.topos.nn.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.topos.nn.CrossAttention;
import dev.topos.nn.LayerNorm;
import dev.topos.nn.Linear;
import dev.topos.nn.ParameterSet;

/**
 * One Perceiver Resampler block (Flamingo): pre-LayerNorm cross-attention from the latent queries
 * to the points <em>and the queries themselves</em> (keys/values = concat(points, queries)), then a
 * GELU feed-forward, each with a residual.
 *
 * @param pointNorm LayerNorm of the point tokens
 * @param queryNorm LayerNorm of the queries
 * @param attention H-head cross-attention
 * @param ffnNorm LayerNorm before the feed-forward
 * @param ffnIn D -> ffnMultiplier * D
 * @param ffnOut ffnMultiplier * D -> D
 */
record PerceiverLayer(LayerNorm pointNorm, LayerNorm queryNorm, CrossAttention attention, LayerNorm ffnNorm, Linear ffnIn, Linear ffnOut) {

  static PerceiverLayer declare(ParameterSet p, String name, VaeConfig c) {
    int d = c.width();
    double outGain = 1.0 / Math.sqrt(2.0 * Math.max(1, c.encoderLayers())); // residual branches start small (GPT-2)
    return new PerceiverLayer(
        LayerNorm.declare(p, name + ".point_norm", d),
        LayerNorm.declare(p, name + ".query_norm", d),
        CrossAttention.declare(p, name + ".attn", d, c.heads(), c.headWidth(), outGain),
        LayerNorm.declare(p, name + ".ffn_norm", d),
        Linear.declare(p, name + ".ffn_in", d, c.ffnMultiplier() * d, 1.0),
        Linear.declare(p, name + ".ffn_out", c.ffnMultiplier() * d, d, outGain));
  }

  /** {@code queries [B, L, D]}, {@code points [B, N, D]} -> {@code [B, L, D]}. */
  NDArray forward(NDArray queries, NDArray points) {
    NDArray q = queryNorm.forward(queries); // [B, L, D]
    NDArray context = pointNorm.forward(points).concat(q, 1); // [B, N + L, D]
    NDArray x = queries.add(attention.forward(q, context)); // [B, L, D]
    NDArray hidden = Activation.gelu(ffnIn.forward(ffnNorm.forward(x))); // [B, L, 4D]
    return x.add(ffnOut.forward(hidden)); // [B, L, D]
  }
}
