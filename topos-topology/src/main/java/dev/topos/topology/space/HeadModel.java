package dev.topos.topology.space;

import dev.topos.topology.Joint;
import dev.topos.topology.ReferenceTopology;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The parametric head model: maps {@link HeadParams} to a head in the reference topology, and
 * samples plausible heads from {@link HeadPrior}.
 *
 * <p>A shape is the base mesh plus every weighted target (macro blend, local sliders, expression
 * units per race weight), then translated into the canonical head frame: metres, +Y up, face along
 * +Z, origin at the midpoint of the two eye joints (docs/FRAME.md). No rotation and no scaling is
 * applied: a child's head is smaller than an adult's.
 */
public final class HeadModel {
  static final String[] RACES = {"african", "asian", "caucasian"};

  private final ReferenceTopology topology;
  private final HeadSpace space;
  private final HeadPrior prior;
  private final HeadValidity validity;

  static final String LIP_UNIT = "mouth-open";
  static final double LIP_STEP = 0.03;
  static final double MAX_LIP_PARTING = 0.3;
  private static final int MAX_ATTEMPTS = 100;

  public HeadModel(ReferenceTopology topology, HeadSpace space, HeadPrior prior) {
    if (topology.fullVertexCount() != space.fullVertexCount()) {
      throw new IllegalArgumentException("topology has " + topology.fullVertexCount()
          + " full-array vertices but the head space " + space.fullVertexCount());
    }
    this.topology = topology;
    this.space = space;
    this.prior = prior;
    this.validity = new HeadValidity(topology.head());
  }

  /** The model over the bundled reference topology and head space, with the default prior. */
  public static HeadModel loadBundled() {
    ReferenceTopology topology = ReferenceTopology.loadBundled();
    HeadSpace space = HeadSpace.loadBundled();
    return new HeadModel(topology, space, new HeadPrior(space, HeadPrior.Options.defaults()));
  }

  public ReferenceTopology topology() {
    return topology;
  }

  public HeadSpace space() {
    return space;
  }

  public HeadPrior prior() {
    return prior;
  }

  /** The head for these parameters, in the canonical frame. */
  public HeadShape shape(HeadParams params) {
    float[] full = rawFullPositions(params);
    toCanonicalFrame(topology, full);
    return new HeadShape(topology, params, full);
  }

  /** A head drawn from the prior; the same seed always gives the same head, byte for byte. */
  public HeadShape sample(long seed) {
    return sample(seed, false);
  }

  /**
   * A plausible head drawn from the prior, optionally with a random expression; the same seed
   * always gives the same head.
   *
   * <p>MakeHuman's closed lips touch, so many blends press them into each other. A head whose
   * surface intersects itself first gets its lips parted by the smallest "mouth-open" weight (in
   * steps of {@value #LIP_STEP}, at most {@value #MAX_LIP_PARTING}) that clears it; a head that is
   * still not {@link HeadValidity valid} is redrawn from the same random stream (the prior
   * truncated to plausible heads).
   */
  public HeadShape sample(long seed, boolean withExpression) {
    SplittableRandom rng = new SplittableRandom(seed);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      HeadParams params = prior.sample(rng, withExpression);
      HeadShape head = shape(params);
      HeadValidity.Report report = validity.check(head.headMesh());
      double open = params.expressions().getOrDefault(LIP_UNIT, 0.0);
      for (double extra = LIP_STEP; report.selfIntersections() > 0 && extra <= MAX_LIP_PARTING + 1e-9; extra += LIP_STEP) {
        java.util.TreeMap<String, Double> e = new java.util.TreeMap<>(params.expressions());
        e.put(LIP_UNIT, Math.min(1, open + extra));
        head = shape(params.withExpressions(e));
        report = validity.check(head.headMesh());
      }
      if (report.valid()) {
        return head;
      }
    }
    throw new IllegalStateException("no plausible head found for seed " + seed + " in " + MAX_ATTEMPTS + " draws");
  }

  /** The plausibility test used by {@link #sample}. */
  public HeadValidity validity() {
    return validity;
  }

  /** Base plus weighted targets, in MakeHuman's placement (before the canonical translation). */
  public float[] rawFullPositions(HeadParams params) {
    float[] full = space.basePositions().clone();
    for (Map.Entry<String, Double> e : MacroWeights.of(params.macro()).entrySet()) {
      ShapeTarget t = space.targets().get("macro/" + e.getKey());
      if (t != null) { // MakeHuman has no target for some combinations (e.g. baby proportions)
        t.addTo(full, e.getValue().floatValue());
      }
    }
    for (Map.Entry<String, Double> e : params.sliders().entrySet()) {
      Slider s = space.slider(e.getKey());
      double v = e.getValue();
      if (s.oneSided() && v < 0) {
        throw new IllegalArgumentException("slider " + s.name() + " is one-sided; " + v + " is below 0");
      }
      for (String name : v < 0 ? s.negative() : s.positive()) {
        space.targets().get(name).addTo(full, (float) Math.abs(v));
      }
    }
    MacroParams m = params.macro();
    double raceSum = m.african() + m.asian() + m.caucasian();
    double[] race = {m.african() / raceSum, m.asian() / raceSum, m.caucasian() / raceSum};
    for (Map.Entry<String, Double> e : params.expressions().entrySet()) {
      if (!space.expressionUnits().contains(e.getKey())) {
        throw new IllegalArgumentException("unknown expression '" + e.getKey() + "'; known: "
            + String.join(", ", space.expressionUnits()));
      }
      for (int r = 0; r < RACES.length; r++) {
        ShapeTarget t = space.targets().get("expression/" + RACES[r] + "/" + e.getKey());
        if (t != null) {
          t.addTo(full, (float) (e.getValue() * race[r]));
        }
      }
    }
    return full;
  }

  /** Translates full-array positions in place so that the eye-joint midpoint is the origin. */
  public static void toCanonicalFrame(ReferenceTopology topology, float[] full) {
    Joint left = topology.joint("eye.L").orElseThrow();
    Joint right = topology.joint("eye.R").orElseThrow();
    float[] l = left.position(full);
    float[] r = right.position(full);
    float[] mid = {(l[0] + r[0]) / 2, (l[1] + r[1]) / 2, (l[2] + r[2]) / 2};
    for (int i = 0; i < full.length; i += 3) {
      full[i] -= mid[0];
      full[i + 1] -= mid[1];
      full[i + 2] -= mid[2];
    }
  }
}
