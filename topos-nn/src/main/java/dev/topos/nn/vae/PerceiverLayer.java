package dev.topos.nn.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.topos.nn.CrossAttention;
import dev.topos.nn.Init;
import dev.topos.nn.LayerNorm;
import dev.topos.nn.Linear;
import dev.topos.nn.ParameterSet;
import dev.topos.nn.Scalars;
import dev.topos.nn.Scope;
import dev.topos.nn.SquaredDistances;

/**
 * One Perceiver Resampler block (Flamingo): pre-LayerNorm cross-attention from the latent queries
 * to the points <em>and the queries themselves</em> (keys/values = concat(points, queries)), then a
 * GELU feed-forward, each with a residual.
 *
 * <p>With {@link VaeConfig#localAttention()} (not in the paper) the attention logits also get
 * {@code -LOCALITY_SCALE * beta_h * |a_l - p_m|^2}: each query has an anchor, its coarse node's
 * template position plus an offset predicted from the query, and each head learns how strongly it
 * prefers context near that anchor. Both start at zero, so the block starts as the paper's.
 *
 * @param pointNorm LayerNorm of the point tokens
 * @param queryNorm LayerNorm of the queries
 * @param attention H-head cross-attention
 * @param ffnNorm LayerNorm before the feed-forward
 * @param ffnIn D -> ffnMultiplier * D
 * @param ffnOut ffnMultiplier * D -> D
 * @param anchorOffset D -> 3, the query's anchor offset (null without local attention)
 * @param locality [H], each head's locality weight beta (null without local attention)
 */
record PerceiverLayer(LayerNorm pointNorm, LayerNorm queryNorm, CrossAttention attention, LayerNorm ffnNorm, Linear ffnIn, Linear ffnOut,
    Linear anchorOffset, NDArray locality) {

  static PerceiverLayer declare(ParameterSet p, String name, VaeConfig c) {
    int d = c.width();
    double outGain = 1.0 / Math.sqrt(2.0 * Math.max(1, c.encoderLayers())); // residual branches start small (GPT-2)
    boolean local = c.localAttention();
    return new PerceiverLayer(
        LayerNorm.declare(p, name + ".point_norm", d),
        LayerNorm.declare(p, name + ".query_norm", d),
        CrossAttention.declare(p, name + ".attn", d, c.heads(), c.headWidth(), outGain),
        LayerNorm.declare(p, name + ".ffn_norm", d),
        Linear.declare(p, name + ".ffn_in", d, c.ffnMultiplier() * d, 1.0),
        Linear.declare(p, name + ".ffn_out", c.ffnMultiplier() * d, d, outGain),
        local ? Linear.declare(p, name + ".anchor", d, 3, 0.0) : null, // zero: anchors start at the template
        local ? p.add(name + ".locality", new Shape(c.heads()), Init.zeros()) : null); // zero: no locality at first
  }

  /**
   * {@code queries [B, L, D]}, {@code points [B, N, D]} -> {@code [B, L, D]}; {@code pointXyz
   * [B, N, 3]} (unit frame) and {@code nodePositions [L, 3]} (the coarse nodes' template positions)
   * are used only with local attention.
   */
  NDArray forward(NDArray queries, NDArray points, NDArray pointXyz, NDArray nodePositions) {
    NDArray q = queryNorm.forward(queries); // [B, L, D]
    NDArray context = pointNorm.forward(points).concat(q, 1); // [B, N + L, D]
    NDArray bias = locality == null ? null : localityBias(q, pointXyz, nodePositions); // [B, H, L, N + L]
    NDArray x = queries.add(attention.forward(q, context, bias)); // [B, L, D]
    NDArray hidden = Activation.gelu(ffnIn.forward(ffnNorm.forward(x))); // [B, L, 4D]
    return x.add(ffnOut.forward(hidden)); // [B, L, D]
  }

  private NDArray localityBias(NDArray q, NDArray pointXyz, NDArray nodePositions) {
    NDArray anchors = anchorOffset.forward(q).add(nodePositions); // [B, L, 3]
    NDArray keys = pointXyz.concat(anchors, 1); // [B, N + L, 3]
    NDArray distanceSq = SquaredDistances.of(anchors, keys); // [B, L, N + L]
    NDArray weight = Scope.into(Scalars.times(locality, -VaeConfig.LOCALITY_SCALE), q).reshape(1, -1, 1, 1); // [1, H, 1, 1]
    return distanceSq.expandDims(1).mul(weight); // [B, H, L, N + L]
  }
}
