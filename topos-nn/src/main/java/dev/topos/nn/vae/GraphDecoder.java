package dev.topos.nn.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.topos.nn.FourierFeatures;
import dev.topos.nn.GraphMean;
import dev.topos.nn.GroupNorm;
import dev.topos.nn.Linear;
import dev.topos.nn.ParameterSet;
import dev.topos.nn.Scope;
import dev.topos.topology.pyramid.GraphPyramid;
import java.util.ArrayList;
import java.util.List;

/**
 * The TOPOS-VAE decoder, a hierarchical graph network from the latent tokens (the coarsest pyramid
 * nodes) down to every reference vertex. Node features are laid out {@code [n, B, W]} (nodes first)
 * so that the neighbour mean is one sparse matrix product and unpooling one row gather.
 *
 * <p>Per level k from coarse to fine: at the coarsest level, a linear map of the latent; below it,
 * a linear map to this level's width on the parent level followed by the unpool (each node copies
 * its parent's feature: a gather by the child-to-parent index). Then a linear map of the Fourier
 * features of the level's template node positions is added (children of one parent start from the
 * same feature; this tells them apart; not in the paper's summary), and the level's
 * {@link GraphResBlock}s run. At level 0 a GroupNorm, SiLU and a per-vertex linear head give 6
 * values, added to the template's unit-frame position and normal.
 *
 * <p>With {@link VaeConfig#globalRank()} r &gt; 0 (not in the paper), a global linear path adds to
 * every vertex position a linear function of the whole latent, through r coefficients. The graph
 * network sees a few coarse hops around each node; what the latent says about the head as a whole
 * (a linear layer fitted on the decoded heads afterwards took 25 % off the error, session 11) reaches
 * every vertex this way. Its output projection starts at zero, so the path starts silent.
 */
final class GraphDecoder {

  private final int depth;
  private final Linear fromLatent;
  private final List<Linear> toWidth = new ArrayList<>(); // index k: level k+1 width -> level k width (k < depth)
  private final List<Linear> positionEmbedding = new ArrayList<>();
  private final List<NDArray> nodeFourier = new ArrayList<>(); // [n_k, 3 + 6F] constants
  private final List<NDArray> parents = new ArrayList<>(); // index k: int64 [n_k], parent in level k+1
  private final List<GraphMean> means = new ArrayList<>();
  private final List<List<GraphResBlock>> blocks = new ArrayList<>();
  private final GroupNorm headNorm;
  private final Linear head;
  private final NDArray template; // [V, 1, 6] unit-frame positions and normals
  private final Linear globalIn; // [L*C -> r], or null
  private final Linear globalOut; // [r -> V*3], or null; starts at zero

  GraphDecoder(VaeConfig config, ParameterSet p, VaeTemplate t) {
    GraphPyramid pyramid = t.pyramid();
    depth = pyramid.depth();
    NDManager constants = p.manager();
    FourierFeatures fourier = new FourierFeatures(config.fourierFrequencies());
    List<Integer> widths = config.decoderWidths();
    fromLatent = Linear.declare(p, "decoder.from_latent", config.latentChannels(), widths.get(depth), 1.0);
    for (int k = 0; k <= depth; k++) {
      String name = "decoder.level" + k;
      int w = widths.get(k);
      toWidth.add(k < depth ? Linear.declare(p, name + ".to_width", widths.get(k + 1), w, 1.0) : null);
      positionEmbedding.add(Linear.declare(p, name + ".pos", fourier.size(), w, 1.0));
      int n = pyramid.level(k).size();
      nodeFourier.add(fourier.encode(constants.create(pyramid.level(k).positions(), new Shape(n, 3))));
      parents.add(k < depth ? constants.create(MeshLosses.toLong(pyramid.level(k).parent())) : null);
      means.add(config.graphOp().over(pyramid.level(k).adjacency(), constants));
      List<GraphResBlock> level = new ArrayList<>();
      for (int b = 0; b < config.decoderBlocks().get(k); b++) {
        level.add(GraphResBlock.declare(p, name + ".block" + b, w, config.normGroups()));
      }
      blocks.add(level);
    }
    headNorm = GroupNorm.declare(p, "decoder.head_norm", widths.get(0), config.normGroups());
    head = Linear.declare(p, "decoder.head", widths.get(0), 6, 0.1); // starts near the template
    int v = t.vertexCount();
    float[] tpl = new float[6 * v];
    for (int i = 0; i < v; i++) {
      System.arraycopy(t.positions(), 3 * i, tpl, 6 * i, 3);
      System.arraycopy(t.normals(), 3 * i, tpl, 6 * i + 3, 3);
    }
    template = constants.create(tpl, new Shape(v, 1, 6));
    int rank = config.globalRank();
    globalIn = rank > 0 ? Linear.declare(p, "decoder.global.in", pyramid.coarsest().size() * config.latentChannels(), rank, 1.0) : null;
    globalOut = rank > 0 ? Linear.declare(p, "decoder.global.out", rank, 3 * v, 0.0) : null;
  }

  /** {@code latent [B, L, C]} -> positions and normals {@code [V, B, 6]} in the unit frame. */
  NDArray decode(NDArray latent) {
    NDArray x = fromLatent.forward(latent).transpose(1, 0, 2); // [L, B, W_K]
    for (int k = depth; k >= 0; k--) {
      if (k < depth) {
        x = toWidth.get(k).forward(x).get(parents.get(k)); // [n_k, B, W_k]
      }
      NDArray embedding = Scope.into(nodeFourier.get(k).matMul(positionEmbedding.get(k).weight()), latent); // [n_k, W_k]
      x = x.add(embedding.add(positionEmbedding.get(k).bias()).expandDims(1)); // [n_k, B, W_k]
      for (GraphResBlock block : blocks.get(k)) {
        x = block.forward(x, means.get(k));
      }
    }
    NDArray out = head.forward(GraphResBlock.silu(headNorm.forward(x))).add(template); // [V, B, 6]
    if (globalIn == null) {
      return out;
    }
    long b = latent.getShape().get(0);
    NDArray offset = globalOut.forward(globalIn.forward(latent.reshape(b, -1))); // [B, V*3]
    offset = offset.reshape(b, -1, 3).transpose(1, 0, 2); // [V, B, 3]
    return out.add(offset.concat(offset.zerosLike(), 2)); // [V, B, 6]: positions only
  }
}
