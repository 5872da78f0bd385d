package dev.topos.nn.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts a deeper TOPOS-VAE from a trained one (progressive growing): every parameter the two
 * models share is copied, and the encoder layers that only the new model has start as identity
 * residuals (their attention and feed-forward output projections zeroed), so before the first step
 * the grown model computes exactly what the trained one does and training only adds to it.
 *
 * <p>Local attention ({@link VaeConfig#localAttention()}) and local patches ({@link
 * VaeConfig#localPatch()}) may be switched on the same way: the locality weights, anchor offsets and
 * the patches' output projection start at zero, where the encoder computes what it did before. So may
 * the decoder's global linear path ({@link VaeConfig#globalRank()}), whose output projection starts at
 * zero.
 *
 * <p>Only encoder depth may grow (and the point count, which has no parameters): any other
 * difference, even one that keeps every parameter's shape (4 heads of 32 instead of 2 of 64), would
 * change what a shared parameter means, so the configs must be equal but for those two.
 */
public final class WarmStart {
  private static final Pattern NEW_LAYER = Pattern.compile("encoder\\.layers\\.(\\d+)\\.(.+)");
  /** The residual branches' last projections: zero them and the layer adds nothing. */
  private static final List<String> RESIDUAL_OUTPUTS = List.of("attn.out.w", "attn.out.b", "ffn_out.w", "ffn_out.b");
  /** Local attention's parameters: zero them and a layer attends as without it. */
  private static final List<String> LOCALITY = List.of("anchor.w", "anchor.b", "locality");
  /** Local patches' parameters; the anchor head and output projection start at zero, the rest fresh. */
  private static final String PATCH = "encoder.patch.";
  private static final List<String> PATCH_ZEROED = List.of("encoder.patch.anchor.w", "encoder.patch.anchor.b", "encoder.patch.out.w", "encoder.patch.out.b");
  /** The decoder's global linear path; its output projection starts at zero, its input projection fresh. */
  private static final String GLOBAL = "decoder.global.";
  private static final List<String> GLOBAL_ZEROED = List.of("decoder.global.out.w", "decoder.global.out.b");

  private WarmStart() {}

  /**
   * What {@link #apply} did.
   *
   * @param copied parameters copied from the trained model
   * @param zeroed tensors set to zero: the new layers' residual outputs (weights and biases) and, where
   *     local attention is switched on, every layer's anchor offset and locality weights; where local
   *     patches are, their anchor head and output projection
   * @param fresh other parameters of the new layers, left at their initialisation
   */
  public record Report(int copied, int zeroed, int fresh) {}

  /**
   * Copies {@code source}'s parameters into {@code target} (in place).
   *
   * @throws IllegalArgumentException if the models differ in anything but encoder depth (and point
   *     count), or the target is shallower
   */
  public static Report apply(TopoVae target, TopoVae source) {
    int sourceLayers = source.config().encoderLayers();
    if (target.config().encoderLayers() < sourceLayers) {
      throw new IllegalArgumentException("cannot warm-start a " + target.config().encoderLayers()
          + "-layer encoder from a deeper one (" + sourceLayers + " layers)");
    }
    if (source.config().localAttention() && !target.config().localAttention()) {
      throw new IllegalArgumentException("cannot warm-start a model without local attention from one with it");
    }
    if (source.config().localPatch() != 0 && target.config().localPatch() != source.config().localPatch()) {
      throw new IllegalArgumentException("cannot warm-start: local patches can be switched on, not changed or off");
    }
    if (source.config().globalRank() != 0 && target.config().globalRank() != source.config().globalRank()) {
      throw new IllegalArgumentException("cannot warm-start: the decoder's global path can be switched on, not changed or off");
    }
    VaeConfig expected = source.config().withEncoderLayers(target.config().encoderLayers()).withPoints(target.config().points())
        .withLocalAttention(target.config().localAttention()).withLocalPatch(target.config().localPatch())
        .withGlobalRank(target.config().globalRank());
    if (!expected.equals(target.config())) {
      throw new IllegalArgumentException("cannot warm-start: the configs differ in more than encoder depth, local attention,"
          + " local patches, the decoder's global path and point count (only those may change)");
    }
    Map<String, NDArray> from = source.parameters().asMap();
    for (String name : from.keySet()) {
      if (!target.parameters().asMap().containsKey(name)) {
        throw new IllegalArgumentException("cannot warm-start: the new model has no parameter " + name);
      }
    }
    int copied = 0;
    int zeroed = 0;
    int fresh = 0;
    // Indexed puts copy into each parameter's own storage; set(float[]) would re-point it at a Java
    // buffer only the wrapper keeps alive (see ParameterSet.zeroGradients).
    try (NDManager scratch = target.parameters().manager().newSubManager()) {
      NDArray zero = scratch.create(0f); // [] broadcast by the put
      for (Map.Entry<String, NDArray> e : target.parameters().asMap().entrySet()) {
        String name = e.getKey();
        NDArray to = e.getValue();
        NDArray value = from.get(name);
        if (value != null) {
          if (!value.getShape().equals(to.getShape())) {
            throw new IllegalArgumentException("cannot warm-start: parameter " + name + " is " + value.getShape()
                + " in the trained model and " + to.getShape() + " in the new one (only encoder depth may change)");
          }
          to.set(new NDIndex("..."), scratch.create(value.toFloatArray(), value.getShape())); // same shape as to
          copied++;
          continue;
        }
        if (name.startsWith(PATCH) || name.startsWith(GLOBAL)) {
          if (PATCH_ZEROED.contains(name) || GLOBAL_ZEROED.contains(name)) {
            to.set(new NDIndex("..."), zero);
            zeroed++;
          } else {
            fresh++;
          }
          continue;
        }
        Matcher m = NEW_LAYER.matcher(name);
        if (m.matches() && LOCALITY.contains(m.group(2))) {
          to.set(new NDIndex("..."), zero);
          zeroed++;
          continue;
        }
        if (!m.matches() || Integer.parseInt(m.group(1)) < sourceLayers) {
          throw new IllegalArgumentException("cannot warm-start: the trained model has no parameter " + name
              + " (only encoder depth may change)");
        }
        if (RESIDUAL_OUTPUTS.contains(m.group(2))) {
          to.set(new NDIndex("..."), zero);
          zeroed++;
        } else {
          fresh++;
        }
      }
    }
    return new Report(copied, zeroed, fresh);
  }
}
