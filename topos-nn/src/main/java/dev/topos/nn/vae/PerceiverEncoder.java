package dev.topos.nn.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.topos.nn.FourierFeatures;
import dev.topos.nn.Init;
import dev.topos.nn.LayerNorm;
import dev.topos.nn.Linear;
import dev.topos.nn.ParameterSet;
import dev.topos.nn.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * The TOPOS-VAE encoder, a Perceiver Resampler: point features {@code [xyz, Fourier(xyz), normal]}
 * projected to D; one query per coarse pyramid node (a learned vector plus a linear map of the
 * Fourier features of the node's template position); L layers of {@link PerceiverLayer}; a final
 * LayerNorm and a linear map to the posterior's mean and clamped log-variance; optionally
 * {@link LocalPatches} before that final LayerNorm. Nothing depends on
 * the order of the input points (the optional locality term of {@link PerceiverLayer} is a function
 * of each point's own position).
 */
final class PerceiverEncoder {

  private final VaeConfig config;
  private final FourierFeatures fourier;
  private final Linear pointIn;
  private final NDArray queries; // [L, D] learned
  private final Linear queryPosition;
  private final NDArray queryFourier; // [L, 3 + 6F] constant: Fourier features of the coarse node positions
  private final NDArray nodePositions; // [L, 3] constant: the coarse nodes' template positions (local attention's anchors)
  private final List<PerceiverLayer> layers = new ArrayList<>();
  private final LocalPatches patches; // null without local patches
  private final LayerNorm outNorm;
  private final Linear toLatent;

  PerceiverEncoder(VaeConfig config, ParameterSet p, VaeTemplate template) {
    this.config = config;
    this.fourier = new FourierFeatures(config.fourierFrequencies());
    int d = config.width();
    int tokens = template.tokens();
    pointIn = Linear.declare(p, "encoder.point_in", config.pointFeatures(), d, 1.0);
    queries = p.add("encoder.queries", new Shape(tokens, d), Init.normal(0.02));
    queryPosition = Linear.declare(p, "encoder.query_pos", fourier.size(), d, 1.0);
    for (int i = 0; i < config.encoderLayers(); i++) {
      layers.add(PerceiverLayer.declare(p, "encoder.layers." + i, config));
    }
    patches = config.localPatch() > 0 ? LocalPatches.declare(p, "encoder.patch", config) : null;
    outNorm = LayerNorm.declare(p, "encoder.out_norm", d);
    toLatent = Linear.declare(p, "encoder.to_latent", d, 2 * config.latentChannels(), 1.0);
    NDManager constants = p.manager();
    nodePositions = constants.create(template.pyramid().coarsest().positions(), new Shape(tokens, 3)); // [L, 3]
    queryFourier = fourier.encode(nodePositions); // [L, 3 + 6F]
  }

  /** {@code points [B, N, 6]} (unit-frame xyz and normal) -> the posterior over {@code [B, L, C]}. */
  Posterior encode(NDArray points) {
    long batch = points.getShape().get(0);
    NDArray xyz = points.get(":, :, 0:3"); // [B, N, 3]
    NDArray normal = points.get(":, :, 3:6"); // [B, N, 3]
    NDArray features = fourier.encode(xyz).concat(normal, 2); // [B, N, 3 + 6F + 3]
    NDArray tokens = pointIn.forward(features); // [B, N, D]
    NDArray base = Scope.into(queryFourier.matMul(queryPosition.weight()), points) // [L, D]
        .add(queryPosition.bias()).add(queries);
    NDArray x = base.expandDims(0).repeat(0, batch); // [B, L, D]
    for (PerceiverLayer layer : layers) {
      x = layer.forward(x, tokens, xyz, nodePositions);
    }
    NDArray anchors = null;
    if (patches != null) {
      NDList placed = patches.forward(x, points, nodePositions);
      x = placed.get(0); // [B, L, D]
      anchors = placed.get(1); // [B, L, 3]
    }
    NDArray out = toLatent.forward(outNorm.forward(x)); // [B, L, 2C]
    NDList halves = out.split(2, 2);
    NDArray mean = halves.get(0); // [B, L, C]
    NDArray logVar = halves.get(1).clip(config.logVarMin(), config.logVarMax()); // [B, L, C]
    return new Posterior(mean, logVar, anchors);
  }
}
