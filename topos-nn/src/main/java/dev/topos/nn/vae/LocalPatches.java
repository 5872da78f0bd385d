package dev.topos.nn.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.topos.nn.LayerNorm;
import dev.topos.nn.Linear;
import dev.topos.nn.ParameterSet;
import dev.topos.nn.Scalars;
import dev.topos.nn.SquaredDistances;

/**
 * Local patches (not in the paper, {@link VaeConfig#localPatch()}): after the Perceiver layers each
 * query places its coarse node (an anchor: the node's template position plus an offset predicted
 * from the query, trained against the true node position), gathers the k scan points nearest to
 * that anchor, encodes each one's offset from the anchor and its normal with a small MLP, max-pools
 * over the k, and adds the result to the query. Global attention finds where a node is; the patch
 * tells the token what the surface looks like there, which a few attention averages blur.
 *
 * <p>The output projection starts at zero, so a model with patches starts as the one without.
 * The k-nearest selection depends on each point's own position only, so the encoder stays
 * independent of the point order (ties aside).
 *
 * @param anchorNorm LayerNorm before the anchor head
 * @param anchorHead D -> 3, the anchor's offset from the node's template position (starts at zero)
 * @param pointIn 6 -> P, per point of a patch: offset from the anchor (scaled) and normal
 * @param pointHidden P -> P
 * @param out P -> D, added to the query (starts at zero)
 * @param k points per patch
 */
record LocalPatches(LayerNorm anchorNorm, Linear anchorHead, Linear pointIn, Linear pointHidden, Linear out, int k) {

  /** Patch offsets are a few hundredths of the unit frame: scaled up so the MLP sees values near 1. */
  static final float OFFSET_SCALE = 10f;

  /** Hidden width of the patch MLP. */
  static final int WIDTH = 64;

  static LocalPatches declare(ParameterSet p, String name, VaeConfig c) {
    return new LocalPatches(
        LayerNorm.declare(p, name + ".anchor_norm", c.width()),
        Linear.declare(p, name + ".anchor", c.width(), 3, 0.0),
        Linear.declare(p, name + ".point_in", 6, WIDTH, 1.0),
        Linear.declare(p, name + ".point_hidden", WIDTH, WIDTH, 1.0),
        Linear.declare(p, name + ".out", WIDTH, c.width(), 0.0),
        c.localPatch());
  }

  /**
   * {@code x [B, L, D]} queries, {@code points [B, N, 6]} unit-frame xyz and normal,
   * {@code nodePositions [L, 3]} -> {@code [x + patch features [B, L, D], anchors [B, L, 3]]}.
   */
  NDList forward(NDArray x, NDArray points, NDArray nodePositions) {
    long batch = x.getShape().get(0);
    long tokens = x.getShape().get(1);
    long n = points.getShape().get(1);
    int kk = (int) Math.min(k, n);
    NDArray anchors = anchorHead.forward(anchorNorm.forward(x)).add(nodePositions); // [B, L, 3]
    NDArray xyz = points.get(":, :, 0:3"); // [B, N, 3]
    NDArray distanceSq = SquaredDistances.of(anchors, xyz); // [B, L, N]
    NDArray nearest = distanceSq.stopGradient().topK(kk, 2, false, false).get(1).toType(DataType.INT64, false); // [B, L, k]
    NDArray offsets = x.getManager().arange(0, (int) (batch * n), (int) n, DataType.INT64).reshape(batch, 1, 1); // [B, 1, 1]: each sample's first row
    NDArray flat = nearest.add(offsets).reshape(-1); // [B*L*k]
    NDArray gathered = points.reshape(batch * n, 6).get(flat).reshape(batch, tokens, kk, 6); // [B, L, k, 6]
    NDArray relative = Scalars.times(gathered.get(":, :, :, 0:3").sub(anchors.expandDims(2)), OFFSET_SCALE); // [B, L, k, 3]
    NDArray features = relative.concat(gathered.get(":, :, :, 3:6"), 3); // [B, L, k, 6]
    NDArray hidden = Activation.gelu(pointIn.forward(features)); // [B, L, k, P]
    hidden = Activation.gelu(pointHidden.forward(hidden)); // [B, L, k, P]
    NDArray pooled = hidden.max(new int[] {2}); // [B, L, P]
    return new NDList(x.add(out.forward(pooled)), anchors); // [B, L, D], [B, L, 3]
  }
}
