package dev.topos.nn.vae;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.topos.nn.GraphOp;
import dev.topos.topology.pyramid.PyramidSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The architecture and loss weights of a {@link TopoVae}. Immutable; a checkpoint stores it as JSON
 * ({@link #toJson()}) and loading the checkpoint restores the architecture from it.
 *
 * <p>Decoder lists are indexed by pyramid level, fine to coarse: entry 0 is level 0 (every vertex),
 * entry {@code pyramid.depth()} the coarsest level (one node per latent token).
 *
 * @param points N, points sampled per input (the encoder takes any N; this is what training feeds
 *     and what retopo samples)
 * @param fourierFrequencies octaves of the positional encoding (paper: 8, raw xyz kept)
 * @param width D, the encoder's token width (paper: 128)
 * @param encoderLayers cross-attention layers (paper: 8)
 * @param heads H, attention heads (paper: 8)
 * @param headWidth width of one head (paper: 64)
 * @param ffnMultiplier hidden width of the GELU feed-forward as a multiple of D (paper: 4)
 * @param latentChannels C, channels per latent token (paper: 32)
 * @param logVarMin lower clamp of the posterior log-variance (keeps exp() finite; TRELLIS uses -30)
 * @param logVarMax upper clamp of the posterior log-variance (TRELLIS uses 20)
 * @param pyramid the template graph pyramid: one latent token per coarsest-level node
 * @param decoderWidths channels per level, fine to coarse (length depth + 1)
 * @param decoderBlocks graph residual blocks per level, fine to coarse (length depth + 1)
 * @param normGroups GroupNorm groups in the decoder (must divide every decoder width)
 * @param graphOp how the decoder's neighbour mean is computed (SPARSE is the fast one)
 * @param klWeight weight of the KL term (paper: 1e-3)
 * @param positionWeight weight of L1 + MSE on vertex positions (unit frame)
 * @param normalWeight weight of L1 + MSE on vertex normals
 * @param faceNormalWeight weight of the face-normal term (1 - cos) on the triangulated faces
 * @param angleWeight weight of the triangle-angle term (L1 on the three angles, radians)
 * @param dihedralWeight weight of the dihedral-angle term (L1 on the signed angle, radians)
 * @param localAttention not in the paper: each encoder layer adds a learned locality term to its
 *     attention logits, {@code -LOCALITY_SCALE * beta_h * |a_l - p_m|^2}, the squared unit-frame
 *     distance from query l's anchor (its node's template position plus a learned offset) to
 *     context token m (a point, or another query's anchor); one {@code beta} per head, starting at 0,
 *     so the layer starts as the paper's (false in configs stored before it existed)
 * @param localPatch not in the paper: k &gt; 0 adds {@link LocalPatches} (each token also reads the k
 *     scan points nearest to where it places its node, trained against the true node position with
 *     weight {@code positionWeight}); 0 (the paper's encoder, and configs stored before it existed)
 * @param globalRank not in the paper: r &gt; 0 adds a global linear path to the decoder, the whole
 *     latent ({@code L * C} values) mapped to r coefficients and from them to an offset of every vertex
 *     position, beside the graph network (whose receptive field is a few coarse hops); 0 (the paper's
 *     decoder, and configs stored before it existed)
 */
public record VaeConfig(
    int points,
    int fourierFrequencies,
    int width,
    int encoderLayers,
    int heads,
    int headWidth,
    int ffnMultiplier,
    int latentChannels,
    float logVarMin,
    float logVarMax,
    PyramidSpec pyramid,
    List<Integer> decoderWidths,
    List<Integer> decoderBlocks,
    int normGroups,
    GraphOp graphOp,
    float klWeight,
    float positionWeight,
    float normalWeight,
    float faceNormalWeight,
    float angleWeight,
    float dihedralWeight,
    boolean localAttention,
    int localPatch,
    int globalRank) {

  /**
   * Unit-frame squared distances are small (a head spans about 2; a feature about 0.1): the
   * locality weight is scaled so that {@code beta = 1} is a Gaussian of about 0.07 (10 mm on a head).
   */
  public static final float LOCALITY_SCALE = 100f;

  public VaeConfig {
    check(pyramid != null && decoderWidths != null && decoderBlocks != null, "pyramid/decoderWidths/decoderBlocks present", null);
    decoderWidths = List.copyOf(decoderWidths);
    decoderBlocks = List.copyOf(decoderBlocks);
    check(points > 0, "points", points);
    check(width > 0 && heads > 0 && headWidth > 0 && ffnMultiplier > 0, "width/heads/headWidth/ffnMultiplier", width);
    check(encoderLayers >= 0, "encoderLayers", encoderLayers);
    check(latentChannels > 0, "latentChannels", latentChannels);
    check(logVarMin < logVarMax, "logVarMin < logVarMax", logVarMin);
    int levels = pyramid.depth() + 1;
    check(decoderWidths.size() == levels, "decoderWidths needs " + levels + " entries, has", decoderWidths.size());
    check(decoderBlocks.size() == levels, "decoderBlocks needs " + levels + " entries, has", decoderBlocks.size());
    for (int w : decoderWidths) {
      check(w > 0 && w % normGroups == 0, "decoder width divisible by normGroups " + normGroups, w);
    }
    for (int b : decoderBlocks) {
      check(b >= 0, "decoderBlocks", b);
    }
    check(graphOp != null, "graphOp", null);
    check(localPatch >= 0, "localPatch", localPatch);
    check(globalRank >= 0, "globalRank", globalRank);
  }

  private static void check(boolean ok, String what, Object value) {
    if (!ok) {
      throw new IllegalArgumentException("bad VaeConfig: " + what + " (" + value + ")");
    }
  }

  /**
   * The paper's VAE at our head's resolution: 4,096 points, 8 Fourier octaves, width 128, 8 layers
   * of 8 x 64 heads, C = 32 over 542 coarse tokens; a decoder that narrows from 256 channels on the
   * coarse level to 64 at the vertices. Loss weights are not published: all 1, KL 1e-3.
   */
  public static VaeConfig paper() {
    return new VaeConfig(
        4096, // points: the paper's "a few thousand"
        8, // fourierFrequencies: paper
        128, // width: paper
        8, // encoderLayers: paper
        8, // heads: paper
        64, // headWidth: paper
        4, // ffnMultiplier: paper
        32, // latentChannels: paper
        -30f, // logVarMin: TRELLIS
        20f, // logVarMax: TRELLIS
        PyramidSpec.paper(), // 542 coarse tokens
        List.of(64, 128, 192, 256), // decoderWidths: more channels where there are fewer nodes
        List.of(1, 2, 2, 2), // decoderBlocks: the finest level gets one block (it is the costliest)
        8, // normGroups: divides every width
        GraphOp.SPARSE, // graphOp: the fast one
        1e-3f, // klWeight: paper
        1f, 1f, 1f, 1f, 1f, // loss weights: not published
        false, // localAttention: not in the paper
        0, // localPatch: not in the paper
        0); // globalRank: not in the paper
  }

  /**
   * Sized for 2 CPU cores (about 0.4 s per training step at batch 8): 1,024 points, 2 layers of 2 x
   * 64 heads over 323 coarse tokens, C = 16, a decoder of 32 to 128 channels.
   *
   * <p>On CPU the attention is bound by memory traffic on the score tensor [B, H, L, N + L], not
   * by arithmetic: 2 heads of 64 cost the same multiply-adds as 4 of 32 but halve that tensor, and
   * the whole step ran 30 % faster (0.40 s against 0.57 s median here; 768 points with 4 x 32
   * heads took 0.46 s).
   */
  public static VaeConfig cpuSmall() {
    return new VaeConfig(
        1024, // points: a quarter of the paper's; cross-attention cost is linear in N
        8, // fourierFrequencies: as the paper (cheap)
        128, // width: as the paper
        2, // encoderLayers: the main cost knob on CPU
        2, // heads: fewer, wider heads halve the memory-bound score tensor (see above)
        64, // headWidth: H*E = 128 = D
        4, // ffnMultiplier: as the paper
        16, // latentChannels: half the paper's
        -30f, // logVarMin: TRELLIS
        20f, // logVarMax: TRELLIS
        PyramidSpec.cpuSmall(), // 323 coarse tokens
        List.of(32, 64, 96, 128), // decoderWidths
        List.of(1, 1, 1, 2), // decoderBlocks
        8, // normGroups
        GraphOp.SPARSE, // graphOp
        1e-3f, // klWeight: paper
        10f, // positionWeight: 1 mm is only ~0.005 in the unit frame; weighted up so positions lead
        1f, 1f, 1f, 1f, // normal, face-normal, angle, dihedral: not published
        false, // localAttention: the shipped weights predate it
        0, // localPatch: the shipped weights predate it
        0); // globalRank: the shipped weights predate it
  }

  /** The named presets, in the order a command line lists them. */
  public static final Map<String, Supplier<VaeConfig>> PRESETS = presets();

  private static Map<String, Supplier<VaeConfig>> presets() {
    Map<String, Supplier<VaeConfig>> m = new LinkedHashMap<>();
    m.put("cpu-small", VaeConfig::cpuSmall);
    m.put("paper", VaeConfig::paper);
    return Collections.unmodifiableMap(m);
  }

  /** The preset of that name; throws with the known names otherwise. */
  public static VaeConfig preset(String name) {
    Supplier<VaeConfig> s = PRESETS.get(name);
    if (s == null) {
      throw new IllegalArgumentException("unknown VAE preset '" + name + "'; known: " + PRESETS.keySet());
    }
    return s.get();
  }

  /** This config with another encoder depth (what {@link WarmStart} may change). */
  public VaeConfig withEncoderLayers(int layers) {
    return new VaeConfig(points, fourierFrequencies, width, layers, heads, headWidth, ffnMultiplier,
        latentChannels, logVarMin, logVarMax, pyramid, decoderWidths, decoderBlocks, normGroups, graphOp, klWeight,
        positionWeight, normalWeight, faceNormalWeight, angleWeight, dihedralWeight, localAttention, localPatch, globalRank);
  }

  /** This config with another number of input points (the weights do not depend on it). */
  public VaeConfig withPoints(int newPoints) {
    return new VaeConfig(newPoints, fourierFrequencies, width, encoderLayers, heads, headWidth, ffnMultiplier,
        latentChannels, logVarMin, logVarMax, pyramid, decoderWidths, decoderBlocks, normGroups, graphOp, klWeight,
        positionWeight, normalWeight, faceNormalWeight, angleWeight, dihedralWeight, localAttention, localPatch, globalRank);
  }

  /** This config with the encoder's local attention on or off (what {@link WarmStart} may switch on). */
  public VaeConfig withLocalAttention(boolean on) {
    return new VaeConfig(points, fourierFrequencies, width, encoderLayers, heads, headWidth, ffnMultiplier,
        latentChannels, logVarMin, logVarMax, pyramid, decoderWidths, decoderBlocks, normGroups, graphOp, klWeight,
        positionWeight, normalWeight, faceNormalWeight, angleWeight, dihedralWeight, on, localPatch, globalRank);
  }

  /** This config with local patches of k points (0: none; what {@link WarmStart} may switch on). */
  public VaeConfig withLocalPatch(int k) {
    return new VaeConfig(points, fourierFrequencies, width, encoderLayers, heads, headWidth, ffnMultiplier,
        latentChannels, logVarMin, logVarMax, pyramid, decoderWidths, decoderBlocks, normGroups, graphOp, klWeight,
        positionWeight, normalWeight, faceNormalWeight, angleWeight, dihedralWeight, localAttention, k, globalRank);
  }

  /** This config with a global linear path of rank r in the decoder (0: none; what {@link WarmStart} may switch on). */
  public VaeConfig withGlobalRank(int r) {
    return new VaeConfig(points, fourierFrequencies, width, encoderLayers, heads, headWidth, ffnMultiplier,
        latentChannels, logVarMin, logVarMax, pyramid, decoderWidths, decoderBlocks, normGroups, graphOp, klWeight,
        positionWeight, normalWeight, faceNormalWeight, angleWeight, dihedralWeight, localAttention, localPatch, r);
  }

  /** This config with another neighbour-mean implementation (the weights do not depend on it). */
  public VaeConfig withGraphOp(GraphOp newGraphOp) {
    return new VaeConfig(points, fourierFrequencies, width, encoderLayers, heads, headWidth, ffnMultiplier,
        latentChannels, logVarMin, logVarMax, pyramid, decoderWidths, decoderBlocks, normGroups, newGraphOp, klWeight,
        positionWeight, normalWeight, faceNormalWeight, angleWeight, dihedralWeight, localAttention, localPatch, globalRank);
  }

  /** Features per input point: Fourier-encoded xyz plus the normal. */
  public int pointFeatures() {
    return 3 + 6 * fourierFrequencies + 3;
  }

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  /** This config as pretty-printed JSON (field names as above). */
  public String toJson() {
    return GSON.toJson(this);
  }

  /** The config stored by {@link #toJson()}; validated like any other. */
  public static VaeConfig fromJson(String json) {
    VaeConfig c;
    try {
      c = GSON.fromJson(json, VaeConfig.class);
    } catch (RuntimeException e) {
      Throwable cause = e;
      while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
        cause = cause.getCause();
      }
      throw new IllegalArgumentException("bad VAE config JSON: " + cause.getMessage(), e);
    }
    if (c == null) {
      throw new IllegalArgumentException("empty VAE config JSON");
    }
    return c;
  }
}
